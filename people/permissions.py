"""Who may do what with organisations, commitments and the people admin — in one place.

Plain functions of (user, object): views, the Wagtail admin and templates all call these, and
tests/people/test_permissions.py walks every role through every action as a table.
Staff groups are defined in umecom/roles.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from challenges.phases import ChallengeStatus
from umecom.roles import INNOVATION_TEAM, MODERATORS, has_role, is_innovation_team, role_q

from .models import CommitmentStatus, MembershipRole

if TYPE_CHECKING:
    from challenges.models import ChallengePage

    from .models import Commitment, Organisation, OrganisationInvitation

# A challenge takes commitments while ideas are collected and while teams form.
CHALLENGE_ACCEPTING = frozenset({ChallengeStatus.OPEN, ChallengeStatus.FORMING_TEAMS})


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _role_in(user, organisation: Organisation) -> str | None:
    """The user's role in the organisation, cached on the user object for the request."""
    if not _signed_in(user) or organisation is None or organisation.pk is None:
        return None
    cache = user.__dict__.setdefault("_umecom_org_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            organisation.memberships.filter(user=user).values_list("role", flat=True).first()
        )
    return cache[organisation.pk]


def forget_cached_roles(user) -> None:
    """Call after changing memberships within one request (services do)."""
    user.__dict__.pop("_umecom_org_roles", None)


def is_member(user, organisation: Organisation) -> bool:
    return _role_in(user, organisation) is not None


def is_org_admin(user, organisation: Organisation) -> bool:
    return _role_in(user, organisation) == MembershipRole.ADMIN


# --- Organisations -------------------------------------------------------------------------


def can_create_organisation(user) -> bool:
    return _signed_in(user)


def can_edit_organisation(user, organisation: Organisation) -> bool:
    # Any member, not only its admins; staff correct organisations in the Wagtail admin.
    return is_member(user, organisation)


def can_edit_organisation_identity(user, organisation: Organisation) -> bool:
    """Name and organisation number: what "Verifierad av Umeå kommun" vouches for."""
    return is_org_admin(user, organisation)


def can_act_for_organisation(user, organisation: Organisation) -> bool:
    """Speak in the organisation's name: join a challenge for it, withdraw its commitments.

    Every member may: membership is by invitation the person accepted (issue 13).
    """
    return is_member(user, organisation)


def can_manage_members(user, organisation: Organisation) -> bool:
    return is_org_admin(user, organisation)


# --- Invitations: membership needs the invited person's consent -----------------------------


def can_invite_members(user, organisation: Organisation) -> bool:
    return is_org_admin(user, organisation)


def can_withdraw_invitation(user, invitation: OrganisationInvitation) -> bool:
    return is_org_admin(user, invitation.organisation)


def is_invitee(user, invitation: OrganisationInvitation) -> bool:
    """The invitation was sent to an address this account has verified.

    A verified address, not the link's token, is the proof: a forwarded link lets nobody else
    in, and an address someone typed into their account without verifying counts for nothing.
    """
    if not _signed_in(user) or invitation is None or invitation.pk is None:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(
        user=user, verified=True, email__iexact=invitation.email
    ).exists()


def can_accept_invitation(user, invitation: OrganisationInvitation) -> bool:
    return not invitation.is_expired and is_invitee(user, invitation)


def can_decline_invitation(user, invitation: OrganisationInvitation) -> bool:
    # Declining an expired invitation is allowed: it only removes the address sooner.
    return is_invitee(user, invitation)


def can_leave_organisation(user, organisation: Organisation) -> bool:
    return is_member(user, organisation)


def can_verify_organisation(user) -> bool:
    return is_innovation_team(user)


# --- Commitments ---------------------------------------------------------------------------


def challenge_accepts_commitments(challenge: ChallengePage) -> bool:
    return challenge is not None and challenge.live and challenge.status in CHALLENGE_ACCEPTING


def can_join_challenge(
    user, challenge: ChallengePage, organisation: Organisation | None = None
) -> bool:
    if not _signed_in(user) or not challenge_accepts_commitments(challenge):
        return False
    if organisation is not None:
        return can_act_for_organisation(user, organisation)
    return True


def can_withdraw_commitment(user, commitment: Commitment) -> bool:
    if not _signed_in(user) or commitment.status not in CommitmentStatus.LIVE:
        return False
    if commitment.user_id == user.pk:
        return True
    # Any member may withdraw what their organisation promised, not only the one who clicked.
    return commitment.organisation_id is not None and can_act_for_organisation(
        user, commitment.organisation
    )


def can_decide_commitment(user) -> bool:
    return is_innovation_team(user)


# --- The innovation team's admin (Wagtail viewsets for people, organisations, commitments) ---


# Moderators may look; only the innovation team changes or exports. The admin's permission
# policy also needs these as a query ("which users may"), hence the group tuples.
PEOPLE_ADMIN_VIEWERS = (INNOVATION_TEAM, MODERATORS)
PEOPLE_ADMIN_MANAGERS = (INNOVATION_TEAM,)


def can_view_people_admin(user) -> bool:
    return has_role(user, PEOPLE_ADMIN_VIEWERS)


def can_manage_people_admin(user) -> bool:
    return has_role(user, PEOPLE_ADMIN_MANAGERS)


def people_admin_users_q(*, manage: bool) -> Q:
    """The users for whom `can_manage_people_admin` (or `can_view_people_admin`) holds."""
    return role_q(PEOPLE_ADMIN_MANAGERS if manage else PEOPLE_ADMIN_VIEWERS)


# --- Profiles -----------------------------------------------------------------------------


def can_view_profile(viewer, profile) -> bool:
    """Public → anyone; members → signed-in users; hidden → the owner and the innovation team."""
    from .models import Visibility

    if _signed_in(viewer) and viewer.pk == profile.user_id:
        return True
    if profile.visibility == Visibility.PUBLIC:
        return True
    if profile.visibility == Visibility.MEMBERS:
        return _signed_in(viewer)
    return can_view_hidden_profiles(viewer)


def can_view_hidden_profiles(user) -> bool:
    return is_innovation_team(user)


def profiles_visible_in_admin_q(user) -> Q:
    """The admin's form of `can_view_profile` for staff: a moderator's work does not need
    people who chose to be hidden, so only the innovation team sees them."""
    from .models import Visibility

    return Q() if can_view_hidden_profiles(user) else ~Q(visibility=Visibility.HIDDEN)


def can_edit_profile(user, profile) -> bool:
    return _signed_in(user) and user.pk == profile.user_id
