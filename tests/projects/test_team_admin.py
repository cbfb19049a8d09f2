"""The projects admin: only the innovation team gets in; create and edit go through the
services (so they are in the history); "Vems röster saknas?" compares the teams' mix with
everyone who joined the challenge, as charts with tables."""

import pytest
from django.urls import reverse

from projects.models import Project, ProjectEventKind
from tests.factories import challenges as challenge_pages
from tests.factories.base import DistrictFactory
from tests.factories.ideas import IdeaFactory
from tests.factories.people import CommitmentFactory, ProfileFactory, staff_user
from tests.factories.teams import MembershipFactory, ProjectFactory
from umecom.roles import INNOVATION_TEAM, MODERATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Trygga stråk", plan="teams")


@pytest.fixture
def team_client(client):
    client.force_login(staff_user(INNOVATION_TEAM))
    return client


def test_only_the_innovation_team_sees_the_projects_admin(client, challenge):
    ProjectFactory(challenge=challenge, title="Ljus på stråket")
    client.force_login(staff_user(MODERATORS))
    assert client.get(reverse("projekt:index")).status_code in (302, 403)
    assert client.get(reverse("projekt:voices")).status_code in (302, 403)
    client.force_login(staff_user(INNOVATION_TEAM))
    response = client.get(reverse("projekt:index"))
    assert response.status_code == 200 and "Ljus på stråket" in response.content.decode()


def test_creating_and_editing_in_the_admin_is_in_the_history(team_client, challenge):
    response = team_client.post(
        reverse("projekt:add"),
        {
            "challenge": challenge.pk,
            "title": "Cykelkök",
            "goal": "Laga cyklar ihop",
            "description": "Hej",
            "needed_skills": "cykelmekanik",
            "status": "forming",
            "visibility": "public",
            "max_team_size": 6,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(title="Cykelkök")
    assert project.events.filter(kind=ProjectEventKind.CREATED).exists()
    response = team_client.post(
        reverse("projekt:edit", args=[project.pk]),
        {
            "challenge": challenge.pk,
            "title": "Cykelköket",
            "goal": "Laga cyklar ihop",
            "description": "Hej",
            "needed_skills": "cykelmekanik",
            "status": "active",
            "visibility": "team",
            "max_team_size": 6,
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.status, project.visibility) == ("Cykelköket", "active", "team")
    kinds = set(project.events.values_list("kind", flat=True))
    assert {ProjectEventKind.EDITED, ProjectEventKind.STATUS_CHANGED} <= kinds


def test_voices_dashboard_shows_who_is_missing_from_the_teams(
    team_client, challenge, django_assert_max_num_queries
):
    alidhem = DistrictFactory(name="Ålidhem")
    researcher = ProfileFactory(actor_type="researcher")
    researcher.districts.add(alidhem)
    CommitmentFactory(challenge=challenge, user=researcher.user)
    citizen = ProfileFactory(actor_type="citizen")
    IdeaFactory(challenge=challenge, author=citizen.user)
    project = ProjectFactory(challenge=challenge, lead=citizen.user)
    MembershipFactory(project=project, user=ProfileFactory(actor_type="company").user)
    from projects.selectors.teams import voices_dashboard

    with django_assert_max_num_queries(7):
        data = voices_dashboard(challenge=challenge)
    rows = {r.label: (r.team, r.everyone) for r in data["actor_rows"]}
    assert rows == {"Medborgare": (1, 1), "Företag": (1, 0), "Forskare": (0, 1)}
    assert "Forskare" in data["missing"] and "Ålidhem" in data["missing"]
    html = team_client.get(reverse("projekt:voices") + f"?utmaning={challenge.pk}").content.decode()
    assert "Vems röster saknas?" in html and "<svg" in html and "Visa som tabell" in html
    assert "saknas i teamen" in html


def test_the_inspect_view_reads_in_swedish(team_client, challenge):
    from tests.core.test_admin_labels import _assert_swedish, _details

    project = ProjectFactory(
        challenge=challenge, title="Ljus på stråket", wanted_actor_mix={"researcher": 1}
    )
    response = team_client.get(reverse("projekt:inspect", args=[project.pk]))
    text = _details(response)
    _assert_swedish(text)
    assert "Bildas" in text and "Öppen för alla" in text and "Forskare: minst 1" in text


def test_voices_dashboard_opens_on_the_challenge_with_the_most_projects(team_client, challenge):
    challenge_pages.challenge(title="Aaa utan projekt", plan="open")  # first alphabetically
    ProjectFactory(challenge=challenge, title="Ljus på stråket")
    html = team_client.get(reverse("projekt:voices")).content.decode()
    assert f'<option value="{challenge.pk}" selected' in html


def test_a_challenge_people_contributed_to_cannot_be_deleted_only_unpublished(team_client):
    from wagtail.models import Page

    taken = challenge_pages.challenge(title="Med bidrag", plan="teams")
    IdeaFactory(challenge=taken)
    CommitmentFactory(challenge=taken)
    ProjectFactory(challenge=taken)
    empty = challenge_pages.challenge(title="Utan bidrag", plan="teams")
    url = reverse("wagtailadmin_pages:delete", args=[taken.pk])
    for response in (team_client.get(url, follow=True), team_client.post(url, follow=True)):
        html = response.content.decode()
        assert "kan inte raderas: 1 idéer, 1 anmälningar och 1 projekt" in html
    assert Page.objects.filter(pk=taken.pk).exists()
    # Nor through a page above it, nor in bulk.
    index = taken.get_parent()
    team_client.post(reverse("wagtailadmin_pages:delete", args=[index.pk]))
    assert Page.objects.filter(pk=taken.pk).exists()
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    team_client.post(f"{bulk}?id={taken.pk}&id={empty.pk}")
    assert Page.objects.filter(pk__in=[taken.pk, empty.pk]).count() == 2
    # Nothing hangs on the other one: it deletes as any page.
    team_client.post(reverse("wagtailadmin_pages:delete", args=[empty.pk]))
    assert not Page.objects.filter(pk=empty.pk).exists()
