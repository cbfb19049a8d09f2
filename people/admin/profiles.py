"""Personer: profiles in the admin (look and correct; accounts own their profile)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy
from django_filters import ModelMultipleChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from people.admin.base import ExportingIndexView, joined_names
from people.models import Profile
from umecom.core.admin_display import ReadableInspectView, YesNoColumn
from umecom.taxonomy.models import District


class ProfileIndexView(ExportingIndexView):
    list_prefetch = ("districts",)
    export_values = {
        "actor_type": lambda p: p.get_actor_type_display(),
        "visibility": lambda p: p.get_visibility_display(),
        "districts": lambda p: joined_names(p.districts),
    }


class ProfileFilterSet(WagtailFilterSet):
    districts = ModelMultipleChoiceFilter(
        label=gettext_lazy("Stadsdel"),
        queryset=District.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Profile
        fields = ["actor_type", "visibility", "findable_for_projects", "invitable_to_teams"]


def _district_column(label):
    return Column("districts", label=label, accessor=lambda obj: joined_names(obj.districts))


class ProfileViewSet(ModelViewSet):
    model = Profile
    pk_path_converter = "id"
    index_view_class = ProfileIndexView
    icon = "user"
    menu_label = gettext_lazy("Personer")
    name = "deltagare_personer"
    url_prefix = "deltagare/personer"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    inspect_view_fields = [
        "display_name", "actor_type", "bio", "districts", "visibility",
        "findable_for_projects", "invitable_to_teams", "created_at",
    ]  # fmt: skip
    form_fields = ["display_name", "actor_type", "bio", "districts"]
    list_display = [
        "display_name",
        Column(
            "actor_type", label=gettext_lazy("Slags deltagare"), accessor="get_actor_type_display"
        ),
        _district_column(gettext_lazy("Stadsdelar")),
        Column("visibility", label=gettext_lazy("Synlighet"), accessor="get_visibility_display"),
        YesNoColumn("findable_for_projects", label=gettext_lazy("Sökbar")),
        DateColumn("created_at", label=gettext_lazy("Skapad")),
    ]
    filterset_class = ProfileFilterSet
    search_fields = ["display_name", "bio"]
    list_export = [
        "display_name", "actor_type", "districts", "visibility",
        "findable_for_projects", "invitable_to_teams", "created_at",
    ]  # fmt: skip
    export_headings = {
        "display_name": gettext_lazy("Namn"),
        "actor_type": gettext_lazy("Slags deltagare"),
        "districts": gettext_lazy("Stadsdelar"),
        "visibility": gettext_lazy("Synlighet"),
        "findable_for_projects": gettext_lazy("Sökbar för projekt"),
        "invitable_to_teams": gettext_lazy("Kan bjudas in"),
        "created_at": gettext_lazy("Skapad"),
    }
    export_filename = "umecom-personer"
