"""Who may do what: every role through every action, at the function AND the HTTP level.

One table (ALLOWED) drives both halves, meinBerlin-style, so the views cannot drift from
people/permissions.py.
"""

import pytest
from django.urls import reverse

from people import permissions
from people.models import (
    Commitment,
    CommitmentStatus,
    MembershipRole,
    OrganisationInvitation,
    OrganisationMembership,
)
from people.services.invitations import invitation_create
from tests.factories import challenges as challenge_pages
from tests.factories.people import (
    CommitmentFactory,
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
    login,
    staff_user,
)
from umecom.roles import INNOVATION_TEAM

pytestmark = pytest.mark.django_db

# "invitee": signed in, with a verified address that has an open invitation to the organisation.
ROLES = ["anonymous", "user", "invitee", "org_member", "org_admin", "innovation_team"]
ACTIONS = [
    "create_organisation",
    "edit_organisation",
    "manage_members",
    "verify_organisation",
    "join_as_person",
    "join_for_organisation",
    "withdraw_org_commitment",
    "decide_commitment",
    # Issue 13: membership by invitation, name and number for admins only.
    "invite_member",
    "withdraw_invitation",
    "accept_invitation",
    "decline_invitation",
    "edit_org_identity",
    "leave_organisation",
]
ALLOWED = {
    "create_organisation": {"user", "invitee", "org_member", "org_admin", "innovation_team"},
    "edit_organisation": {"org_member", "org_admin"},
    "manage_members": {"org_admin"},
    "verify_organisation": {"innovation_team"},
    "join_as_person": {"user", "invitee", "org_member", "org_admin", "innovation_team"},
    "join_for_organisation": {"org_member", "org_admin"},
    "withdraw_org_commitment": {"org_member", "org_admin"},
    "decide_commitment": {"innovation_team"},
    "invite_member": {"org_admin"},
    "withdraw_invitation": {"org_admin"},
    "accept_invitation": {"invitee"},
    "decline_invitation": {"invitee"},
    "edit_org_identity": {"org_admin"},
    "leave_organisation": {"org_member", "org_admin"},
}
# How a signed-in person is refused over HTTP when it is not a plain 403.
DENIED_STATUS = {
    # Someone else's invitation is not found: whose address was invited stays private.
    "accept_invitation": 404,
    "decline_invitation": 404,
}
# A member may save the edit form; the name and number fields are disabled for them, so the
# request succeeds (302) and the name stays as it was.
DENIED_BUT_FORM_SAVES = {("org_member", "edit_org_identity")}
CASES = [(role, action, role in ALLOWED[action]) for action in ACTIONS for role in ROLES]


@pytest.fixture
def world():
    organisation = OrganisationFactory(name="Bostäder i Norr AB")
    admin = MembershipFactory(organisation=organisation, role=MembershipRole.ADMIN).user
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    challenge = challenge_pages.challenge(title="Trygga stråk på Ålidhem", plan="open")
    org_commitment = CommitmentFactory(challenge=challenge, user=admin, organisation=organisation)
    # The org admin's own person-commitment would clash with "join as person"; use someone else.
    decide_target = CommitmentFactory(challenge=challenge)
    invitee = ProfileFactory().user
    invitation = invitation_create(
        organisation=organisation, email=invitee.email, role=MembershipRole.MEMBER
    )
    users = {
        "anonymous": None,
        "user": ProfileFactory().user,
        "invitee": invitee,
        "org_member": member,
        "org_admin": admin,
        "innovation_team": staff_user(INNOVATION_TEAM),
    }
    return {
        "organisation": organisation,
        "challenge": challenge,
        "org_commitment": org_commitment,
        "decide_target": decide_target,
        "invitation": invitation,
        "users": users,
    }


def allowed_by_function(action, user, w):
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()
    org, challenge = w["organisation"], w["challenge"]
    return {
        "create_organisation": lambda: permissions.can_create_organisation(user),
        "edit_organisation": lambda: permissions.can_edit_organisation(user, org),
        "manage_members": lambda: permissions.can_manage_members(user, org),
        "verify_organisation": lambda: permissions.can_verify_organisation(user),
        "join_as_person": lambda: permissions.can_join_challenge(user, challenge),
        "join_for_organisation": lambda: permissions.can_join_challenge(user, challenge, org),
        "withdraw_org_commitment": lambda: permissions.can_withdraw_commitment(
            user, w["org_commitment"]
        ),
        "decide_commitment": lambda: permissions.can_decide_commitment(user),
        "invite_member": lambda: permissions.can_invite_members(user, org),
        "withdraw_invitation": lambda: permissions.can_withdraw_invitation(user, w["invitation"]),
        "accept_invitation": lambda: permissions.can_accept_invitation(user, w["invitation"]),
        "decline_invitation": lambda: permissions.can_decline_invitation(user, w["invitation"]),
        "edit_org_identity": lambda: permissions.can_edit_organisation_identity(user, org),
        "leave_organisation": lambda: permissions.can_leave_organisation(user, org),
    }[action]()


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_permission_function_matches_the_table(world, role, action, allowed):
    assert allowed_by_function(action, world["users"][role], world) is allowed


