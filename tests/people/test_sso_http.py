"""Single sign-on over HTTP with Django's test client: the parts that need no browser.

Where a provider is involved it is a real one (tests/sso_provider/, started on loopback) or a
port where nothing listens: the site's HTTP requests to the provider are never mocked.
"""

import socket
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

from people.adapters import AccountAdapter, SocialAccountAdapter
from people.forms.accounts import SocialSignupForm
from tests.factories.people import ProfileFactory
from tests.sso_provider.process import ProviderProcess
from umecom.settings.sso import oidc_settings

pytestmark = pytest.mark.django_db

LOGIN = "/konto/oidc/kommun/login/"
CALLBACK = "/konto/oidc/kommun/login/callback/"


@pytest.fixture(autouse=True)
def _swedish_and_fresh_rate_limits():
    translation.activate("sv")
    cache.clear()
    yield
    translation.activate("sv")
    cache.clear()


def configure_sso(settings, server_url: str) -> None:
    environ = {"OIDC_SERVER_URL": server_url, "OIDC_CLIENT_ID": "umecom", "OIDC_CLIENT_SECRET": "s"}
    configured = oidc_settings(environ, content_security_policy=settings.CONTENT_SECURITY_POLICY)
    for name, value in configured.items():
        setattr(settings, name, value)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_socialaccount_extra_brings_the_jwt_library_the_oidc_callback_needs():
    import jwt  # PyJWT: without it allauth's id_token check fails with a 500
    from allauth.socialaccount.internal import jwtkit

    assert jwtkit.jwt.decode is jwt.decode


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "Umeå kommun svarar inte just nu"), ("/en", "Umeå kommun is not answering right now")],
)
def test_provider_down_answers_fortsatt_with_a_clear_503_page(client, settings, prefix, expected):
    configure_sso(settings, f"http://127.0.0.1:{closed_port()}/openid")

    response = client.post(prefix + LOGIN)

    assert response.status_code == 503
    assert expected in response.content.decode()
    assert client.get(prefix + "/konto/login/").status_code == 200  # password log-in is there


@pytest.fixture
def provider(tmp_path):
    process = ProviderProcess(
        workdir=tmp_path,
        client_id="umecom",
        client_secret="s",
        redirect_uris=["http://testserver" + CALLBACK],
        people=[],
    ).start()
    yield process
    process.stop()


