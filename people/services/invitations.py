"""Membership by invitation: an organisation admin invites an address, the person says yes or no.

Issue 13: adding an existing account straight away let an admin reveal that an address has an
account (and its name, hidden profile or not) and could leave someone as the only admin of an
organisation they never chose. Now nothing about the invited address is looked up when the
invitation is made: the same row, the same e-mail and the same answer to the admin whether
the address has an account, has none yet (it is honoured once that address signs up and is
verified), or already belongs to a member. The person accepts or declines on the link in the
e-mail or under "Mina organisationer"; until then only the address shows on the members page.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from people.models import (
    MembershipRole,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    User,
)
from people.permissions import forget_cached_roles, is_invitee
from people.services.organisations import OrganisationError
from umecom.events import send_email_on_commit

INVITATION_LIFETIME = timedelta(days=14)
# Asking again for an open invitation renews it, but mails the address at most this often,
# so an admin cannot use Umecom to flood someone's inbox.
RESEND_AFTER = timedelta(hours=1)
# Open invitations per organisation; beyond this the admin withdraws some first.
MAX_OPEN_INVITATIONS = 50


class InvitationError(OrganisationError):
    """A rule was broken; `str(error)` is a message fit to show the user."""


def _normalise(email: str) -> str:
    return (email or "").strip().lower()


def invitation_url(token: str, *, language: str) -> str:
    with translation.override(language):
        path = reverse("people:invitation", args=[token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(invitation: OrganisationInvitation, token: str) -> None:
    language = invitation.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "organisation_name": invitation.organisation.name,
            "role": invitation.get_role_display(),
            "url": invitation_url(token, language=language),
            "expires_at": timezone.localtime(invitation.expires_at),
        }
        subject = "[Umecom] " + str(_("Inbjudan till %(name)s")) % {
            "name": invitation.organisation.name
        }
        body = render_to_string("people/invitation_email.txt", context)
    send_email_on_commit(to=[invitation.email], subject=subject, body=body)


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str = MembershipRole.MEMBER,
    invited_by: User | None = None,
    language: str = "sv",
) -> OrganisationInvitation:
    """Invite an address (or renew its open invitation) and e-mail it after commit.

    Returns the invitation with the link's `token` attached (it is stored only as a hash).
    Never looks at accounts: what happens is the same for every address.
    """
    email = _normalise(email)
    if not email:
        raise InvitationError(_("Skriv en e-postadress."))
    if role not in MembershipRole.values:
        raise InvitationError(_("Okänd roll."))
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    invitation = (
        OrganisationInvitation.objects.select_for_update()
        .filter(organisation=organisation, email=email)
        .first()
    )
    send = True
    if invitation is None:
        if organisation.invitations.filter(expires_at__gt=now).count() >= MAX_OPEN_INVITATIONS:
            raise InvitationError(
                _(
                    "Organisationen har redan %(count)s obesvarade inbjudningar. "
                    "Dra tillbaka några innan du bjuder in fler."
                )
                % {"count": MAX_OPEN_INVITATIONS}
            )
        invitation = OrganisationInvitation(organisation=organisation, email=email, sent_at=now)
    else:
        send = invitation.sent_at <= now - RESEND_AFTER or invitation.is_expired
    invitation.role = role
    invitation.invited_by = invited_by
    invitation.language = language
    invitation.expires_at = now + INVITATION_LIFETIME
    if send:
        # A new link each time it is mailed: an older e-mail's link stops working.
        invitation.token_hash = OrganisationInvitation.hash_token(token)
        invitation.sent_at = now
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as exc:  # two admins inviting the same address at the same moment
        raise InvitationError(_("Adressen bjöds just in av någon annan. Försök igen.")) from exc
    if send:
        _send(invitation, token)
        invitation.token = token
    return invitation


def _locked(invitation: OrganisationInvitation) -> OrganisationInvitation:
    locked = (
        OrganisationInvitation.objects.select_for_update()
        .select_related("organisation")
        .filter(pk=invitation.pk)
        .first()
    )
    if locked is None:
        raise InvitationError(_("Inbjudan finns inte längre."))
    return locked


@transaction.atomic
def invitation_accept(*, invitation: OrganisationInvitation, user: User) -> OrganisationMembership:
    """The invited person says yes: they become a member with the invited role."""
    invitation = _locked(invitation)
    if not is_invitee(user, invitation):
        raise InvitationError(_("Inbjudan gäller en annan e-postadress."))
    if invitation.is_expired:
        raise InvitationError(_("Inbjudan har gått ut. Be organisationens administratör om en ny."))
    membership, created = OrganisationMembership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    # Already a member: an invitation never lowers a role, and raises it only to what was offered.
    if not created and invitation.role == MembershipRole.ADMIN:
        membership.role = MembershipRole.ADMIN
        membership.save(update_fields=["role"])
    invitation.delete()
    forget_cached_roles(user)
    return membership


@transaction.atomic
def invitation_decline(*, invitation: OrganisationInvitation, user: User) -> None:
    """The invited person says no; the address is forgotten at once."""
    invitation = _locked(invitation)
    if not is_invitee(user, invitation):
        raise InvitationError(_("Inbjudan gäller en annan e-postadress."))
    invitation.delete()


@transaction.atomic
def invitation_withdraw(*, invitation: OrganisationInvitation) -> None:
    """An organisation admin takes the invitation back; its link stops working."""
    OrganisationInvitation.objects.filter(pk=invitation.pk).delete()


def invitations_purge_expired(*, older_than: timedelta = timedelta(days=30)) -> int:
    """Forget addresses of invitations that ran out long ago (for a scheduled job)."""
    deleted, _detail = OrganisationInvitation.objects.filter(
        expires_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
