"""Writes for commitments: joining a challenge, withdrawing, and the innovation team's answer.

The answer is e-mailed (queued after commit) in the language the participant joined in.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from challenges.models import ChallengePage
from people.models import (
    Commitment,
    CommitmentStatus,
    MembershipRole,
    OfferKind,
    Organisation,
    User,
)
from people.permissions import challenge_accepts_commitments, is_member
from umecom.events import send_email_on_commit


class CommitmentError(Exception):
    """A rule was broken; `str(error)` is a message fit to show the user."""


def _clean_offers(offers: Iterable[str]) -> list[str]:
    # Keep the order of OfferKind, drop duplicates and anything unknown.
    chosen = set(offers or ())
    cleaned = [value for value in OfferKind.values if value in chosen]
    if not cleaned:
        raise CommitmentError(_("Välj minst en sak som du erbjuder."))
    return cleaned


def commitment_create(
    *,
    challenge: ChallengePage,
    user: User,
    offers: Iterable[str],
    message: str = "",
    organisation: Organisation | None = None,
    language: str = "sv",
) -> Commitment:
    if not challenge_accepts_commitments(challenge):
        raise CommitmentError(_("Utmaningen tar inte emot nya deltagare just nu."))
    if organisation is not None and not is_member(user, organisation):
        raise CommitmentError(_("Du kan bara anmäla organisationer som du är medlem i."))
    commitment = Commitment(
        challenge=challenge,
        user=user,
        organisation=organisation,
        offers=_clean_offers(offers),
        message=(message or "").strip(),
        language=(language or "sv")[:10],
    )
    try:
        with transaction.atomic():
            commitment.save()
    except IntegrityError as exc:
        # The partial unique constraints allow one live commitment per participant.
        if organisation is not None:
            raise CommitmentError(
                _("%(name)s är redan med i den här utmaningen.") % {"name": organisation.name}
            ) from exc
        raise CommitmentError(_("Du är redan med i den här utmaningen.")) from exc
    return commitment


@transaction.atomic
def commitment_withdraw(*, commitment: Commitment) -> Commitment:
    if commitment.status not in CommitmentStatus.LIVE:
        raise CommitmentError(_("Anmälan är redan avslutad."))
    commitment.status = CommitmentStatus.WITHDRAWN
    commitment.save(update_fields=["status"])
    return commitment


@transaction.atomic
def commitment_decide(
    *, commitment: Commitment, by: User, accept: bool, reason: str = ""
) -> Commitment:
    """Accept or decline; the participant is told by e-mail once the transaction commits."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.status == CommitmentStatus.WITHDRAWN:
        raise CommitmentError(_("Deltagaren har redan återkallat anmälan."))
    reason = (reason or "").strip()
    if not accept and not reason:
        raise CommitmentError(_("Skriv en motivering när ni tackar nej."))
    commitment.status = CommitmentStatus.ACCEPTED if accept else CommitmentStatus.DECLINED
    commitment.decision_reason = reason
    commitment.decided_by = by
    commitment.decided_at = timezone.now()
    commitment.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    _queue_decision_email(commitment)
    return commitment


def _recipients(commitment: Commitment) -> list[str]:
    if commitment.user_id and commitment.user.is_active:
        return [commitment.user.email]
    if commitment.organisation_id:
        # The member who joined has left Umecom; tell the organisation's admins instead.
        return list(
            commitment.organisation.memberships.filter(role=MembershipRole.ADMIN).values_list(
                "user__email", flat=True
            )
        )
    return []


def _queue_decision_email(commitment: Commitment) -> None:
    """Rendered now, in the language the participant joined in; queued once committed."""
    recipients = _recipients(commitment)
    if not recipients:
        return
    with translation.override(commitment.language or settings.LANGUAGE_CODE):
        context = {
            "commitment": commitment,
            "challenge_title": commitment.challenge.title,
            "accepted": commitment.status == CommitmentStatus.ACCEPTED,
            "join_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("people:challenge_join", args=[commitment.challenge_id]),
        }
        if context["accepted"]:
            subject = _("Välkommen med i utmaningen ”%(title)s”")
        else:
            subject = _("Svar om utmaningen ”%(title)s”")
        subject = "[Umecom] " + str(subject) % {"title": commitment.challenge.title}
        body = render_to_string("people/commitment_decided_email.txt", context)
    send_email_on_commit(to=recipients, subject=subject, body=body)
