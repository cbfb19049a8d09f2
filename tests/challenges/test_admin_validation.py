"""The Wagtail editor rejects inconsistent timelines with a message instead of saving them."""

import datetime as dt

import pytest

from challenges.phases import PhaseKind
from tests.challenges.admin_forms import page_edit_form
from tests.factories import challenges as build
from tests.factories.base import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def iso(days: int) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def phase_errors(response) -> list[str]:
    form = response.context["form"]
    errors = [str(e) for e in form.non_field_errors()]
    for phase_form in form.formsets["phases"].forms:
        errors += [str(e) for errs in phase_form.errors.values() for e in errs]
    return errors


def test_admin_edit_page_for_a_challenge_renders(admin_client):
    page = build.challenge(plan="open")
    url, data = page_edit_form(admin_client, page)
    assert data["phases-TOTAL_FORMS"] == "2"


def test_saving_an_unchanged_challenge_succeeds(admin_client):
    page = build.challenge(plan="open", title="Hur får vi fler att cykla?")
    url, data = page_edit_form(admin_client, page)
    data["summary"] = "Ny sammanfattning."
    response = admin_client.post(url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().summary == "Ny sammanfattning."


def test_phase_ending_before_it_starts_is_rejected(admin_client):
    page = build.challenge(plan="open")
    url, data = page_edit_form(admin_client, page)
    data["phases-0-start_date"] = iso(10)
    data["phases-0-end_date"] = iso(5)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Slutdatum kan inte vara före startdatum." in phase_errors(response)


def test_overlapping_phases_are_rejected(admin_client):
    page = build.challenge(plan=[(PhaseKind.IDEAS, -10, 20), (PhaseKind.TEAMS, 21, 40)])
    url, data = page_edit_form(admin_client, page)
    data["phases-1-start_date"] = iso(15)  # teams would start while ideas still run
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Faserna får inte överlappa varandra. Kontrollera datumen." in phase_errors(response)
    page.refresh_from_db()
    assert [p.start_date for p in page.phase_list()][1] == dt.date.today() + dt.timedelta(days=21)


def test_idea_deadline_after_the_ideas_phase_is_rejected(admin_client):
    page = build.challenge(plan=[(PhaseKind.IDEAS, -10, 20), (PhaseKind.TEAMS, 21, 40)])
    url, data = page_edit_form(admin_client, page)
    data["idea_deadline"] = iso(25)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["idea_deadline"] == [
        "Sista dag för idéer kan inte ligga efter idéfasens slut."
    ]


def test_idea_deadline_inside_the_ideas_phase_is_accepted(admin_client):
    page = build.challenge(plan=[(PhaseKind.IDEAS, -10, 20), (PhaseKind.TEAMS, 21, 40)])
    url, data = page_edit_form(admin_client, page)
    data["idea_deadline"] = iso(15)
    response = admin_client.post(url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().idea_deadline == dt.date.today() + dt.timedelta(
        days=15
    )


@pytest.mark.parametrize(
    ("plan", "deadline", "message"),
    [
        ([(PhaseKind.IDEAS, 5, 20), (PhaseKind.TEAMS, 21, 40)], 2,
         "Sista dag för idéer kan inte ligga före idéfasens start."),
        ([(PhaseKind.TEAMS, -10, 20), (PhaseKind.IMPLEMENTATION, 21, 40)], 15,
         "Sista dag för idéer kräver en idéfas."),
    ],
)  # fmt: skip
def test_an_idea_deadline_the_phases_contradict_is_rejected(admin_client, plan, deadline, message):
    page = build.challenge(plan=plan)
    url, data = page_edit_form(admin_client, page)
    data["idea_deadline"] = iso(deadline)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["idea_deadline"] == [message]
