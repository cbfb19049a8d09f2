"""The Wagtail admin must not call any other host either (update checks, avatars, fonts)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-admin-passphrase-for-tests"


@pytest.fixture
def superuser(transactional_db):
    # Created before the browser starts: ORM calls belong outside Playwright's loop. Staff
    # sign in like everybody else: by e-mail address, once it is verified.
    user = get_user_model().objects.create_superuser(
        username="browser-admin", email="browser-admin@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_admin_login_and_dashboard_make_no_external_requests(superuser, browsing):
    browsing.goto("/admin/login/")
    browsing.screenshot("admin-login")
    # The sign-in page gets the public site's strict policy (no inline script or style).
    assert browsing.csp_violations() == []
    browsing.page.fill("#id_login", "browser-admin@example.org")
    browsing.page.fill("#id_password", PASSWORD)
    browsing.page.locator("form button[type=submit], form input[type=submit]").first.click()
    browsing.page.wait_for_load_state("networkidle")
    assert browsing.page.url.rstrip("/").endswith("/admin"), browsing.page.url
    assert browsing.page.locator("#wagtail, .w-dashboard, main").count() > 0
    browsing.screenshot("admin-dashboard")
    assert browsing.csp_violations() == []
    assert not browsing.foreign_requests(), browsing.foreign_requests()
