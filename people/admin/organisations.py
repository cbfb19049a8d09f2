"""Organisationer: listing, editing and the verify action."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import BooleanFilter, ModelMultipleChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from people import permissions
from people.admin.base import ExportingIndexView, joined_names
from people.models import Organisation
from people.selectors.organisations import organisations_without_admin
from people.services.organisations import VERIFIED_FIELDS, organisation_verify
from people.validators import normalise_org_number
from umecom.core.admin_display import ReadableInspectView, YesNoColumn
from umecom.taxonomy.models import District


class OrganisationAdminForm(WagtailAdminModelForm):
    def clean_org_number(self):
        return normalise_org_number(self.cleaned_data["org_number"])

    def save(self, commit=True):
        # Staff edits follow the public rule (people.services.organisations): verification
        # vouches for a name and a number, so changing either takes it back.
        if self.instance.verified_at and set(VERIFIED_FIELDS) & set(self.changed_data):
            self.instance.verified_at = None
            self.instance.verified_by = None
        return super().save(commit)


class OrganisationFilterSet(WagtailFilterSet):
    verified = BooleanFilter(
        label=gettext_lazy("Verifierad"),
        field_name="verified_at",
        lookup_expr="isnull",
        exclude=True,
    )
    without_admin = BooleanFilter(
        label=gettext_lazy("Utan administratör"),
        method="filter_without_admin",
        help_text=gettext_lazy("Organisationer där ingen medlem har administratörsrollen."),
    )
    districts = ModelMultipleChoiceFilter(
        label=gettext_lazy("Stadsdel"),
        queryset=District.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )

    def filter_without_admin(self, queryset, name, value):
        if value is None:
            return queryset
        without = organisations_without_admin(queryset)
        return without if value else queryset.exclude(pk__in=without.values("pk"))

    class Meta:
        model = Organisation
        fields = ["kind"]


class OrganisationIndexView(ExportingIndexView):
    list_prefetch = ("districts", "offers", "needs")
    export_values = {
        "kind": lambda o: o.get_kind_display(),
        "verified_at": lambda o: o.is_verified,  # Ja/Nej, like the listing's column
        "districts": lambda o: joined_names(o.districts),
        "offers": lambda o: ", ".join(t.name for t in o.offers.all()),
        "needs": lambda o: ", ".join(t.name for t in o.needs.all()),
        "member_count": lambda o: o.member_count,
    }

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(member_count=Count("memberships"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if permissions.can_verify_organisation(self.request.user):
            buttons.append(
                MenuItem(
                    _("Ta bort verifiering") if instance.is_verified else _("Verifiera"),
                    url=reverse("deltagare_organisationer:verify", args=[instance.pk]),
                    icon_name="success",
                    priority=5,
                )
            )
        return buttons


def verify_organisation_view(request, pk: int):
    """Confirm (GET) and verify or un-verify (POST) one organisation.

    The form says which state it asks for (`verified=1` or `0`, like the public page), so a
    double submit or a stale tab repeats the same answer instead of flipping it back.
    """
    if not permissions.can_verify_organisation(request.user):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation, pk=pk)
    if request.method == "POST":
        wanted = request.POST.get("verified")
        if wanted not in ("0", "1"):
            messages.error(request, _("Välj om organisationen ska verifieras eller inte."))
            return redirect("deltagare_organisationer:verify", organisation.pk)
        verify = wanted == "1"
        name = {"name": organisation.name}
        if verify == organisation.is_verified:
            # Already in the state asked for: keep who verified it and when.
            if verify:
                messages.info(request, _("%(name)s är redan verifierad.") % name)
            else:
                messages.info(request, _("%(name)s är inte verifierad.") % name)
            return redirect("deltagare_organisationer:index")
        organisation_verify(organisation=organisation, by=request.user, verified=verify)
        if verify:
            messages.success(request, _("%(name)s är verifierad.") % name)
        else:
            messages.success(request, _("Verifieringen av %(name)s är borttagen.") % name)
        return redirect("deltagare_organisationer:index")
    return TemplateResponse(
        request, "people/admin/organisation_verify.html", {"organisation": organisation}
    )


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    pk_path_converter = "id"
    index_view_class = OrganisationIndexView
    icon = "group"
    menu_label = gettext_lazy("Organisationer")
    name = "deltagare_organisationer"
    url_prefix = "deltagare/organisationer"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    # No member list and no "verified by": who belongs to an organisation is shown on the
    # members page to those the profiles allow (hidden profiles included), not to every
    # staff role here; the count is enough to moderate and to verify.
    inspect_view_fields = [
        "name", "kind", "org_number", "description", "website", "districts", "offers",
        "needs", "verified_at", "created_at",
    ]  # fmt: skip
    form_fields = [
        "name", "slug", "kind", "org_number", "description", "website", "districts",
        "offers", "needs",
    ]  # fmt: skip
    list_display = [
        "name",
        Column("kind", label=gettext_lazy("Slag"), accessor="get_kind_display"),
        "org_number",
        YesNoColumn("is_verified", label=gettext_lazy("Verifierad")),
        Column("member_count", label=gettext_lazy("Medlemmar"), sort_key="member_count"),
        DateColumn("created_at", label=gettext_lazy("Registrerad"), sort_key="created_at"),
    ]
    filterset_class = OrganisationFilterSet
    search_fields = ["name", "org_number", "description"]
    list_export = [
        "name", "kind", "org_number", "website", "verified_at", "districts", "offers", "needs",
        "member_count", "created_at",
    ]  # fmt: skip
    export_headings = {
        "name": gettext_lazy("Namn"),
        "kind": gettext_lazy("Slag"),
        "org_number": gettext_lazy("Organisationsnummer"),
        "website": gettext_lazy("Webbplats"),
        "verified_at": gettext_lazy("Verifierad"),
        "districts": gettext_lazy("Stadsdelar"),
        "offers": gettext_lazy("Erbjuder"),
        "needs": gettext_lazy("Söker"),
        "member_count": gettext_lazy("Medlemmar"),
        "created_at": gettext_lazy("Registrerad"),
    }
    export_filename = "umecom-organisationer"

    def get_form_class(self, for_update=False):
        from django.forms.models import modelform_factory

        return modelform_factory(self.model, form=OrganisationAdminForm, fields=self.form_fields)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/verifiera/", verify_organisation_view, name="verify"),
        ]