def test_provider_going_down_before_the_callback_gives_the_same_clear_page(
    client, settings, provider
):
    configure_sso(settings, provider.issuer)
    # The discovery document is fetched over real HTTP to build this redirect.
    redirect = client.post(LOGIN)
    assert redirect.status_code == 302
    assert redirect["Location"].startswith(provider.origin + "/openid/authorize?")
    query = parse_qs(urlsplit(redirect["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]  # PKCE
    provider.stop()

    response = client.get(CALLBACK, {"code": "any", "state": query["state"][0]})

    assert response.status_code == 503
    assert "svarar inte just nu" in response.content.decode()


def test_forged_state_on_the_callback_is_refused_with_a_clear_page(client, settings):
    configure_sso(settings, f"http://127.0.0.1:{closed_port()}/openid")

    response = client.get(CALLBACK, {"code": "stolen", "state": "forged"})

    assert response.status_code == 401
    assert "kunde inte slutföras" in response.content.decode()
    assert "_auth_user_id" not in client.session


def request_with_messages(user=None):
    request = RequestFactory().get(CALLBACK)
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)
    if user is not None:
        request.user = user
    return request


def first_sso_login(email: str, *, process: str = "login", verified=True) -> SocialLogin:
    login = SocialLogin(
        user=get_user_model()(email=email),
        account=SocialAccount(provider="kommun", uid="k-7"),
        email_addresses=[EmailAddress(email=email, verified=verified, primary=True)],
    )
    login.state = {"process": process}
    return login


def test_first_sso_sign_in_with_an_email_that_has_an_account_is_sent_to_password_login(
    settings,
):
    configure_sso(settings, "https://login.example.org/realms/umea")
    existing = ProfileFactory(user__email="berit@example.org").user
    request = request_with_messages()

    with pytest.raises(ImmediateHttpResponse) as stopped:
        SocialAccountAdapter().pre_social_login(request, first_sso_login("Berit@example.org"))

    assert stopped.value.response["Location"] == "/konto/login/?next=%2Fkonto%2F3rdparty%2F"
    (message,) = [str(m) for m in get_messages(request)]
    assert "Det finns redan ett konto på Umecom" in message
    assert "Umeå kommun" in message
    assert not SocialAccount.objects.filter(user=existing).exists()


def test_an_address_the_provider_has_not_verified_reveals_nothing_and_keeps_allauths_flow(
    client, settings, django_capture_on_commit_callbacks
):
    # An identity provider that lets people type any address must not become a way to learn
    # which addresses have an account: allauth's sign-up form and its "check your inbox" stay.
    configure_sso(settings, "https://login.example.org/realms/umea")
    existing = ProfileFactory(user__email="berit@example.org").user

    login = first_sso_login("berit@example.org", verified=False)
    request = request_with_messages()
    SocialAccountAdapter().pre_social_login(request, login)  # no ImmediateHttpResponse
    form = SocialSignupForm(
        data={"email": "berit@example.org", "privacy_policy": "on"}, sociallogin=login
    )
    assert form.is_valid(), form.errors  # the form does not say the address is taken …

    # what allauth's middleware does per request; its mail is queued after commit
    with context.request_context(request), django_capture_on_commit_callbacks(execute=True):
        user, response = form.try_save(request)

    assert user is None and response is not None  # … and creates nothing: "check your inbox"
    assert get_user_model().objects.filter(email__iexact="berit@example.org").count() == 1
    assert not SocialAccount.objects.exists()
    assert [message.to for message in mail.outbox] == [["berit@example.org"]]
    assert existing.emailaddress_set.count() == 1


def test_connecting_from_the_account_settings_is_not_stopped_by_the_email_check(settings):
    configure_sso(settings, "https://login.example.org/realms/umea")
    ProfileFactory(user__email="berit@example.org")

    SocialAccountAdapter().pre_social_login(
        request_with_messages(), first_sso_login("berit@example.org", process="connect")
    )  # no ImmediateHttpResponse


def test_sso_sign_up_that_logs_in_at_once_goes_to_onboarding():
    profile = ProfileFactory(onboarding_completed_at=None)
    request = request_with_messages(profile.user)

    assert AccountAdapter().get_signup_redirect_url(request) == "/profil/kom-igang/"


def sso_member(*, password: bool):
    profile = ProfileFactory()
    user = profile.user
    if not password:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    account = SocialAccount.objects.create(user=user, provider="kommun", uid=f"k-{user.pk}")
    return user, account


def test_member_without_a_password_cannot_disconnect_the_only_way_in(client, settings):
    configure_sso(settings, "https://login.example.org/realms/umea")
    user, account = sso_member(password=False)
    client.force_login(user)

    response = client.post("/konto/3rdparty/", {"account": account.pk})

    assert response.status_code == 200
    assert "det är ditt enda sätt att logga in" in response.content.decode()
    assert SocialAccount.objects.filter(pk=account.pk).exists()


def test_member_with_a_password_can_disconnect(client, settings):
    configure_sso(settings, "https://login.example.org/realms/umea")
    user, account = sso_member(password=True)
    client.force_login(user)

    response = client.post("/konto/3rdparty/", {"account": account.pk}, follow=True)

    assert not SocialAccount.objects.filter(pk=account.pk).exists()
    assert "Kontot är bortkopplat" in response.content.decode()


def test_account_settings_offer_to_connect_the_provider_only_when_configured(client, settings):
    user = ProfileFactory().user
    client.force_login(user)
    assert "Inloggningssätt" not in client.get("/profil/").content.decode()

    configure_sso(settings, "https://login.example.org/realms/umea")
    profile_page = client.get("/profil/").content.decode()
    connections = client.get("/konto/3rdparty/").content.decode()

    assert 'href="/konto/3rdparty/">Inloggningssätt</a>' in profile_page
    assert "Koppla Umeå kommun" in connections
    assert "/konto/oidc/kommun/login/?process=connect" in connections
