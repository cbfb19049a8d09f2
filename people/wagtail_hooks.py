"""The innovation team's view of people, organisations and commitments in the Wagtail admin.

Three ModelViewSets in one "Deltagare" menu, a permission policy that defers to
people/permissions.py, per-object actions (verify an organisation, answer a commitment) and a
dashboard panel with the participation mix as server-side SVG bar charts.

Data minimisation: no listing or export shows e-mail addresses except the commitment export,
because the innovation team needs a way to reach the people who joined a challenge.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import BooleanFilter, ModelMultipleChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ViewSetGroup
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from people import permissions
from people.forms.commitments import DecisionForm
from people.models import (
    Commitment,
    CommitmentStatus,
    OfferKind,
    Organisation,
    Profile,
)
from people.selectors.commitments import participation_mix
from people.services.commitments import CommitmentError, commitment_decide
from people.services.organisations import organisation_verify
from people.validators import normalise_org_number
from umecom.roles import INNOVATION_TEAM, MODERATORS
from umecom.taxonomy.models import District

# --- Who may do what: one policy for the three models, deferring to people/permissions.py ---


class PeopleAdminPolicy(BasePermissionPolicy):
    """Moderators may look; the innovation team may also do `manage_actions`."""

    def __init__(self, model, *, manage_actions=()):
        super().__init__(model)
        self.manage_actions = frozenset(manage_actions)

    def user_has_permission(self, user, action):
        if action == "view":
            return permissions.can_view_people_admin(user)
        if action in self.manage_actions:
            return permissions.can_manage_people_admin(user)
        return False

    def users_with_any_permission(self, actions):
        groups = [INNOVATION_TEAM]
        if "view" in actions:
            groups.append(MODERATORS)
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name__in=groups), is_active=True)
            .distinct()
        )


# Registered at import time, before Wagtail creates a fallback policy for these models.
# Profiles are never added or deleted here: accounts own their profile, and deletion goes
# through the GDPR flow. Commitments change only through "Svara" (so the e-mail is sent).
register_permission_policy(Profile, PeopleAdminPolicy(Profile, manage_actions={"change"}))
register_permission_policy(
    Organisation, PeopleAdminPolicy(Organisation, manage_actions={"add", "change", "delete"})
)
register_permission_policy(Commitment, PeopleAdminPolicy(Commitment, manage_actions=()))


class ExportingIndexView(IndexView):
    """Spreadsheet export for the innovation team only, with callables for related columns."""

    export_values: dict = {}
    list_prefetch: tuple = ()

    def dispatch(self, request, *args, **kwargs):
        if request.GET.get("export") and not permissions.can_manage_people_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related(*self.list_prefetch)

    @cached_property
    def show_export_buttons(self):
        # Moderators may look, but only the innovation team takes data out of the admin.
        return bool(self.list_export) and permissions.can_manage_people_admin(self.request.user)

    def to_row_dict(self, item):
        return {
            field: self.export_values[field](item)
            if field in self.export_values
            else _multiget(item, field)
            for field in self.list_export
        }


def _multiget(item, dotted: str):
    value = item
    for part in dotted.split("."):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return value() if callable(value) else value


def _names(related) -> str:
    return ", ".join(str(obj) for obj in related.all())


# --- People ----------------------------------------------------------------------------------


class ProfileIndexView(ExportingIndexView):
    list_prefetch = ("districts",)
    export_values = {
        "actor_type": lambda p: p.get_actor_type_display(),
        "visibility": lambda p: p.get_visibility_display(),
        "districts": lambda p: _names(p.districts),
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
    return Column("districts", label=label, accessor=lambda obj: _names(obj.districts))


class ProfileViewSet(ModelViewSet):
    model = Profile
    index_view_class = ProfileIndexView
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
        BooleanColumn("findable_for_projects", label=gettext_lazy("Sökbar")),
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


# --- Organisations -------------------------------------------------------------------------


class OrganisationAdminForm(WagtailAdminModelForm):
    def clean_org_number(self):
        return normalise_org_number(self.cleaned_data["org_number"])


class OrganisationFilterSet(WagtailFilterSet):
    verified = BooleanFilter(
        label=gettext_lazy("Verifierad"),
        field_name="verified_at",
        lookup_expr="isnull",
        exclude=True,
    )
    districts = ModelMultipleChoiceFilter(
        label=gettext_lazy("Stadsdel"),
        queryset=District.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = ["kind"]


class OrganisationIndexView(ExportingIndexView):
    list_prefetch = ("districts", "offers", "needs")
    export_values = {
        "kind": lambda o: o.get_kind_display(),
        "districts": lambda o: _names(o.districts),
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
    """Confirm (GET) and verify or un-verify (POST) one organisation."""
    if not permissions.can_verify_organisation(request.user):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation, pk=pk)
    if request.method == "POST":
        verify = not organisation.is_verified
        organisation_verify(organisation=organisation, by=request.user, verified=verify)
        if verify:
            messages.success(request, _("%(name)s är verifierad.") % {"name": organisation.name})
        else:
            messages.success(
                request, _("Verifieringen av %(name)s är borttagen.") % {"name": organisation.name}
            )
        return redirect("deltagare_organisationer:index")
    return TemplateResponse(
        request, "people/admin/organisation_verify.html", {"organisation": organisation}
    )


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    index_view_class = OrganisationIndexView
    icon = "group"
    menu_label = gettext_lazy("Organisationer")
    name = "deltagare_organisationer"
    url_prefix = "deltagare/organisationer"
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = [
        "name", "slug", "kind", "org_number", "description", "website", "districts",
        "offers", "needs",
    ]  # fmt: skip
    list_display = [
        "name",
        Column("kind", label=gettext_lazy("Slag"), accessor="get_kind_display"),
        "org_number",
        BooleanColumn("is_verified", label=gettext_lazy("Verifierad")),
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
            path("<int:pk>/verifiera/", verify_organisation_view, name="verify"),
        ]


# --- Commitments ---------------------------------------------------------------------------


def _offer_labels(commitment) -> str:
    labels = dict(OfferKind.choices)
    return ", ".join(str(labels.get(o, o)) for o in commitment.offers)


def _participant_kind(commitment) -> str:
    if commitment.organisation_id:
        return str(commitment.organisation.get_kind_display())
    profile = getattr(commitment.user, "profile", None) if commitment.user_id else None
    return str(profile.get_actor_type_display()) if profile else ""


class CommitmentFilterSet(WagtailFilterSet):
    as_organisation = BooleanFilter(
        label=gettext_lazy("För en organisation"),
        field_name="organisation",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Commitment
        fields = ["status", "challenge"]


class CommitmentIndexView(ExportingIndexView):
    export_values = {
        "participant": lambda c: c.participant_name,
        "participant_kind": _participant_kind,
        "challenge": lambda c: c.challenge.title,
        "offers": _offer_labels,
        "status": lambda c: c.get_status_display(),
        # The one place an address is exported: the team must be able to reach participants.
        "contact_email": lambda c: c.user.email if c.user_id else "",
    }

    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("challenge", "organisation", "user__profile")
        )

    @cached_property
    def columns(self):
        columns = super().columns
        columns[0].label = gettext_lazy("Deltagare")
        return columns

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if permissions.can_decide_commitment(self.request.user) and instance.status in (
            CommitmentStatus.PENDING,
            CommitmentStatus.ACCEPTED,
            CommitmentStatus.DECLINED,
        ):
            buttons.append(
                # A visible button, not hidden in the "…" menu: answering is the main job here.
                ListingButton(
                    _("Svara"),
                    url=reverse("deltagare_ataganden:decide", args=[instance.pk]),
                    icon_name="mail",
                    priority=5,
                )
            )
        return buttons


def decide_commitment_view(request, pk: int):
    """Accept or decline with a reason; the participant is e-mailed after commit."""
    if not permissions.can_decide_commitment(request.user):
        raise PermissionDenied
    commitment = get_object_or_404(
        Commitment.objects.select_related("challenge", "organisation", "user__profile"), pk=pk
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commitment_decide(
                commitment=commitment,
                by=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except CommitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Svaret är sparat och %(name)s får ett e-postmeddelande.")
                % {"name": commitment.participant_name},
            )
            return redirect("deltagare_ataganden:index")
    return TemplateResponse(
        request,
        "people/admin/commitment_decide.html",
        {
            "commitment": commitment,
            "form": form,
            "offers": _offer_labels(commitment),
            "participant_kind": _participant_kind(commitment),
        },
    )


class CommitmentViewSet(ModelViewSet):
    model = Commitment
    index_view_class = CommitmentIndexView
    icon = "tick-inverse"
    menu_label = gettext_lazy("Åtaganden")
    name = "deltagare_ataganden"
    url_prefix = "deltagare/ataganden"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "challenge", "organisation", "offers", "message", "status", "decision_reason",
        "decided_at", "created_at",
    ]  # fmt: skip
    form_fields = ["status"]  # never used: the policy grants no "change"; answers go via "Svara"
    list_display = [
        "participant_name",  # a plain name first, so Wagtail makes it the title column
        Column("participant_kind", label=gettext_lazy("Slag"), accessor=_participant_kind),
        Column("challenge", label=gettext_lazy("Utmaning"), accessor="challenge.title"),
        Column("offers", label=gettext_lazy("Erbjuder"), accessor=_offer_labels),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=gettext_lazy("Anmäld"), sort_key="created_at"),
    ]
    filterset_class = CommitmentFilterSet
    search_fields = ["message", "organisation__name", "user__profile__display_name"]
    list_export = [
        "participant", "participant_kind", "contact_email", "challenge", "offers", "message",
        "status", "decision_reason", "created_at", "decided_at",
    ]  # fmt: skip
    export_headings = {
        "participant": gettext_lazy("Deltagare"),
        "participant_kind": gettext_lazy("Slag"),
        "contact_email": gettext_lazy("E-post (kontakt)"),
        "challenge": gettext_lazy("Utmaning"),
        "offers": gettext_lazy("Erbjuder"),
        "message": gettext_lazy("Meddelande"),
        "status": gettext_lazy("Status"),
        "decision_reason": gettext_lazy("Motivering"),
        "created_at": gettext_lazy("Anmäld"),
        "decided_at": gettext_lazy("Besvarad"),
    }
    export_filename = "umecom-ataganden"

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/svara/", decide_commitment_view, name="decide"),
        ]


class ParticipantsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Deltagare")
    menu_icon = "group"
    menu_order = 250
    items = (ProfileViewSet, OrganisationViewSet, CommitmentViewSet)


@hooks.register("register_admin_viewset")
def register_participants_viewsets():
    return ParticipantsGroup()


# --- Dashboard: the participation mix --------------------------------------------------------

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190
CHART_WIDTH = 560


class ParticipationPanel(Component):
    name = "participation_mix"
    order = 150
    template_name = "people/admin/participation_panel.html"

    def get_context_data(self, parent_context=None):
        charts = []
        for chart in participation_mix():
            scale = (CHART_WIDTH - LABEL_WIDTH - 50) / chart.max_value if chart.max_value else 0
            bars = [
                {
                    "label": bar.label,
                    "value": bar.value,
                    "y": i * (BAR_HEIGHT + BAR_GAP),
                    "text_y": i * (BAR_HEIGHT + BAR_GAP) + BAR_HEIGHT * 0.7,
                    "width": round(bar.value * scale, 1),
                    "value_x": LABEL_WIDTH + round(bar.value * scale, 1) + 6,
                }
                for i, bar in enumerate(chart.bars)
            ]
            charts.append(
                {
                    "chart": chart,
                    "bars": bars,
                    "height": max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP),
                    "summary": "; ".join(f"{b.label}: {b.value}" for b in chart.bars),
                }
            )
        return {
            "charts": charts,
            "width": CHART_WIDTH,
            "label_width": LABEL_WIDTH,
            "bar_height": BAR_HEIGHT,
        }


@hooks.register("construct_homepage_panels")
def add_participation_panel(request, panels):
    if permissions.can_view_people_admin(request.user):
        panels.append(ParticipationPanel())


@hooks.register("before_delete_user")
def delete_user_through_the_privacy_service(request, user):
    """Deleting a user in the admin takes the same path as "Radera mitt konto": personal data
    removed, contributions anonymised, a DeletionLog without personal data. Returning a
    response stops Wagtail from deleting the row itself."""
    from people.services.privacy import AccountDeletionRefused, account_delete

    if request.method != "POST":
        return None
    try:
        account_delete(user=user)
    except AccountDeletionRefused as refused:
        messages.error(
            request,
            _(
                "Kontot kan inte raderas: personen är enda administratör för %(orgs)s. "
                "Ge någon annan administratörsrollen först."
            )
            % {"orgs": ", ".join(o.name for o in refused.organisations)},
        )
        return redirect("wagtailusers_users:edit", user.pk)
    messages.success(request, _("Kontot har raderats och personens bidrag har anonymiserats."))
    return redirect("wagtailusers_users:index")
