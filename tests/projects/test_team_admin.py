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


# --- the create and edit forms answer the services' refusals, and say what they accept -------

HUGE = "99999999999999999999999"


def _form(challenge, **changes):
    data = {
        "challenge": challenge.pk,
        "title": "Cykelkök",
        "goal": "Laga cyklar ihop",
        "description": "Hej",
        "needed_skills": "cykelmekanik",
        "visibility": "public",
        "max_team_size": 6,
    }
    return {**data, **changes}


def _field_errors(html: str, name: str) -> str:
    """The text of one field's error box in Wagtail's form markup."""
    start = html.index(f'data-contentpath="{name}"')
    box = html.index("data-field-errors", start)
    return html[box : html.index("</div>", box)]


def test_lowering_the_team_size_below_the_members_comes_back_on_the_field(team_client, challenge):
    project = ProjectFactory(challenge=challenge, title="Ljus på stråket", max_team_size=8)
    for _ in range(2):
        MembershipFactory(project=project)  # three in the team with the lead
    response = team_client.post(
        reverse("projekt:edit", args=[project.pk]),
        _form(challenge, title="Ljus längs stråket", status="active", max_team_size=2),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Teamet har redan fler medlemmar än så." in _field_errors(html, "max_team_size")
    assert 'value="Ljus längs stråket"' in html and 'name="max_team_size" value="2"' in html
    # Nothing of it was saved: not the title, and not the status asked for in the same form.
    project.refresh_from_db()
    assert (project.title, project.max_team_size, project.status) == (
        "Ljus på stråket",
        8,
        "forming",
    )
    assert not project.events.exists()


def test_a_refusal_from_the_services_on_create_comes_back_on_the_form(team_client, challenge):
    # Only control characters: the form sees a name, the service none once they are removed.
    response = team_client.post(reverse("projekt:add"), _form(challenge, title="\x01\x02"))
    assert response.status_code == 200
    assert "Ge projektet ett namn." in _field_errors(response.content.decode(), "title")
    assert not Project.objects.exists()


def test_the_challenge_is_shown_but_not_editable_on_the_edit_form(team_client, challenge):
    other = challenge_pages.challenge(title="Ett annat stråk", plan="teams")
    project = ProjectFactory(challenge=challenge, title="Ljus på stråket")
    url = reverse("projekt:edit", args=[project.pk])
    html = team_client.get(url).content.decode()
    select = html[html.index('<select name="challenge"') :]
    select = select[: select.index("</select>")]
    assert "disabled" in select and "Trygga stråk" in select and "Ett annat stråk" not in select
    assert "kan inte flyttas till en annan utmaning" in html
    response = team_client.post(url, _form(other, title="Ljus längs stråket", status="forming"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.challenge_id) == ("Ljus längs stråket", challenge.pk)


def test_a_new_project_starts_forming_and_the_form_does_not_offer_a_status(team_client, challenge):
    assert 'name="status"' not in team_client.get(reverse("projekt:add")).content.decode()
    response = team_client.post(reverse("projekt:add"), _form(challenge, status="completed"))
    assert response.status_code == 302
    assert Project.objects.get(title="Cykelkök").status == "forming"


@pytest.mark.parametrize("size", [0, 51, 200, 32767])
def test_a_team_size_outside_1_to_50_is_refused_not_clamped(team_client, challenge, size):
    response = team_client.post(reverse("projekt:add"), _form(challenge, max_team_size=size))
    assert response.status_code == 200
    errors = _field_errors(response.content.decode(), "max_team_size")
    assert "Ett team kan ha mellan 1 och 50 personer." in errors
    assert not Project.objects.exists()
    project = ProjectFactory(challenge=challenge, max_team_size=8)
    response = team_client.post(
        reverse("projekt:edit", args=[project.pk]),
        _form(challenge, status="forming", max_team_size=size),
    )
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.max_team_size == 8


def test_the_service_refuses_a_team_size_outside_1_to_50(challenge):
    from django.core.exceptions import ValidationError

    from projects.services import teams as services

    for size in (0, 51):
        with pytest.raises(ValidationError) as error:
            services.project_create(
                challenge=challenge,
                by=staff_user(INNOVATION_TEAM),
                title="Cykelkök",
                goal="Laga cyklar ihop",
                max_team_size=size,
            )
        assert "max_team_size" in error.value.error_dict


def test_new_projects_go_under_live_swedish_challenges_only(team_client, challenge):
    from wagtail.models import Locale

    english = challenge.copy_for_translation(
        Locale.objects.get_or_create(language_code="en")[0], copy_parents=True
    )
    english.title = "Safe paths"
    english.save_revision().publish()
    draft = challenge_pages.challenge(title="Utkast som aldrig publicerats", publish=False)
    html = team_client.get(reverse("projekt:add")).content.decode()
    select = html[html.index('<select name="challenge"') :]
    select = select[: select.index("</select>")]
    assert "Trygga stråk" in select
    assert "Safe paths" not in select and "Utkast som aldrig publicerats" not in select
    for page in (english, draft):
        response = team_client.post(reverse("projekt:add"), _form(page))
        assert response.status_code == 200
        assert "giltigt alternativ" in _field_errors(response.content.decode(), "challenge")
    assert not Project.objects.exists()


def test_a_challenge_id_beyond_64_bits_is_an_invalid_choice(team_client, challenge):
    # On SQLite this was an OverflowError (a 500); PostgreSQL compares it and finds no row.
    response = team_client.post(reverse("projekt:add"), {**_form(challenge), "challenge": HUGE})
    assert response.status_code == 200
    assert "giltigt alternativ" in _field_errors(response.content.decode(), "challenge")
    assert not Project.objects.exists()


# --- the export reads like the listing ---------------------------------------------------------


def _export(client, url, fmt):
    response = client.get(url, {"export": fmt})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        import csv
        import io

        return list(csv.reader(io.StringIO(body.decode("utf-8"))))
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_project_export_has_labels_and_local_times(team_client, challenge, fmt):
    import datetime as dt
    from zoneinfo import ZoneInfo

    created = dt.datetime(2026, 6, 1, 10, 30, 15, 123456, tzinfo=dt.UTC)
    project = ProjectFactory(
        challenge=challenge, title="Ljus på stråket", status="completed", visibility="team"
    )
    Project.objects.filter(pk=project.pk).update(created_at=created)
    header, row = _export(team_client, reverse("projekt:index"), fmt)
    values = dict(zip(header, row, strict=True))
    assert values["Status"] == "Avslutat" and values["Teamets sidor"] == "Bara teamet"
    assert values["Utmaning"] == "Trygga stråk"
    local = created.astimezone(ZoneInfo("Europe/Stockholm")).replace(tzinfo=None, microsecond=0)
    assert local.hour == 12  # summer time: two hours ahead of UTC
    if fmt == "csv":
        assert values["Skapat"] == "2026-06-01 12:30:15"
    else:
        assert values["Skapat"] == local
