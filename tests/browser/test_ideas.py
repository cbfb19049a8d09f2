"""The ideas flow in a real browser: a citizen proposes an idea with an image, the innovation
team publishes it in the admin, another citizen supports and follows it and, when the team
shortlists it, sees the notification. axe-core on every page; screenshots land in
test-artifacts/screenshots/."""

import io

import pytest
from django.contrib.auth.models import Group
from PIL import Image

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def people(transactional_db):
    # Everything is created before the browser starts: ORM calls stay outside Playwright.
    from tests.factories import challenges as challenge_pages
    from tests.factories.people import ProfileFactory
    from umecom.roles import INNOVATION_TEAM

    challenge = challenge_pages.challenge(title="Mötesplatser för unga", plan="open")
    citizen = ProfileFactory(display_name="Amina Berg").user
    other = ProfileFactory(display_name="Johan Ek").user
    team = ProfileFactory(display_name="Innovationsteamet").user
    team.groups.add(Group.objects.get_or_create(name=INNOVATION_TEAM)[0])
    # The admin's sign-in is the public one: a verified e-mail address.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=team, email=team.email, defaults={"verified": True, "primary": True}
    )
    return {"challenge": challenge, "citizen": citizen, "other": other, "team": team}


def _login(browsing, email):
    browsing.goto("/konto/login/")
    browsing.page.fill("input[name=login]", email)
    browsing.page.fill("input[name=password]", PASSWORD)
    browsing.page.locator("form button[type=submit]").first.click()
    browsing.page.wait_for_load_state("networkidle")


def _logout(browsing):
    browsing.page.context.clear_cookies()


def test_propose_publish_support_follow_and_notify(people, browsing, tmp_path):
    photo = tmp_path / "skolgard.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1800, 1000), "teal").save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    plan = tmp_path / "Plan för skolgården.pdf"
    plan.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    challenge = people["challenge"]

    # 1. A citizen proposes an idea with an image.
    _login(browsing, people["citizen"].email)
    browsing.goto(challenge.url)
    browsing.axe("challenge page with ideas section")
    browsing.page.click("text=Föreslå en idé")
    browsing.page.fill("#id_title", "Kvällsöppen skolgård")
    browsing.page.fill("#id_summary", "Öppna skolgården för unga på kvällarna.")
    browsing.page.fill("#id_description", "Med en vuxen på plats.\n\nFrån klockan 18.")
    browsing.page.set_input_files("#id_image", str(photo))
    browsing.page.fill("#id_image_alt", "En tom skolgård i kvällsljus")
    browsing.page.set_input_files("#id_attachments", str(plan))
    browsing.axe("propose form")
    browsing.screenshot("ideas-propose-form")
    browsing.page.click("button[value=submit]")
    browsing.page.wait_for_load_state("networkidle")
    assert "Din idé är inskickad" in browsing.page.content()
    browsing.axe("idea page (submitted, author)")
    browsing.screenshot("ideas-idea-submitted")
    idea_path = browsing.page.url.split(browsing.base_url, 1)[1]
    _logout(browsing)

    # 2. The innovation team publishes it in the admin queue.
    browsing.goto("/admin/login/")
    browsing.page.fill("#id_login", people["team"].email)
    browsing.page.fill("#id_password", PASSWORD)
    browsing.page.locator("form button[type=submit]").first.click()
    browsing.page.wait_for_load_state("networkidle")
    browsing.goto("/admin/ideer/?status=submitted")
    browsing.page.check("input[name=ids]")
    browsing.page.select_option("#idea-bulk-action", "publish")
    browsing.screenshot("ideas-admin-queue")
    browsing.page.click("text=Utför för markerade")
    browsing.page.wait_for_load_state("networkidle")
    assert "1 idéer är uppdaterade" in browsing.page.content()
    _logout(browsing)

    # 3. Another citizen supports and follows it.
    _login(browsing, people["other"].email)
    browsing.goto(idea_path)
    image = browsing.page.locator("img[alt='En tom skolgård i kvällsljus']")
    assert image.count() == 1
    # Served by the permission-checked view, not /media/: it must really load.
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "/media/" not in image.get_attribute("src")
    assert browsing.page.locator("a[download]", has_text="Plan för skolgården.pdf").count() == 1
    browsing.page.click("text=Stöd idén")
    browsing.page.wait_for_load_state("networkidle")
    browsing.page.click("text=Följ idén")
    browsing.page.wait_for_load_state("networkidle")
    assert "Ta tillbaka mitt stöd" in browsing.page.content()
    assert "Sluta följa idén" in browsing.page.content()
    browsing.axe("idea page (published, supporter)")
    browsing.screenshot("ideas-idea-supported")
    _logout(browsing)

    # 4. The team shortlists it; the follower sees the notification.
    browsing.goto("/admin/login/")
    browsing.page.fill("#id_login", people["team"].email)
    browsing.page.fill("#id_password", PASSWORD)
    browsing.page.locator("form button[type=submit]").first.click()
    browsing.page.wait_for_load_state("networkidle")
    browsing.goto("/admin/ideer/?status=published")
    browsing.page.check("input[name=ids]")
    browsing.page.select_option("#idea-bulk-action", "shortlist")
    browsing.page.click("text=Utför för markerade")
    browsing.page.wait_for_load_state("networkidle")
    _logout(browsing)

    _login(browsing, people["other"].email)
    assert browsing.page.locator(".count-badge").count() == 1
    browsing.goto("/notiser/")
    assert "En idé du följer" in browsing.page.content()
    browsing.axe("notifications page")
    browsing.screenshot("ideas-notifications")
    browsing.goto(f"/ideer/utmaning/{challenge.pk}/")
    browsing.axe("idea list")
    browsing.screenshot("ideas-list")
    assert not browsing.csp_violations(), browsing.csp_violations()
