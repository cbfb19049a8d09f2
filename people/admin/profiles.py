"""Personer: profiles in the admin (look and correct; accounts own their profile)."""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy
from django_filters import ModelMultipleChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from people import permissions
from people.admin.base import ExportingIndexView, joined_names
from people.models import Profile
from umecom.core.admin_display import ReadableInspectView, YesNoColumn
from umecom.taxonomy.models import District


class ProfileIndexView(ExportingIndexView):
    list_prefetch = ("districts",)

    def get_base_queryset(self):
        # Listing, search, filters and the CSV/XLSX export alike.
        visible = permissions.profiles_visible_in_admin_q(self.request.user)
        return super().get_base_queryset().filter(visible)

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


class HiddenProfilesStayHidden:
    """For the views that open one profile: staff who may not see a hidden profile get a 404,
    as on the public site (`people.permissions.can_view_profile`)."""

    def get_object(self, *args, **kwargs):
        profile = super().get_object(*args, **kwargs)
        if not permissions.can_view_profile(self.request.user, profile):
            raise Http404
        return profile


class ProfileInspectView(HiddenProfilesStayHidden, ReadableInspectView):
    pass


class ProfileHistoryView(HiddenProfilesStayHidden, HistoryView):
    pass


class ProfileUsageView(HiddenProfilesStayHidden, UsageView):
    pass


def _district_column(label):
    return Column("districts", label=label, accessor=lambda obj: joined_names(obj.districts))


class ProfileViewSet(ModelViewSet):
    model = Profile
    pk_path_converter = "id"
    index_view_class = ProfileIndexView
    inspect_view_class = ProfileInspectView
    history_view_class = ProfileHistoryView
    usage_view_class = ProfileUsageView
    icon = "user"
    menu_label = gettext_lazy("Personer")
    name = "deltagare_personer"
    url_prefix = "deltagare/personer"
    copy_view_enabled = False
    inspect_view_enabled = True
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
