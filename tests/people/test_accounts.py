"""Sign-up, e-mail verification, log-in, enumeration safety, rate limits and single sign-on."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from people.models import ConsentKind, ConsentRecord, Profile, Visibility
from tests.factories.people import ProfileFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _swedish_thread_language():
    # A request to /en/… leaves English active in the thread (LocaleMiddleware never
    # deactivates), and reverse() would then build /en/ URLs: start and end in Swedish.
    translation.activate("sv")
    yield
    translation.activate("sv")


PASSWORD = "ett-langt-losenord-2026"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth keeps rate-limit counters in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


def signup(client, email="anna.berg@example.org", **extra):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy_policy": "on",
        **extra,
    }
    return client.post(reverse("account_signup"), data)


def link_in(message) -> str:
    return re.search(r"https?://[^\s]+", message.body).group(0)


def test_signup_sends_verification_then_login_leads_to_onboarding(
    client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[Umecom] Bekräfta din e-postadress"
    confirm_url = link_in(mail.outbox[0])
    assert "/konto/confirm-email/" in confirm_url

    path = confirm_url.split("testserver", 1)[-1]
    assert client.get(path).status_code == 200
    client.post(path)
    assert EmailAddress.objects.get(email="anna.berg@example.org").verified

    response = client.post(
        reverse("account_login"), {"login": "anna.berg@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:onboarding")


def test_signup_creates_profile_and_records_privacy_consent(client, settings):
    signup(client, email="kalle.ek@example.org")

    profile = Profile.objects.select_related("user").get(user__email="kalle.ek@example.org")
    assert profile.display_name == "kalle.ek"
    assert profile.visibility == Visibility.MEMBERS
    assert not profile.findable_for_projects and not profile.invitable_to_teams
    consent = ConsentRecord.objects.get(user=profile.user)
    assert consent.kind == ConsentKind.PRIVACY_POLICY
    assert consent.granted is True
    assert consent.policy_version == settings.PRIVACY_POLICY_VERSION


def test_internal_username_does_not_contain_the_email(client):
    signup(client, email="kalle.ek@example.org")
    signup(client, email="kalle.ek@example.com")

    usernames = list(Profile.objects.values_list("user__username", flat=True))
    assert len(usernames) == len(set(usernames)) == 2
    assert all("kalle" not in name for name in usernames)


def test_signup_without_privacy_policy_is_refused_and_keeps_the_email(client):
    response = signup(client, email="utan@example.org", privacy_policy="")

    assert response.status_code == 200
    assert "Du behöver läsa och godkänna integritetspolicyn" in response.content.decode()
    assert 'value="utan@example.org"' in response.content.decode()
    assert not Profile.objects.exists()
    assert mail.outbox == []


def test_signup_with_existing_email_looks_the_same_and_mails_the_owner(
    client, django_capture_on_commit_callbacks
):
    VerifiedUserFactory(email="finns@example.org")
    before = Profile.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client, email="finns@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert Profile.objects.count() == before
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["finns@example.org"]
    assert mail.outbox[0].subject == "[Umecom] Du har redan ett konto på Umecom"
    # The owner is told someone tried to register: it is not a verification mail.
    assert "/konto/confirm-email/" not in mail.outbox[0].body
    assert "/konto/password/reset/" in mail.outbox[0].body


def test_password_reset_for_unknown_email_shows_the_same_page(
    client, django_capture_on_commit_callbacks
):
    VerifiedUserFactory(email="kand@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_reset_password"), {"email": "kand@example.org"})
        unknown = client.post(reverse("account_reset_password"), {"email": "okand@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    page = client.get(reverse("account_reset_password_done")).content.decode()
    assert "Om adressen hör till ett konto" in page
    reset_mail = next(m for m in mail.outbox if m.to == ["kand@example.org"])
    assert "/konto/password/reset/key/" in reset_mail.body
    unknown_mail = next(m for m in mail.outbox if m.to == ["okand@example.org"])
    assert unknown_mail.subject == "[Umecom] Inget konto hittades"
    assert "/konto/password/reset/key/" not in unknown_mail.body


def test_repeated_failed_logins_are_rate_limited_with_a_clear_message(client):
    VerifiedUserFactory(email="sparr@example.org")
    for _attempt in range(5):
        response = client.post(
            reverse("account_login"), {"login": "sparr@example.org", "password": "fel"}
        )
        assert response.status_code == 200
        assert "stämmer inte" in response.content.decode()

    response = client.post(
        reverse("account_login"), {"login": "sparr@example.org", "password": "fel"}
    )

    assert response.status_code in (200, 429)
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


def test_signup_rate_limit_renders_the_friendly_429_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    signup(client, email="forsta@example.org")
    client.logout()

    response = signup(client, email="andra@example.org")

    assert response.status_code == 429
    assert "För många försök" in response.content.decode()


def test_login_page_has_no_sso_button_without_configuration(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}

    page = client.get(reverse("account_login")).content.decode()

    assert "Logga in med" not in page


OIDC_PROVIDERS = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "kommun",
                "name": "Umeå kommun",
                "client_id": "umecom",
                "secret": "hemligt",
                "settings": {"server_url": "https://login.example.org/realms/umea"},
            }
        ]
    }
}


@override_settings(SOCIALACCOUNT_PROVIDERS=OIDC_PROVIDERS)
def test_sso_start_page_asks_before_leaving_for_the_provider(client):
    # SOCIALACCOUNT_LOGIN_ON_GET is off: a GET only shows a confirmation form (no CSRF hop).
    response = client.get("/konto/oidc/kommun/login/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<div class="container container--narrow page">' in page
    assert 'method="post"' in page


@override_settings(SOCIALACCOUNT_PROVIDERS=OIDC_PROVIDERS)
def test_login_page_shows_the_configured_oidc_provider(client):
    page = client.get(reverse("account_login")).content.decode()

    assert "Logga in med Umeå kommun" in page
    assert "/konto/oidc/kommun/login/" in page


def test_login_page_is_in_site_design_with_labelled_fields(client):
    page = client.get(reverse("account_login")).content.decode()

    assert '<a class="skip-link"' in page  # the site's own base.html
    assert re.search(r'<label[^>]* for="id_login"', page)
    assert re.search(r'<label[^>]* for="id_password"', page)


def test_failed_login_error_is_announced(client):
    VerifiedUserFactory(email="fel@example.org")

    page = client.post(
        reverse("account_login"), {"login": "fel@example.org", "password": "fel"}
    ).content.decode()

    assert 'role="alert"' in page
    assert "E-postadressen eller lösenordet stämmer inte." in page


def test_login_after_completed_onboarding_goes_to_the_default_page(client):
    from django.utils import timezone

    profile = ProfileFactory(onboarding_completed_at=timezone.now())

    response = client.post(
        reverse("account_login"),
        {"login": profile.user.email, "password": "correct-horse-battery"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_english_signup_page_exists(client):
    response = client.get("/en/konto/signup/")

    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


@pytest.mark.parametrize(
    "url_name",
    ["account_email", "account_change_password", "account_logout", "socialaccount_connections"],
)
def test_account_management_pages_render_in_the_site_frame(client, url_name):
    profile = ProfileFactory()
    client.force_login(profile.user)

    response = client.get(reverse(url_name))

    page = response.content.decode()
    assert response.status_code == 200
    assert '<a class="skip-link"' in page
    assert "<title>" in page and " – Umecom</title>" in page


def test_password_change_works_and_keeps_the_member_logged_in(client):
    profile = ProfileFactory()
    client.force_login(profile.user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "correct-horse-battery", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    profile.user.refresh_from_db()
    assert profile.user.check_password(PASSWORD)
    assert client.get(reverse("people:my_profile")).status_code == 200


def test_confirming_the_email_signs_in_and_greets_by_the_chosen_name(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signup(client, email="sara.lind@example.org", display_name="Sara Lind")
    path = link_in(mail.outbox[0]).split("testserver", 1)[-1]

    response = client.post(path, follow=True)

    assert response.wsgi_request.user.is_authenticated  # no second log-in form
    assert response.redirect_chain[0][0] == reverse("people:onboarding")
    page = response.content.decode()
    assert "Sara Lind" in page
    assert Profile.objects.get(user__email="sara.lind@example.org").display_name == "Sara Lind"


# --- The privacy policy next to the sign-up checkbox -----------------------------------------


@pytest.fixture
def privacy_page():
    """A Swedish site with an English translation, and the privacy page the site settings
    (SiteFooter) point at, translated too."""
    from wagtail.models import Locale, Page, Site

    from umecom.core.models import ContentPage, HomePage, SiteFooter

    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")

    def publish(page):
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    home = HomePage(title="Umecom", slug="umecom-hem", hero_heading="Tillsammans", locale=sv)
    Page.get_first_root_node().add_child(instance=home)
    home = publish(home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    publish(home.copy_for_translation(en))
    policy = ContentPage(title="Integritetspolicy", slug="var-integritetspolicy", intro="Om dig.")
    home.add_child(instance=policy)
    policy = publish(policy)
    policy_en = policy.copy_for_translation(en)
    policy_en.title = "Privacy policy"
    policy_en.slug = "our-privacy-policy"
    publish(policy_en)
    footer = SiteFooter.for_site(site)
    footer.privacy_page = policy
    footer.save()
    return policy


def _privacy_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"[^>]*>(?:Läs integritetspolicyn|Read the privacy)', html)


def test_signup_links_to_the_privacy_page_chosen_in_the_site_settings(client, privacy_page):
    html = client.get(reverse("account_signup")).content.decode()

    assert _privacy_links(html) == ["/var-integritetspolicy/"]
    assert 'name="privacy_policy"' in html
    # The link sits with the checkbox's form, and says that it opens a new tab.
    form = html[html.index('name="privacy_policy"') : html.index("</form>")]
    assert 'href="/var-integritetspolicy/" target="_blank" rel="noopener"' in form
    assert "(öppnas i en ny flik)" in form


def test_english_signup_links_to_the_english_privacy_page(client, privacy_page):
    html = client.get("/en/konto/signup/").content.decode()

    assert _privacy_links(html) == ["/en/our-privacy-policy/"]
    assert "Read the privacy policy" in html and "(opens in a new tab)" in html
    assert "I have read the privacy policy" in html


@pytest.mark.parametrize("how", ["not chosen", "deleted", "unpublished"])
def test_signup_works_without_a_privacy_page(client, privacy_page, how):
    from umecom.core.models import SiteFooter

    if how == "not chosen":
        footer = SiteFooter.objects.get()
        footer.privacy_page = None
        footer.save()
    elif how == "deleted":
        privacy_page.get_translations(inclusive=True).specific().delete()
    else:
        privacy_page.unpublish()
    cache.clear()  # the site shell is cached; publishing signals are tested elsewhere

    html = client.get(reverse("account_signup")).content.decode()
    assert _privacy_links(html) == []
    assert 'name="privacy_policy"' in html
    response = signup(client, email="utan.sida@example.org")
    assert response.status_code == 302
    assert Profile.objects.filter(user__email="utan.sida@example.org").exists()
