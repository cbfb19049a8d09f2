"""Single sign-on, the whole round trip in Chromium against a real OpenID Connect provider.

The provider (tests/sso_provider/: django-oidc-provider in its own Django project and SQLite
database) runs as a subprocess on 127.0.0.1. The live server is configured through the same
settings function as `make run` with the README's OIDC_* variables (umecom/settings/sso.py),
so its CSP is the real one, and allauth fetches the provider's discovery document, token and
userinfo over real HTTP. Nothing is mocked.

axe-core runs once per page design (confirmation, sign-up, connections with an error, error
page); the same templates in the other language or with another message are only screenshotted,
to keep the module within its time budget in CI.
"""

import re
import secrets
import socket
from urllib.parse import urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.core.cache import cache

from people.models import ConsentRecord, Profile
from tests.factories.people import ProfileFactory
from tests.sso_provider.process import Person, ProviderProcess
from umecom.settings.sso import oidc_settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PROVIDER_NAME = "Umeå kommun"  # the README's default OIDC_PROVIDER_NAME
CALLBACK = "/konto/oidc/kommun/login/callback/"
CLIENT_ID = "umecom-test"
CLIENT_SECRET = secrets.token_urlsafe(24)
ANNA = Person("anna", "anna-pw-2026", "anna.sundstrom@example.org", "Anna", "Sundström")
BERIT = Person("berit", "berit-pw-2026", "berit.lund@example.org", "Berit", "Lund")
CECILIA = Person("cecilia", "cecilia-pw-2026", "cecilia.ek@example.org", "Cecilia", "Ek")
DAVID = Person("david", "david-pw-2026", "david.holm@example.org", "David", "Holm")
UMECOM_PASSWORD = "correct-horse-battery"  # tests.factories' password


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    process = ProviderProcess(
        workdir=tmp_path_factory.mktemp("sso_provider"),
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        # As the README asks the provider's administrator: Swedish and English callbacks.
        redirect_uris=[live_server.url + CALLBACK, live_server.url + "/en" + CALLBACK],
        people=[ANNA, BERIT, CECILIA, DAVID],
    ).start()
    yield process
    process.stop()


def configure_sso(settings, *, server_url: str) -> None:
    """What an administrator does: set the three OIDC_* variables (README, Single sign-on)."""
    environ = {
        "OIDC_SERVER_URL": server_url,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
    }
    configured = oidc_settings(environ, content_security_policy=settings.CONTENT_SECURITY_POLICY)
    for name, value in configured.items():
        setattr(settings, name, value)


@pytest.fixture
def sso(settings, provider, browsing):
    configure_sso(settings, server_url=provider.issuer)
    browsing.allowed_hosts.add(urlsplit(provider.origin).netloc)
    cache.clear()  # allauth's rate-limit counters
    return provider


def assert_clean(browsing, name):
    assert not browsing.csp_violations(), f"CSP violations on {name}: {browsing.csp_violations()}"


def click_and_wait(page, selector):
    with page.expect_navigation():
        page.click(selector)


def leave_for_the_provider(browsing, provider, *, prefix=""):
    """From the log-in page: the provider's button, then "Fortsätt" on our confirmation page."""
    page = browsing.page
    browsing.goto(f"{prefix}/konto/login/")
    click_and_wait(page, ".provider-button")
    assert urlsplit(page.url).path == f"{prefix}/konto/oidc/kommun/login/"
    submit_confirmation(page)


def submit_confirmation(page) -> None:
    """Press "Fortsätt". With `form-action 'self'` alone Chromium refuses to follow the
    redirect to the provider: the page stays and this times out."""
    with page.expect_navigation(timeout=10_000):
        page.click("main form button[type=submit]")
    assert page.url.startswith("http") and "/login/?process=" not in page.url, page.url


def sign_in_at_provider(page, provider, person: Person) -> None:
    if urlsplit(page.url).path == "/login/":
        page.fill("#id_username", person.username)
        page.fill("#id_password", person.password)
        click_and_wait(page, "button[type=submit]")
    if page.url.startswith(f"{provider.origin}/openid/authorize"):
        click_and_wait(page, "button[name=allow]")  # the provider's own consent page


def path_of(page) -> str:
    return urlsplit(page.url).path


