"""Anmälningar: the listing and the innovation team's "Svara" (accept or decline)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import BooleanFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from people import permissions
from people.admin.base import ExportingIndexView
from people.forms.commitments import DecisionForm
from people.models import Commitment, CommitmentStatus, OfferKind
from people.services.commitments import CommitmentError, commitment_decide
from umecom.core.admin_display import ReadableInspectView


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
            if request.POST.get("from") == "dashboard":
                return redirect("wagtailadmin_home")
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


class CommitmentInspectView(ReadableInspectView):
    list_choices = {"offers": OfferKind.choices}


class CommitmentViewSet(ModelViewSet):
    model = Commitment
    pk_path_converter = "id"
    index_view_class = CommitmentIndexView
    icon = "tick-inverse"
    menu_label = gettext_lazy("Anmälningar")
    name = "deltagare_ataganden"
    url_prefix = "deltagare/ataganden"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = CommitmentInspectView
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
    export_filename = "umecom-anmalningar"

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/svara/", decide_commitment_view, name="decide"),
        ]
