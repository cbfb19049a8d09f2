"""The team flow in a real browser: a person asks to join a project's open role, the lead
accepts from "Mina projekt", and the new member finds the project in their own "Mina
projekt". axe-core on every page; screenshots land in test-artifacts/screenshots/."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def world(transactional_db):
    # Everything is created before the browser starts: ORM calls stay outside Playwright.
    from tests.factories import challenges as challenge_pages
    from tests.factories.people import ProfileFactory
    from tests.factories.teams import ProjectFactory, ProjectRoleFactory

    challenge = challenge_pages.challenge(title="Trygga stråk", plan="teams")
    lead = ProfileFactory(display_name="Lea Ledare").user
    person = ProfileFactory(display_name="Pia Person").user
    project = ProjectFactory(
        challenge=challenge,
        lead=lead,
        title="Ljus på stråket",
        needed_skills=["belysning", "kommunikation"],
    )
    ProjectRoleFactory(
        project=project, title="Kommunikatör", skills=["kommunikation", "foto"], hours_per_month=6
    )
    return {"challenge": challenge, "lead": lead, "person": person, "project": project}


def _login(browsing, email):
    browsing.page.context.clear_cookies()
    browsing.goto("/konto/login/")
    browsing.page.fill("input[name=login]", email)
    browsing.page.fill("input[name=password]", PASSWORD)
    browsing.page.locator("form button[type=submit]").first.click()
    browsing.page.wait_for_load_state("networkidle")


def test_ask_to_join_lead_accepts_member_sees_it_in_mina_projekt(world, browsing):
    project_path = f"/projekt/{world['project'].pk}/"

    # 1. A person asks to join the open role, with a message.
    _login(browsing, world["person"].email)
    browsing.goto(world["challenge"].url)
    assert browsing.page.locator("#projekt", has_text="Ljus på stråket").count() == 1
    browsing.axe("challenge page with projects")
    browsing.page.click("#projekt >> text=Ljus på stråket")
    browsing.page.wait_for_load_state("networkidle")
    browsing.axe("project page (stranger)")
    browsing.page.select_option("#id_role", label="Kommunikatör")
    browsing.page.fill("#id_message", "Jag fotar och skriver gärna om stråket.")
    browsing.screenshot("projects-ask-to-join")
    browsing.page.click("text=Skicka förfrågan")
    browsing.page.wait_for_load_state("networkidle")
    assert "Din förfrågan är skickad till projektledaren." in browsing.page.content()
    browsing.axe("project page (request sent)")

    # 2. The lead accepts from Mina projekt.
    _login(browsing, world["lead"].email)
    browsing.goto("/mina-projekt/")
    assert "Jag fotar och skriver gärna om stråket." in browsing.page.content()
    browsing.axe("Mina projekt (lead)")
    browsing.screenshot("projects-lead-mina-projekt")
    browsing.page.click("button:has-text('Anta')")
    browsing.page.wait_for_load_state("networkidle")
    assert "Pia Person är nu med i teamet." in browsing.page.content()
    browsing.goto(project_path)
    browsing.axe("project page (lead)")
    browsing.screenshot("projects-project-lead")
    browsing.goto(project_path + "andra/")
    browsing.axe("project edit form (lead)")
    browsing.screenshot("projects-edit-form")

    # 3. The new member sees the project in their Mina projekt.
    _login(browsing, world["person"].email)
    browsing.goto("/mina-projekt/")
    table = browsing.page.locator("table", has_text="Ljus på stråket")
    assert table.count() == 1 and "Kommunikatör" in table.inner_text()
    browsing.axe("Mina projekt (member)")
    browsing.screenshot("projects-member-mina-projekt")
    assert browsing.foreign_requests() == []
    assert browsing.csp_violations() == []
