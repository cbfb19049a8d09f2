"""Onboarding: four skippable steps, resumable, with consents recorded when they change."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from people.models import ConsentKind, ConsentRecord
from tests.factories.base import DistrictFactory
from tests.factories.people import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _swedish_thread_language():
    # A request to /en/… leaves English active in the thread (LocaleMiddleware never
    # deactivates), and reverse() would then build /en/ URLs: start and end in Swedish.
    translation.activate("sv")
    yield
    translation.activate("sv")


@pytest.fixture
def profile():
    return ProfileFactory(display_name="medlem1")


@pytest.fixture
def member(client, profile):
    client.force_login(profile.user)
    return client


def step_url(step: int) -> str:
    return reverse("people:onboarding_step", kwargs={"step": step})


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(step_url(1))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_each_step_shows_progress(member):
    page = member.get(step_url(2)).content.decode()

    assert "Steg 2 av 4" in page
    assert "Hoppa över" in page


def test_step_one_saves_name_and_actor_type_and_moves_on(member, profile):
    response = member.post(step_url(1), {"display_name": "Anna B", "actor_type": "researcher"})

    assert response.status_code == 302
    assert response["Location"] == step_url(2)
    profile.refresh_from_db()
    assert (profile.display_name, profile.actor_type) == ("Anna B", "researcher")
    assert profile.onboarding_step == 1


def test_invalid_step_keeps_input_and_does_not_advance(member, profile):
    response = member.post(step_url(1), {"display_name": "", "actor_type": "pirat"})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    profile.refresh_from_db()
    assert profile.onboarding_step == 0
    assert profile.display_name == "medlem1"


def test_skipping_a_step_advances_without_saving(member, profile):
    response = member.post(step_url(2), {"skills": "ska inte sparas", "skip": "1"})

    assert response["Location"] == step_url(3)
    profile.refresh_from_db()
    assert profile.onboarding_step == 2
    assert list(profile.skills.names()) == []


def test_step_two_saves_tags_as_two_separate_sets(member, profile):
    member.post(step_url(2), {"skills": "Programmering, projektledning", "interests": "cykling"})

    assert sorted(profile.skills.names()) == ["Programmering", "projektledning"]
    assert list(profile.interests.names()) == ["cykling"]


def test_step_three_saves_districts(member, profile):
    district = DistrictFactory(name="Ersboda")

    member.post(step_url(3), {"districts": [district.pk]})

    assert list(profile.districts.all()) == [district]


def test_resuming_goes_to_the_first_unfinished_step(member, profile):
    profile.onboarding_step = 2
    profile.save()

    response = member.get(reverse("people:onboarding"))

    assert response["Location"] == step_url(3)


def test_consents_are_off_by_default_on_the_last_step(member):
    page = member.get(step_url(4)).content.decode()

    assert 'name="findable_for_projects"' in page
    assert "checked" not in page


def test_finishing_records_changed_consents_and_completes(member, profile, settings):
    response = member.post(step_url(4), {"findable_for_projects": "on"})

    assert response["Location"] == reverse("people:my_profile")
    profile.refresh_from_db()
    assert profile.onboarding_completed_at is not None
    assert profile.findable_for_projects and not profile.invitable_to_teams
    records = list(
        ConsentRecord.objects.filter(user=profile.user).values_list(
            "kind", "granted", "policy_version"
        )
    )
    # Only the consent that changed is recorded; "invitable" stayed off.
    assert records == [(ConsentKind.FINDABLE, True, settings.PRIVACY_POLICY_VERSION)]


def test_skipping_the_last_step_also_completes_onboarding(member, profile):
    member.post(step_url(4), {"skip": "1"})

    profile.refresh_from_db()
    assert profile.onboarding_completed_at is not None
    assert ConsentRecord.objects.filter(user=profile.user).count() == 0


def test_unknown_step_is_404(member):
    assert member.get(step_url(5)).status_code == 404
    assert member.get(step_url(0)).status_code == 404


def test_completed_onboarding_can_be_walked_again_from_step_one(member, profile):
    profile.onboarding_completed_at = timezone.now()
    profile.onboarding_step = 4
    profile.save()

    assert member.get(reverse("people:onboarding"))["Location"] == step_url(1)