def _request(client, action, w):
    """Perform the action over HTTP; return (response, did_it_happen)."""
    org, challenge = w["organisation"], w["challenge"]
    if action == "create_organisation":
        return client.get(reverse("people:organisation_create")), None
    if action == "edit_organisation":
        return client.get(reverse("people:organisation_edit", args=[org.slug])), None
    if action == "manage_members":
        return client.get(reverse("people:organisation_members", args=[org.slug])), None
    if action == "verify_organisation":
        response = client.post(reverse("people:organisation_verify", args=[org.slug]))
        org.refresh_from_db()
        return response, org.is_verified
    url = reverse("people:challenge_join", args=[challenge.pk])
    if action == "join_as_person":
        response = client.post(
            url, {"participant": "jag", "offers": ["expertise"], "message": "Hej"}
        )
        happened = Commitment.objects.filter(
            challenge=challenge, organisation=None, message="Hej"
        ).exists()
        return response, happened
    if action == "join_for_organisation":
        # Withdraw the existing live one first so that only permission decides the outcome.
        Commitment.objects.filter(pk=w["org_commitment"].pk).update(
            status=CommitmentStatus.WITHDRAWN
        )
        response = client.post(
            url, {"participant": str(org.pk), "offers": ["premises"], "message": "Vi"}
        )
        happened = Commitment.objects.filter(
            challenge=challenge, organisation=org, message="Vi"
        ).exists()
        return response, happened
    if action == "withdraw_org_commitment":
        commitment = w["org_commitment"]
        response = client.post(reverse("people:commitment_withdraw", args=[commitment.pk]))
        commitment.refresh_from_db()
        return response, commitment.status == CommitmentStatus.WITHDRAWN
    if action == "decide_commitment":
        target = w["decide_target"]
        response = client.post(
            reverse("deltagare_ataganden:decide", args=[target.pk]),
            {"decision": "accept", "reason": ""},
        )
        target.refresh_from_db()
        return response, target.status == CommitmentStatus.ACCEPTED
    invitation = w["invitation"]
    if action == "invite_member":
        response = client.post(
            reverse("people:organisation_members", args=[org.slug]),
            {"email": "ny.medlem@example.org", "role": "member", "language": "sv"},
        )
        return response, OrganisationInvitation.objects.filter(
            email="ny.medlem@example.org"
        ).exists()
    if action == "withdraw_invitation":
        response = client.post(
            reverse("people:organisation_invitation_withdraw", args=[org.slug, invitation.pk])
        )
        return response, not OrganisationInvitation.objects.filter(pk=invitation.pk).exists()
    if action in ("accept_invitation", "decline_invitation"):
        before = set(OrganisationMembership.objects.values_list("pk", flat=True))
        response = client.post(
            reverse("people:invitation_answer", args=[invitation.pk]),
            {"action": action.split("_")[0]},
        )
        gone = not OrganisationInvitation.objects.filter(pk=invitation.pk).exists()
        joined = OrganisationMembership.objects.exclude(pk__in=before).exists()
        return response, gone and (joined if action == "accept_invitation" else not joined)
    if action == "edit_org_identity":
        response = client.post(
            reverse("people:organisation_edit", args=[org.slug]),
            {"name": "Nytt namn AB", "kind": org.kind, "org_number": org.org_number},
        )
        org.refresh_from_db()
        return response, org.name == "Nytt namn AB"
    if action == "leave_organisation":
        before = org.memberships.count()
        response = client.post(reverse("people:organisation_leave", args=[org.slug]))
        return response, org.memberships.count() == before - 1
    raise AssertionError(action)


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_http_obeys_the_same_table(client, world, role, action, allowed):
    user = world["users"][role]
    if user is not None:
        login(client, user)
    response, happened = _request(client, action, world)
    if allowed:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert "login" not in response["Location"]
        if happened is not None:
            assert happened, f"{role} should be able to {action}"
    else:
        if happened is not None:
            assert not happened, f"{role} must not be able to {action}"
        if role == "anonymous":
            assert response.status_code == 302 and "login" in response["Location"]
        elif action == "decide_commitment" and role != "innovation_team":
            # Wagtail sends people without admin access to its own login page.
            assert response.status_code == 403 or "login" in response["Location"]
        elif (role, action) in DENIED_BUT_FORM_SAVES:
            assert response.status_code == 302
        else:
            assert response.status_code == DENIED_STATUS.get(action, 403)


def test_joining_a_closed_challenge_is_denied_for_everyone(world):
    closed = challenge_pages.challenge(title="Avslutad utmaning", plan="completed")
    for user in world["users"].values():
        if user is not None:
            assert not permissions.can_join_challenge(user, closed)


def test_withdrawing_someone_elses_personal_commitment_is_denied(world):
    commitment = world["decide_target"]
    assert permissions.can_withdraw_commitment(commitment.user, commitment)
    assert not permissions.can_withdraw_commitment(world["users"]["org_admin"], commitment)
