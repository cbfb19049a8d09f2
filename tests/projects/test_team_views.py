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
    Project,
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


def test_line_breaks_in_join_requests_and_invitations_are_kept_and_escaped(client, project, lead):
    person = ProfileFactory(display_name="Pia Person").user
    JoinRequest.objects.create(
        project=project, user=person, message="Hej!\nJag fotar.\n<b>Och skriver</b>"
    )
    client.force_login(lead)
    for url in (
        reverse("projects:my_projects"),
        reverse("projects:project_detail", args=[project.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Hej!<br>Jag fotar.<br>&lt;b&gt;Och skriver&lt;/b&gt;" in html, url
    invitee = invitable_user(display_name="Ivar")
    services.invite(lead, project, invitee, message="Hej Ivar,\nvill du vara med?")
    client.force_login(invitee)
    for url in (
        reverse("projects:my_projects"),
        reverse("projects:project_detail", args=[project.pk]),
    ):
        assert "Hej Ivar,<br>vill du vara med?" in client.get(url).content.decode(), url


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
    services.invite(lead, project, person)
    JoinRequest.objects.create(project=project, user=person, message="Mitt meddelande")
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


def test_a_deleted_accounts_name_leaves_other_peoples_notifications(client, project, lead):
    from umecom.notifications.models import Notification

    person = ProfileFactory(display_name="Nils Nykvist").user
    services.join_request_create(project=project, user=person, message="Hej")
    member = ProfileFactory(display_name="Kvar Kvist").user
    MembershipFactory(project=project, user=member)
    client.force_login(lead)
    assert "Nils Nykvist vill gå med" in client.get(reverse("notifications:list")).content.decode()
    account_delete(user=person)
    assert "Nykvist" not in str(list(Notification.objects.values_list("payload", flat=True)))
    html = client.get(reverse("notifications:list")).content.decode()
    assert "Borttagen användare vill gå med" in html and "Nykvist" not in html
    # Someone else's name stays where it was.
    services.member_leave(project=Project.objects.get(pk=project.pk), user=member)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "Kvar Kvist har lämnat teamet" in html


def test_the_lead_asks_an_organisation_and_its_admin_answers_from_mina_projekt(
    client, challenge, project, lead
):
    from people.models import Organisation
    from projects.models import ProjectPartner
    from tests.factories.people import CommitmentFactory, OrganisationFactory
    from tests.factories.people import MembershipFactory as OrgMembershipFactory

    organisation = OrganisationFactory(name="Bostäder i Norr")
    admin = ProfileFactory().user
    OrgMembershipFactory(organisation=organisation, user=admin, role="admin")
    CommitmentFactory(challenge=challenge, user=admin, organisation=organisation)
    stranger_org = OrganisationFactory(name="Utan anmälan")
    client.force_login(lead)
    page = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert "Bostäder i Norr" in page and "Utan anmälan" not in page
    url = reverse("projects:partner_propose", args=[project.pk])
    client.post(url, {"organisation": stranger_org.pk})
    client.post(url, {"organisation": "9" * 30})
    assert not ProjectPartner.objects.exclude(organisation=organisation).exists()
    client.post(url, {"organisation": organisation.pk})
    partner = ProjectPartner.objects.get()
    assert partner.status == "pending"
    client.force_login(admin)
    assert (
        "Partnerskap att svara på" in client.get(reverse("projects:my_projects")).content.decode()
    )
    client.post(
        reverse("projects:partner_answer", args=[project.pk, partner.pk]), {"answer": "accept"}
    )
    partner.refresh_from_db()
    assert partner.status == "accepted"
    client.logout()
    page = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert Organisation.objects.get(pk=organisation.pk).name in page


# Anonymous, warm shell: the project (with its challenge and idea), its team (with profiles and
# roles), roles, their skills, partners, needed skills, districts and themes.
PROJECT_PAGE_QUERIES = 8


def test_the_project_page_query_count_does_not_grow_with_the_team(
    client, challenge, django_assert_num_queries
):
    small = ProjectFactory(challenge=challenge)
    ProjectRoleFactory(project=small)  # without roles, their skills are not fetched (7)
    big = ProjectFactory(challenge=challenge, needed_skills=["a", "b", "c"])
    for _ in range(5):
        MembershipFactory(project=big)
        ProjectRoleFactory(project=big, skills=["x", "y"])
    for project in (small, big):
        client.get(reverse("projects:project_detail", args=[project.pk]))  # warm the shell
        with django_assert_num_queries(PROJECT_PAGE_QUERIES):
            assert (
                client.get(reverse("projects:project_detail", args=[project.pk])).status_code == 200
            )


def test_the_english_project_page_and_every_team_notification_read_in_english(client, project):
    from django.utils import translation

    from projects.notifications_teams import KINDS
    from umecom.notifications.registry import get_kind

    html = client.get(f"/en/projekt/{project.pk}/").content.decode()
    assert "Open roles" in html and "Öppna roller" not in html
    payload = {"project": project.pk, "title": "T", "by": "B", "organisation": "O", "role": "R"}
    for key, _label, _render in KINDS:
        for extra in ({}, {"accepted": True}, {"offered": True}, {"full": True}):
            with translation.override("en"):
                rendered = get_kind(key).render({**payload, **extra})
            assert rendered.title and rendered.url.startswith("/"), key


def test_the_english_project_and_idea_pages_link_the_english_challenge(client, project):
    from wagtail.models import Locale

    english = project.challenge.copy_for_translation(
        Locale.objects.get_or_create(language_code="en")[0], copy_parents=True
    )
    english.title = "Safe paths in English"
    english.save_revision().publish()
    english.refresh_from_db()
    idea = IdeaFactory(challenge=project.challenge)
    for url in (f"/en/projekt/{project.pk}/", f"/en/ideer/{idea.pk}/"):
        html = client.get(url).content.decode()
        assert "Safe paths in English" in html and english.url in html, url
        assert project.challenge.title not in html, url
    # In Swedish, the Swedish page.
    html = client.get(f"/projekt/{project.pk}/").content.decode()
    assert project.challenge.title in html and "Safe paths in English" not in html


def test_a_hidden_profile_is_not_named_on_a_public_team_list_except_to_the_team(client, project):
    hidden = ProfileFactory(display_name="Dold Person", visibility="hidden").user
    MembershipFactory(project=project, user=hidden)
    url = reverse("projects:project_detail", args=[project.pk])
    assert "Dold Person" not in client.get(url).content.decode()
    client.force_login(ProfileFactory().user)
    assert "Dold Person" not in client.get(url).content.decode()
    client.force_login(project.lead_user)
    assert "Dold Person" in client.get(url).content.decode()


def test_the_lead_edits_the_project_and_nobody_else_may(client, project, lead):
    url = reverse("projects:project_edit", args=[project.pk])
    data = {
        "title": "Ljus på stråket 2",
        "goal": "Tryggare kvällar",
        "description": "Hej\n\nDå",
        "needed_skills": "belysning, el",
        "visibility": "team",
        "max_team_size": "5",
        "mix_researcher": "1",
        "mix_association": "",
    }
    member = MembershipFactory(project=project).user
    for someone in (member, ProfileFactory().user):
        client.force_login(someone)
        assert client.post(url, data).status_code == 403
    client.force_login(lead)
    assert client.get(url).status_code == 200
    assert client.post(url, {**data, "max_team_size": "0"}).status_code == 400
    assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert (project.title, project.visibility, project.max_team_size) == (
        "Ljus på stråket 2",
        "team",
        5,
    )
    assert project.wanted_actor_mix == {"researcher": 1}
    assert sorted(t.name for t in project.needed_skills.all()) == ["belysning", "el"]
    assert project.description == "<p>Hej</p><p>Då</p>"
    assert project.events.filter(kind="edited").exists()