def test_first_and_second_sso_sign_in_with_consent_and_onboarding(sso, browsing):
    page = browsing.page

    browsing.goto("/konto/login/")
    assert page.locator(".provider-button").inner_text() == f"Logga in med {PROVIDER_NAME}"
    click_and_wait(page, ".provider-button")
    assert f"Logga in med {PROVIDER_NAME}" in page.locator("h1").inner_text()
    assert "Du skickas vidare till" in page.locator("main").inner_text()
    browsing.screenshot("sso-confirm-sv")
    browsing.axe("SSO confirmation page")
    submit_confirmation(page)
    sign_in_at_provider(page, sso, ANNA)

    # Back on Umecom: our own Swedish wording, the e-mail from the provider, the consent box.
    assert path_of(page) == "/konto/3rdparty/signup/"
    main = page.locator("main").inner_text()
    assert "You are about to" not in main
    assert f"Du har loggat in med {PROVIDER_NAME}" in main
    assert page.input_value("#id_email") == ANNA.email
    browsing.screenshot("sso-signup-sv")
    browsing.axe("SSO sign-up page")
    click_and_wait(page, "main form button[type=submit]")
    assert "godkänna integritetspolicyn" in page.locator("main").inner_text()
    assert page.input_value("#id_email") == ANNA.email  # kept after the failed attempt
    page.check("#id_privacy_policy")
    click_and_wait(page, "main form button[type=submit]")

    # First sign-in lands on onboarding, like a first password sign-in.
    assert path_of(page) == "/profil/kom-igang/1/"
    user = get_user_model().objects.get(email=ANNA.email)
    assert SocialAccount.objects.filter(user=user, provider="kommun").exists()
    assert not user.has_usable_password()
    assert ConsentRecord.objects.filter(user=user, kind="privacy_policy", granted=True).exists()
    for _ in range(4):
        click_and_wait(page, "button[name=skip]")  # onboarding done (every step skipped)
    assert path_of(page) == "/profil/"
    assert_clean(browsing, "first SSO sign-in")

    # Log out, then the second sign-in: no sign-up form, no provider consent, straight in.
    click_and_wait(page, ".account-nav__button")
    leave_for_the_provider(browsing, sso)
    sign_in_at_provider(page, sso, ANNA)
    assert path_of(page) == "/"  # LOGIN_REDIRECT_URL: onboarding is done
    browsing.goto("/profil/")
    assert path_of(page) == "/profil/"  # signed in: no detour to the log-in page
    assert get_user_model().objects.filter(email=ANNA.email).count() == 1
    assert Profile.objects.get(user=user).onboarding_completed_at is not None
    assert_clean(browsing, "second SSO sign-in")


def test_email_that_already_has_an_account_is_never_linked_silently(sso, browsing):
    page = browsing.page
    existing = ProfileFactory(user__email=BERIT.email, user__username="berit_umecom").user

    leave_for_the_provider(browsing, sso)
    sign_in_at_provider(page, sso, BERIT)

    # Not signed in, not linked: asked to sign in with the password first, then connect.
    assert path_of(page) == "/konto/login/"
    message = page.locator("[role=alert], .messages").first.inner_text()
    assert "Det finns redan ett konto" in message, message
    assert not SocialAccount.objects.filter(user=existing).exists()
    assert get_user_model().objects.filter(email=BERIT.email).count() == 1
    browsing.screenshot("sso-email-taken-sv")

    page.fill("#id_login", BERIT.email)
    page.fill("#id_password", UMECOM_PASSWORD)
    click_and_wait(page, "main form.form button[type=submit], main form button[type=submit]")
    assert path_of(page) == "/konto/3rdparty/"  # the connections page, as the message said

    click_and_wait(page, f"a:has-text('Koppla {PROVIDER_NAME}')")
    assert "Koppla" in page.locator("h1").inner_text()
    submit_confirmation(page)
    sign_in_at_provider(page, sso, BERIT)
    assert path_of(page) == "/konto/3rdparty/"
    assert SocialAccount.objects.filter(user=existing, provider="kommun").exists()
    assert f"{PROVIDER_NAME} är nu kopplat" in page.locator("main").inner_text()
    browsing.screenshot("sso-connections-sv")

    # Berit has a password, so she may disconnect again.
    click_and_wait(page, "main form.sso-disconnect button[type=submit]")
    assert not SocialAccount.objects.filter(user=existing).exists()
    assert_clean(browsing, "connecting an existing account")


