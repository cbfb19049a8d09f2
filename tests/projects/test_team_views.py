"""The project pages over HTTP: the project page, asking to join, the lead's answer, "Mina
projekt", the challenge page's list, bad input, and teams in "Mina data" and account
deletion."""

import pytest
from django.urls import reverse

from people.services.privacy import account_delete, user_data
from projects.models import (
    IdeaStatus,
    JoinRequest,
    MemberRole,
    ProjectEvent,
    ProjectMembership,
    ProjectVisibility,
    RequestStatus,
)
from projects.services import teams as services
from tests.factories import challenges as challenge_pages
from tests.factories.ideas import IdeaFactory
from tests.factories.people import ProfileFactory
from tests.factories.teams import (
    MembershipFactory,
    ProjectFactory,
    ProjectRoleFactory,
    invitable_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Trygga stråk", plan="teams")


@pytest.fixture
def lead():
    return ProfileFactory(display_name="Lea Ledare").user


@pytest.fixture
def project(challenge, lead):
    project = ProjectFactory(challenge=challenge, lead=lead, title="Ljus på stråket")
    ProjectRoleFactory(project=project, title="Kommunikatör", skills=["text", "foto"])
    return project


def test_the_project_page_shows_roles_idea_challenge_and_a_place_for_discussion(
    client, challenge, project
):
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.SHORTLISTED, title="Lampor")
    project.idea = idea
    project.save()
    html = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert "Ljus på stråket" in html and "Kommunikatör" in html and "foto" in html
    assert reverse("projects:idea_detail", args=[idea.pk]) in html
    assert "Trygga stråk" in html and 'id="diskussion"' in html
    assert "Logga in för att be om att få vara med" in html


def test_asking_for_a_role_then_the_lead_accepts_from_mina_projekt(client, project, lead):
    person = ProfileFactory(display_name="Pia Person").user
    role = project.roles.get()
    client.force_login(person)
    response = client.post(
        reverse("projects:project_join", args=[project.pk]),
        {"role": role.pk, "message": "Jag skriver och fotar."},
    )
    assert response.status_code == 302
    join_request = JoinRequest.objects.get(user=person)
    assert join_request.role == role
    client.force_login(lead)
    html = client.get(reverse("projects:my_projects")).content.decode()
    assert "Pia Person" in html and "Jag skriver och fotar." in html
    response = client.post(
        reverse("projects:request_answer", args=[project.pk, join_request.pk]),
        {"answer": "accept", "next": reverse("projects:my_projects")},
    )
    assert response["Location"] == reverse("projects:my_projects")
    client.force_login(person)
    html = client.get(reverse("projects:my_projects")).content.decode()
    assert "Ljus på stråket" in html and "Kommunikatör" in html


def test_an_off_site_next_is_ignored(client, project, lead):
    join_request = JoinRequest.objects.create(
        project=project, user=ProfileFactory().user, message="Hej"
    )
    client.force_login(lead)
    response = client.post(
        reverse("projects:request_answer", args=[project.pk, join_request.pk]),
        {"answer": "decline", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("projects:project_detail", args=[project.pk])


def test_invitations_are_answered_from_mina_projekt(client, project, lead):
    invitee = invitable_user(display_name="Ivar")
    invitation = services.invite(lead, project, invitee, message="Välkommen!")
    client.force_login(invitee)
    html = client.get(reverse("projects:my_projects")).content.decode()
    assert "Välkommen!" in html and "Tacka ja" in html
    client.post(
        reverse("projects:invitation_answer", args=[project.pk, invitation.pk]),
        {"answer": "accept"},
    )
    assert ProjectMembership.objects.filter(project=project, user=invitee).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"message": ""},
        {"message": "x" * 1001},
        {"message": "Hej", "role": "999999999999999999999"},
        {"message": "Hej", "role": "abc"},
    ],
)
def test_bad_join_input_is_refused_without_a_server_error(client, project, data):
    client.force_login(ProfileFactory().user)
    response = client.post(reverse("projects:project_join", args=[project.pk]), data)
    assert response.status_code == 400
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/projekt/0/",
        "/projekt/99999999999999999999999/",
        "/projekt/abc/",
    ],
)
def test_missing_or_malformed_projects_are_404(client, url):
    assert client.get(url).status_code == 404


