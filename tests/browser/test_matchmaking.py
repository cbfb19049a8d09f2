"""Matchmaking in a real browser: a project lead opens the suggestions, reads why a person is
suggested, invites her in one click; she signs in, sees the invitation and "Projekt som
behöver dig" in Mina projekt, and accepts. axe-core on every page; screenshots land in
test-artifacts/screenshots/."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def setup(transactional_db):
    # Everything is created before the browser starts: ORM calls stay outside Playwright.
    from django.core.cache import cache

    from projects.matchmaking import index
    from tests.factories import challenges as challenge_pages
    from tests.factories.base import DistrictFactory
    from tests.factories.people import ProfileFactory
    from tests.factories.teams import ProjectFactory

    cache.clear()
    index.reset_local()
    challenge = challenge_pages.challenge(title="Trygga stråk", plan="teams")
    alidhem = DistrictFactory(name="Ålidhem", name_en="Ålidhem", slug="alidhem")
    lead = ProfileFactory(display_name="Lea Ledare", languages="svenska").user
    project = ProjectFactory(
        challenge=challenge,
        lead=lead,
        title="Ljus längs Ålidhemsstigen",
        needed_skills=["gis", "belysning"],
        wanted_actor_mix={"researcher": 1},
    )
    project.districts.add(alidhem)
    rita = ProfileFactory(
        display_name="Rita Forskare",
        actor_type="researcher",
        findable_for_projects=True,
        invitable_to_teams=True,
        hours_per_month=10,
        languages="svenska, engelska",
    )
    rita.skills.add("gis", "belysning")
    rita.districts.add(alidhem)
    other = ProjectFactory(challenge=challenge, title="Kartor för alla", needed_skills=["gis"])
    return {"project": project, "lead": lead, "rita": rita.user, "other": other}


def _login(browsing, email):
    browsing.goto("/konto/login/")
    browsing.page.fill("input[name=login]", email)
    browsing.page.fill("input[name=password]", PASSWORD)
    browsing.page.locator("form button[type=submit]").first.click()
    browsing.page.wait_for_load_state("networkidle")


def test_lead_invites_a_suggested_person_who_accepts(setup, browsing):
    project = setup["project"]
    _login(browsing, setup["lead"].email)
    browsing.goto(f"/projekt/{project.pk}/forslag/")
    page = browsing.page
    suggestion = page.locator("li.suggestion", has_text="Rita Forskare")
    reasons = suggestion.locator(".suggestion__reasons").inner_text()
    assert "delar kompetenserna" in reasons
    assert "tillför forskarperspektivet som teamet saknar" in reasons
    assert "finns i Ålidhem" in reasons
    browsing.axe("suggestions")
    browsing.screenshot("matchmaking-suggestions")
    suggestion.get_by_role("button", name="Bjud in").click()
    page.wait_for_load_state("networkidle")
    assert "Inbjudan är skickad." in page.content()
    browsing.goto(f"/projekt/{project.pk}/teambyggare/")
    browsing.axe("team builder")
    browsing.screenshot("matchmaking-team-builder")

    page.context.clear_cookies()
    _login(browsing, setup["rita"].email)
    browsing.goto("/mina-projekt/")
    assert "Projekt som behöver dig" in page.content()
    assert "Kartor för alla" in page.content()
    browsing.axe("Mina projekt with projects that need you")
    browsing.screenshot("matchmaking-my-projects")
    page.get_by_role("button", name="Tacka ja").first.click()
    page.wait_for_load_state("networkidle")
    browsing.goto(f"/projekt/{project.pk}/")
    assert "Rita Forskare" in page.content()
    browsing.goto("/projekt/for-dig/")
    page.get_by_role("button", name="Visa mig inte i förslag").click()
    page.wait_for_load_state("networkidle")
    assert "du visas inte längre i förslag" in page.content()
    browsing.axe("for you, switched off")
    browsing.screenshot("matchmaking-for-you-off")