def test_tampered_state_gives_a_clear_error_and_no_session(sso, browsing, live_server):
    page = browsing.page

    def tamper(route):
        # Our answer to "Fortsätt" is the redirect to the provider; its state parameter is
        # changed on the way out, so the provider returns a real code with a forged state.
        # (Playwright only intercepts the first request of a redirect chain: this one.)
        response = route.fetch(max_redirects=0)
        location = response.headers["location"]
        assert "state=" in location, location
        forged = re.sub(r"state=[^&]+", "state=forged", location)
        route.fulfill(response=response, headers={**response.headers, "location": forged})

    browsing.goto("/konto/login/")
    click_and_wait(page, ".provider-button")
    page.route(lambda url: "/konto/oidc/kommun/login/?" in url, tamper)
    submit_confirmation(page)
    assert page.url.startswith(sso.origin) and "state%3Dforged" in page.url
    with page.expect_response(lambda r: CALLBACK in r.url) as callback:
        sign_in_at_provider(page, sso, CECILIA)
    assert callback.value.status == 401
    main = page.locator("main").inner_text()
    assert "Inloggningen med Umeå kommun kunde inte slutföras" in main
    assert not get_user_model().objects.filter(email=CECILIA.email).exists()
    browsing.screenshot("sso-tampered-state-sv")
    browsing.axe("SSO error page")
    browsing.goto("/profil/")  # not signed in: the profile asks to log in
    assert path_of(page) == "/konto/login/"
    assert_clean(browsing, "tampered state")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_provider_down_gives_a_clear_message_and_password_login_still_works(settings, browsing):
    configure_sso(settings, server_url=f"http://127.0.0.1:{free_port()}/openid")
    cache.clear()
    member = ProfileFactory(user__email="password.person@example.org").user
    page = browsing.page

    for prefix, expected in [
        ("", "svarar inte just nu"),
        ("/en", "is not answering right now"),
    ]:
        browsing.goto(f"{prefix}/konto/login/")
        click_and_wait(page, ".provider-button")
        with page.expect_navigation() as answer:
            page.click("main form button[type=submit]")
        assert answer.value.status == 503
        assert expected in page.locator("main").inner_text()
        browsing.screenshot(f"sso-provider-down-{prefix.strip('/') or 'sv'}")

    browsing.goto("/konto/login/")
    page.fill("#id_login", member.email)
    page.fill("#id_password", UMECOM_PASSWORD)
    click_and_wait(page, "main form button[type=submit]")
    assert path_of(page) == "/profil/kom-igang/1/"
    assert_clean(browsing, "provider down")


def test_sso_account_in_english_cannot_drop_its_only_login_and_deletes_with_radera(sso, browsing):
    page = browsing.page
    leave_for_the_provider(browsing, sso, prefix="/en")
    sign_in_at_provider(page, sso, DAVID)

    assert path_of(page) == "/en/konto/3rdparty/signup/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert f"You signed in with {PROVIDER_NAME}" in page.locator("main").inner_text()
    browsing.screenshot("sso-signup-en")
    page.check("#id_privacy_policy")
    click_and_wait(page, "main form button[type=submit]")
    assert path_of(page) == "/en/profil/kom-igang/1/"
    user = get_user_model().objects.get(email=DAVID.email)

    # The profile's account settings offer the connections page; the only way in stays.
    browsing.goto("/en/profil/")
    click_and_wait(page, "nav.profile-nav a[href$='/konto/3rdparty/']")
    click_and_wait(page, "main form.sso-disconnect button[type=submit]")
    assert "only way to sign in" in page.locator("main").inner_text()
    assert SocialAccount.objects.filter(user=user).exists()
    browsing.screenshot("sso-connections-only-login-en")
    browsing.axe("connections page (en)")

    browsing.goto("/en/profil/radera/")
    page.fill("#id_confirmation", "RADERA")
    click_and_wait(page, "main form button[type=submit]")
    assert not get_user_model().objects.filter(email=DAVID.email).exists()
    assert not SocialAccount.objects.filter(uid=str(user.pk)).exists()
    assert not SocialAccount.objects.exists()
    assert_clean(browsing, "SSO account deletion")