def test_someone_elses_request_cannot_be_withdrawn(client, project):
    join_request = JoinRequest.objects.create(
        project=project, user=ProfileFactory().user, message="Hej"
    )
    client.force_login(ProfileFactory().user)
    response = client.post(reverse("projects:request_withdraw", args=[project.pk, join_request.pk]))
    assert response.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.PENDING


def test_the_challenge_page_lists_its_projects_without_naming_a_team_only_team(
    client, challenge, project
):
    secret = ProjectFactory(
        challenge=challenge, title="Hemligt team", visibility=ProjectVisibility.TEAM
    )
    MembershipFactory(project=secret, user=ProfileFactory(display_name="Dold Deltagare").user)
    html = client.get(challenge.url).content.decode()
    assert "Ljus på stråket" in html and "Hemligt team" in html
    assert "Dold Deltagare" not in html
    services.project_set_status(project=project, by=project.lead_user, status="active")
    # the cached list is dropped after the change commits
    html = client.get(challenge.url).content.decode()
    assert "Pågår" in html


def test_a_team_only_teams_members_are_not_on_its_page_for_strangers(client, challenge):
    secret = ProjectFactory(
        challenge=challenge, title="Hemligt team", visibility=ProjectVisibility.TEAM
    )
    MembershipFactory(project=secret, user=ProfileFactory(display_name="Dold Deltagare").user)
    url = reverse("projects:project_detail", args=[secret.pk])
    for viewer in (None, ProfileFactory().user):
        client.logout()
        if viewer:
            client.force_login(viewer)
        html = client.get(url).content.decode()
        assert "Hemligt team" in html and "Dold Deltagare" not in html


def test_the_idea_page_offers_its_author_to_start_a_project(client, challenge):
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.SHORTLISTED)
    client.force_login(idea.author)
    url = reverse("projects:idea_detail", args=[idea.pk])
    assert "Starta projekt" in client.get(url).content.decode()
    response = client.post(reverse("projects:project_from_idea", args=[idea.pk]))
    idea.refresh_from_db()
    assert response["Location"] == reverse("projects:project_detail", args=[idea.project.pk])
    assert "Till projektet" in client.get(url).content.decode()


# --- Mina data and account deletion -----------------------------------------------------------


def test_mina_data_holds_memberships_requests_and_invitations_but_no_other_members(
    challenge, project, lead
):
    person = invitable_user(display_name="Pia")
    other = ProjectFactory(challenge=challenge, visibility=ProjectVisibility.TEAM)
    MembershipFactory(project=other, user=person)
    MembershipFactory(project=other, user=ProfileFactory(display_name="Annan Medlem").user)
    JoinRequest.objects.create(project=project, user=person, message="Mitt meddelande")
    services.invite(lead, project, person)
    data = user_data(user=person)["projects"]
    assert [m["project"] for m in data["memberships"]] == [other.title]
    assert data["join_requests"][0]["message"] == "Mitt meddelande"
    assert data["invitations_received"][0]["project"] == "Ljus på stråket"
    assert "Annan Medlem" not in str(data)


def test_a_lead_who_deletes_their_account_hands_over_to_the_longest_standing_member(
    challenge, project, lead
):
    first = MembershipFactory(project=project).user
    MembershipFactory(project=project)
    alone = ProjectFactory(challenge=challenge, lead=lead)
    account_delete(user=lead)
    assert ProjectMembership.objects.get(project=project, role=MemberRole.LEAD).user == first
    assert not alone.memberships.exists()  # no one left: the project keeps no lead
    assert ProjectEvent.objects.filter(project=project, kind="lead_handed_over").exists()


def test_deleting_an_account_removes_requests_invitations_and_reopens_roles(project, lead):
    person = invitable_user()
    role = ProjectRoleFactory(project=project, is_open=False, filled_by=person)
    MembershipFactory(project=project, user=person, project_role=role)
    other = ProjectFactory(challenge=project.challenge)
    JoinRequest.objects.create(project=other, user=person, message="Hej")
    account_delete(user=person)
    role.refresh_from_db()
    assert role.is_open and role.filled_by is None
    assert not JoinRequest.objects.exists()
