"""Who may do what with a project team: roles × actions × project states (and visibility), as
function calls and over HTTP, driven by one table, so the views cannot drift from
projects/permissions_teams.py."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from projects import permissions_teams as perms
from projects.models import (
    JoinRequest,
    MemberRole,
    ProjectMembership,
    ProjectStatus,
    ProjectVisibility,
    RequestStatus,
)
from tests.factories import challenges as challenge_pages
from tests.factories.people import ProfileFactory, staff_user
from tests.factories.teams import MembershipFactory, ProjectFactory
from umecom.roles import INNOVATION_TEAM

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "stranger", "member", "mentor", "lead", "innovation_team"]
TEAM = {"member", "mentor", "lead"}
MANAGERS = {"lead", "innovation_team"}
STATES = [s.value for s in ProjectStatus]
LIVE = {"forming", "active"}
VISIBILITIES = [v.value for v in ProjectVisibility]


def allowed(role: str, action: str, state: str, visibility: str) -> bool:
    if action == "view":
        return True  # the public page, while the challenge is live
    if action == "view_team":
        return visibility == "public" or role in TEAM | {"innovation_team"}
    if action == "view_history":
        return role in TEAM | {"innovation_team"}
    if action == "request_to_join":
        return state in LIVE and role in {"stranger", "innovation_team"}
    if action in ("manage", "change_status", "hand_over"):
        return role in MANAGERS
    if action in ("invite", "propose_partner"):
        return state in LIVE and role in MANAGERS
    if action == "leave":
        return role in {"member", "mentor"}
    raise AssertionError(action)


CALLS = {
    "view": perms.can_view_project,
    "view_team": perms.can_view_team_pages,
    "view_history": perms.can_view_project_history,
    "request_to_join": perms.can_request_to_join,
    "manage": perms.can_manage_project,
    "change_status": perms.can_change_status,
    "hand_over": perms.can_hand_over_lead,
    "invite": perms.can_invite,
    "propose_partner": perms.can_propose_partner,
    "leave": perms.can_leave_project,
}


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Trygga stråk", plan="teams")


def make_world(challenge, *, state="forming", visibility="public"):
    lead = ProfileFactory(display_name="Lea Ledare").user
    project = ProjectFactory(
        challenge=challenge, lead=lead, status=state, visibility=visibility, max_team_size=8
    )
    member = MembershipFactory(project=project, user=ProfileFactory(display_name="Mo Medlem").user)
    mentor = MembershipFactory(
        project=project, role=MemberRole.MENTOR, user=ProfileFactory(display_name="Mia Mentor").user
    )
    users = {
        "anonymous": AnonymousUser(),
        "stranger": ProfileFactory(display_name="Sam Främling").user,
        "member": member.user,
        "mentor": mentor.user,
        "lead": lead,
        "innovation_team": staff_user(INNOVATION_TEAM),
    }
    return project, users


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("state", STATES)
def test_permission_functions_match_the_table(challenge, state, visibility):
    project, users = make_world(challenge, state=state, visibility=visibility)
    wrong = []
    for role, user in users.items():
        for action, check in CALLS.items():
            got = check(user, project)
            if got != allowed(role, action, state, visibility):
                wrong.append((role, action, got))
    assert wrong == []


def test_only_the_invited_person_answers_and_the_project_side_withdraws(challenge):
    project, users = make_world(challenge)
    invitee = ProfileFactory(invitable_to_teams=True).user
    invitation = project.invitations.create(user=invitee, invited_by=users["lead"])
    assert perms.can_answer_invitation(invitee, invitation)
    for role, user in users.items():
        assert not perms.can_answer_invitation(user, invitation), role
        assert perms.can_withdraw_invitation(user, invitation) == (role in MANAGERS), role


def test_a_project_of_an_unpublished_challenge_is_seen_only_by_its_team(challenge):
    project, users = make_world(challenge)
    challenge.unpublish()
    project.challenge.refresh_from_db()
    seen = {role for role, user in users.items() if perms.can_view_project(user, project)}
    assert seen == TEAM | {"innovation_team"}


# --- over HTTP --------------------------------------------------------------------------------


def _client_for(client, user):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return client


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_the_page_shows_the_team_and_history_only_to_whom_the_table_allows(
    client, challenge, visibility
):
    project, users = make_world(challenge, visibility=visibility)
    project.events.create(kind="created", actor=users["lead"])
    url = reverse("projects:project_detail", args=[project.pk])
    for role, user in users.items():
        response = _client_for(client, user).get(url)
        assert response.status_code == 200, role
        html = response.content.decode()
        assert ("Mo Medlem" in html) == allowed(role, "view_team", "forming", visibility), role
        assert ('id="history-heading"' in html) == allowed(
            role, "view_history", "forming", visibility
        ), role
        assert ('id="manage-heading"' in html) == (role in MANAGERS), role


@pytest.mark.parametrize("state", STATES)
def test_asking_to_join_over_http_follows_the_table(client, challenge, state):
    for role in ROLES:
        project, users = make_world(challenge, state=state)
        user = users[role]
        response = _client_for(client, user).post(
            reverse("projects:project_join", args=[project.pk]), {"message": "Jag vill vara med"}
        )
        made = JoinRequest.objects.filter(project=project).exists()
        assert made == allowed(role, "request_to_join", state, "public"), (role, response)
        if not made:
            assert response.status_code in (302, 403), role
            if role == "anonymous":
                assert "/konto/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("state", ["forming", "completed"])
def test_answering_a_request_over_http_follows_the_table(client, challenge, state):
    for role in ROLES:
        project, users = make_world(challenge, state="forming")
        asker = ProfileFactory().user
        join_request = JoinRequest.objects.create(project=project, user=asker, message="Hej")
        if state != "forming":
            project.status = state
            project.save()
        _client_for(client, users[role]).post(
            reverse("projects:request_answer", args=[project.pk, join_request.pk]),
            {"answer": "accept"},
        )
        joined = ProjectMembership.objects.filter(project=project, user=asker).exists()
        assert joined == (role in MANAGERS and state == "forming"), role


def test_changing_status_and_leaving_over_http_follow_the_table(client, challenge):
    for role in ROLES:
        project, users = make_world(challenge)
        _client_for(client, users[role]).post(
            reverse("projects:project_status", args=[project.pk]), {"status": "paused"}
        )
        project.refresh_from_db()
        assert (project.status == "paused") == (role in MANAGERS), role
        before = project.memberships.count()
        _client_for(client, users[role]).post(reverse("projects:project_leave", args=[project.pk]))
        left = project.memberships.count() == before - 1
        assert left == (role in {"member", "mentor"}), role


def test_nobody_answers_someone_elses_invitation_over_http(client, challenge):
    project, users = make_world(challenge)
    invitee = ProfileFactory(invitable_to_teams=True).user
    invitation = project.invitations.create(user=invitee, invited_by=users["lead"])
    url = reverse("projects:invitation_answer", args=[project.pk, invitation.pk])
    for role, user in users.items():
        response = _client_for(client, user).post(url, {"answer": "accept"})
        assert response.status_code in (302, 404), role
    invitation.refresh_from_db()
    assert invitation.status == RequestStatus.PENDING
    response = _client_for(client, invitee).post(url, {"answer": "accept"})
    assert ProjectMembership.objects.filter(project=project, user=invitee).exists()
