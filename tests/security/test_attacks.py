"""Issue 13 tried again as an attacker would: over HTTP against a running server, with real
sessions, on whichever database DATABASE_URL names (SQLite by default, PostgreSQL in CI).

Each test is one attack that used to work. The permission matrix next door
(tests/people/test_permissions.py) covers who may do what; this module covers the ways in
around it: a second login form, timing, hostile paths, the websocket and the server banner.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shlex
import socket
import statistics
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from allauth.account.models import EmailAddress
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from people.models import Profile, Visibility
from tests.factories.base import UserFactory
from tests.factories.people import ProfileFactory, staff_user
from tests.security.http_agent import Agent, browser_resolve
from umecom.asgi import application
from umecom.roles import EDITORS, MODERATORS

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery"  # tests.factories.base.UserFactory's password
NO_ADMIN_ACCESS = "har inte tillgång till administrationen"
MISMATCH = "E-postadressen eller lösenordet stämmer inte"
LOCKED = "För många misslyckade inloggningsförsök"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth counts failed log-ins in the cache, per address and per IP (all tests come from
    # 127.0.0.1): every attack starts from zero and leaves nothing behind.
    cache.clear()
    yield
    cache.clear()


def signed_in_user_ids() -> set[str]:
    """Every account that holds a session in the session store right now."""
    return {
        str(data["_auth_user_id"])
        for data in (s.get_decoded() for s in Session.objects.all())
        if "_auth_user_id" in data
    }


def admin_login(agent: Agent, login: str, password: str = PASSWORD):
    # Both field names: Wagtail's own form took "username", allauth's takes "login".
    data = {"login": login, "username": login, "password": password}
    return agent.post_form("/admin/login/", data)


def public_login(agent: Agent, login: str, password: str = PASSWORD):
    return agent.post_form("/konto/login/", {"login": login, "password": password})


# --- High: the admin login is no second front door ------------------------------------------


# serialized_rollback on every transactional test here: the live server needs committed rows,
# the staff groups' permissions come from a data migration that a plain flush would wipe, and
# on PostgreSQL a plain transactional test before a serialized one breaks the latter's restore
# (the flush recreates content types under new ids).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestAdminLogin:
    def test_citizen_signing_in_at_the_admin_gets_no_session(self, live_server):
        citizen = ProfileFactory().user
        agent = Agent(live_server.url)

        answer = admin_login(agent, citizen.email)

        assert answer.status == 200
        assert NO_ADMIN_ACCESS in answer.body
        assert not agent.is_signed_in()
        assert str(citizen.pk) not in signed_in_user_ids()

    def test_unverified_citizen_gets_no_session_at_the_admin_either(self, live_server):
        unverified = UserFactory()
        Profile.objects.create(user=unverified, display_name="Ej verifierad")
        agent = Agent(live_server.url)

        answer = admin_login(agent, unverified.email)

        assert answer.status == 200
        assert not agent.is_signed_in()
        assert signed_in_user_ids() == set()

    def test_staff_with_an_unverified_address_must_verify_it_first(self, live_server, mailoutbox):
        editor = staff_user(EDITORS)
        EmailAddress.objects.filter(user=editor).update(verified=False)
        agent = Agent(live_server.url)

        answer = admin_login(agent, editor.email)

        # allauth's verification stage answers, exactly as at the public log-in.
        assert answer.status == 302
        assert answer.location == reverse("account_email_verification_sent")
        assert agent.get("/admin/").status == 302
        assert signed_in_user_ids() == set()
        assert [m.to for m in mailoutbox] == [[editor.email]]

    def test_staff_signs_in_at_the_admin_with_the_email_address(self, live_server):
        moderator = staff_user(MODERATORS)
        agent = Agent(live_server.url)

        answer = admin_login(agent, moderator.email.upper())

        assert answer.status == 302
        assert answer.location == reverse("wagtailadmin_home")
        assert agent.get("/admin/").status == 200
        assert signed_in_user_ids() == {str(moderator.pk)}

    def test_admin_login_does_not_tell_unknown_addresses_from_wrong_passwords(self, live_server):
        moderator = staff_user(MODERATORS)
        agent = Agent(live_server.url)

        unknown = admin_login(agent, "finns-inte@example.org")
        wrong = admin_login(agent, moderator.email, "fel-losenord")

        assert unknown.status == wrong.status == 200
        assert MISMATCH in unknown.body and MISMATCH in wrong.body
        assert NO_ADMIN_ACCESS not in unknown.body + wrong.body

    def test_username_is_not_a_way_in(self, live_server):
        moderator = staff_user(MODERATORS)
        agent = Agent(live_server.url)

        answer = admin_login(agent, moderator.username)

        assert answer.status == 200
        assert signed_in_user_ids() == set()

    def test_failed_attempts_at_the_public_login_lock_the_admin_login_too(self, live_server):
        moderator = staff_user(MODERATORS)
        attacker = Agent(live_server.url)
        for _attempt in range(5):
            assert MISMATCH in public_login(attacker, moderator.email, "gissning").body

        # Even the right password, from a fresh client, is refused while the lock holds.
        answer = admin_login(Agent(live_server.url), moderator.email)

        assert LOCKED in answer.body
        assert signed_in_user_ids() == set()

    def test_failed_attempts_at_the_admin_lock_the_public_login_too(self, live_server):
        citizen = ProfileFactory().user
        attacker = Agent(live_server.url)
        for _attempt in range(5):
            assert MISMATCH in admin_login(attacker, citizen.email, "gissning").body

        answer = public_login(Agent(live_server.url), citizen.email)

        assert LOCKED in answer.body
        assert signed_in_user_ids() == set()

    def test_wagtail_front_end_login_is_not_a_way_in(self, live_server):
        citizen = UserFactory()  # unverified: allauth would not let it in
        agent = Agent(live_server.url)
        agent.get("/konto/login/")  # for the CSRF cookie: this URL used to show a form itself

        answer = agent.post_form("/_util/login/", {"username": citizen.email, "password": PASSWORD})

        assert answer.status == 302
        assert answer.location.startswith(reverse("account_login"))
        assert signed_in_user_ids() == set()

    def test_wagtail_password_reset_is_switched_off_for_allauths(self, live_server):
        agent = Agent(live_server.url)

        assert agent.get("/admin/password_reset/").status == 404
        page = agent.get("/admin/login/").body
        assert f'href="{reverse("account_reset_password")}"' in page

    def test_superuser_from_createsuperuser_verifies_the_address_at_first_sign_in(
        self, live_server, mailoutbox, django_user_model
    ):
        root = django_user_model.objects.create_superuser(
            username="root", email="root@example.org", password=PASSWORD
        )
        agent = Agent(live_server.url)

        first = admin_login(agent, root.email)

        assert first.location == reverse("account_email_verification_sent")
        assert signed_in_user_ids() == set()
        link = re.search(r"https?://\S+", mailoutbox[-1].body).group(0)
        agent.post_form(link.split(live_server.url, 1)[-1], {})
        assert admin_login(agent, root.email).location == reverse("wagtailadmin_home")
        assert agent.get("/admin/").status == 200


# --- Low: sign-up takes as long for a registered address as for a new one -----------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signup_timing_does_not_tell_which_addresses_have_an_account(live_server, settings):
    # The real (slow by design) password hasher: with the test suite's MD5 there is nothing
    # to measure. Medians over interleaved runs, and a ratio rather than milliseconds, keep
    # this meaningful on a loaded two-core machine: before the fix the ratio was above 10.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": False}
    runs = 5
    registered = [ProfileFactory().user.email for _ in range(runs + 1)]

    def signup(email: str) -> float:
        agent = Agent(live_server.url)
        agent.get("/konto/signup/")
        data = {
            "email": email,
            "password1": "ett-langt-losenord-2026",
            "password2": "ett-langt-losenord-2026",
            "privacy_policy": "on",
        }
        started = time.perf_counter()
        answer = agent.post_form("/konto/signup/", data)
        elapsed = time.perf_counter() - started
        # Both answers are the same redirect, so only the timing could tell them apart.
        assert (answer.status, answer.location) == (302, reverse("account_email_verification_sent"))
        return elapsed

    signup(registered.pop())  # warm-up: templates, the common-password list
    new, existing = [], []
    for run in range(runs):
        new.append(signup(f"ny-{run}-{uuid.uuid4().hex[:6]}@example.org"))
        existing.append(signup(registered[run]))

    print(
        f"sign-up medians: new address {statistics.median(new):.3f}s, registered address "
        f"{statistics.median(existing):.3f}s"
    )
    slow, fast = sorted([statistics.median(new), statistics.median(existing)], reverse=True)
    assert slow / fast < 3, (
        f"new {statistics.median(new):.3f}s, existing {statistics.median(existing):.3f}s"
    )


# --- Low: links built from the request path stay on this site ------------------------------

HOSTILE_PATHS = [
    "//evil.example/",
    "/\\evil.example",
    "/%2F%2Fevil.example",
    "/%2F%2Fevil.example/",
    "/%5Cevil.example/",
    "/%09/evil.example/",
    "/en//evil.example/",
    "/en/%2F%2Fevil.example/",
    "///evil.example/?next=//evil.example/",
]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag in {"a", "link"} and href is not None:
            self.hrefs.append(href)


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


async def _asgi_get(raw_path: str, timeout: float = 30) -> tuple[int, str]:
    """GET through the real ASGI application, with the scope Daphne builds: the path exactly
    as the client sent it, percent-decoded (`/%2F%2Fx` arrives as `///x`)."""
    path, _, query = raw_path.partition("?")
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(path),
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b""})
    start = await communicator.receive_output(timeout)
    body = b""
    while True:
        chunk = await communicator.receive_output(timeout)
        body += chunk.get("body", b"")
        if not chunk.get("more_body"):
            break
    return start["status"], body.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_hostile_paths_never_produce_links_to_another_host(path):
    status, body = async_to_sync(_asgi_get)(path)

    assert status == 404
    assert 'class="language-switcher__link"' in body, "the 404 page shows no language switcher"
    page_url = "http://localhost" + unquote(path.split("?")[0])
    foreign = [
        h for h in links_in(body) if urlsplit(browser_resolve(page_url, h)).netloc != "localhost"
    ]
    assert foreign == []
    # Nothing to translate on a 404: the switcher offers the other language's home page.
    other_home = "/" if unquote(path).startswith("/en/") else "/en/"
    assert f'class="language-switcher__link" href="{other_home}"' in body


# --- Low: the server does not announce itself -----------------------------------------------


def _makefile_daphne_flags() -> list[str]:
    match = re.search(r"^DAPHNE_FLAGS\s*:?=(.*)$", (ROOT / "Makefile").read_text(), re.M)
    assert match, "the Makefile no longer defines DAPHNE_FLAGS"
    return shlex.split(match.group(1))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_daphne(
    flags: list[str], tmp_path: Path, app: str = "umecom.asgi:application"
) -> tuple[subprocess.Popen, Agent]:
    """A real Daphne process on loopback, as `make run` starts it (dev settings, its own
    throw-away var/ folder; the requests below need no database)."""
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "umecom.settings.dev",
        "UMECOM_VAR_DIR": str(tmp_path / f"var-{port}"),
    }
    daphne = Path(sys.executable).with_name("daphne")
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [str(daphne), *flags, "-b", "127.0.0.1", "-p", str(port), app],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    agent = Agent(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"daphne exited: {process.stderr.read().decode()[-2000:]}")
        try:
            agent.get("/healthz/")
            return process, agent
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise AssertionError("daphne did not answer within 120 s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _page_banner(agent: Agent) -> str:
    page = agent.get("/healthz/")
    assert page.status == 200
    return page.headers.get("Server", "")


def _handshake_banner(agent: Agent) -> str:
    connection = http.client.HTTPConnection(agent.host, agent.port, timeout=30)
    try:
        connection.request(
            "GET",
            "/ws/",
            headers={
                "Upgrade": "websocket",
                "Connection": "Upgrade",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version": "13",
            },
        )
        handshake = connection.getresponse()
        assert handshake.status == 101
        return handshake.headers.get("Server", "")
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("flags", "announces"),
    [([], True), (_makefile_daphne_flags(), False)],
    ids=["bare", "make-run"],
)
def test_daphne_as_started_by_make_run_does_not_name_itself(tmp_path, flags, announces):
    # "bare" is the control: Daphne's default really does say who it is, so the check can fail.
    process, agent = _start_daphne(flags, tmp_path)
    try:
        assert ("daphne" in _page_banner(agent).lower()) is announces
    finally:
        _stop(process)
    # The websocket handshake comes from Daphne (autobahn), not from the application: an app
    # that accepts any socket shows it without needing a signed-in member.
    process, agent = _start_daphne(flags, tmp_path, app="tests.security.accepting_asgi:application")
    try:
        assert ("daphne" in _handshake_banner(agent).lower()) is announces
    finally:
        _stop(process)


def test_production_unit_in_the_readme_passes_the_same_daphne_flags():
    readme = (ROOT / "README.md").read_text()
    exec_start = re.search(r"^ExecStart=.*daphne.*$", readme, re.M).group(0)
    assert all(flag in exec_start.split() for flag in _makefile_daphne_flags())


# --- Low: the presence socket tells nobody who else is online -------------------------------


@pytest.fixture
def isolated_channel_layer(settings):
    # A fresh prefix: other tests (and xdist workers) share one Redis and the presence group.
    layer = dict(django_settings.CHANNEL_LAYERS["default"])
    if "CONFIG" in layer:
        layer["CONFIG"] = {**layer["CONFIG"], "prefix": f"umecom-sec-{uuid.uuid4().hex[:12]}"}
    settings.CHANNEL_LAYERS = {"default": layer}
    yield
    async_to_sync(get_channel_layer().flush)()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("isolated_channel_layer")
def test_presence_socket_never_reveals_who_else_connects():
    watcher = ProfileFactory().user
    hidden = ProfileFactory(visibility=Visibility.HIDDEN, display_name="Dold Person").user
    public = ProfileFactory(visibility=Visibility.PUBLIC).user
    # Real sessions, made by signing in over the public login (not force_login).
    cookies = {}
    for user in (watcher, hidden, public):
        client = Client()
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        cookies[user.pk] = (b"cookie", f"{django_settings.SESSION_COOKIE_NAME}={session}".encode())
    origin = (b"origin", b"http://localhost")

    async def scenario():
        frames = []
        spy = WebsocketCommunicator(
            application, "/ws/presence/", headers=[origin, cookies[watcher.pk]]
        )
        assert (await spy.connect(timeout=10))[0]
        others = []
        for user in (hidden, public):
            other = WebsocketCommunicator(
                application, "/ws/presence/", headers=[origin, cookies[user.pk]]
            )
            assert (await other.connect(timeout=10))[0]
            others.append(other)
        while not await spy.receive_nothing(timeout=1):
            frames.append(await spy.receive_from())
        for socket_ in [spy, *others]:
            await socket_.disconnect()
        return frames

    frames = async_to_sync(scenario)()

    # Its own welcome, then three anonymous "joined" (itself and the two others), nothing more.
    assert [json.loads(f) for f in frames] == [
        {"type": "welcome", "user_id": watcher.pk},
        {"type": "joined"},
        {"type": "joined"},
        {"type": "joined"},
    ]
    text = "".join(frames)
    assert hidden.email not in text and hidden.username not in text and "Dold" not in text


# --- Low: usernames are never derived from e-mail addresses or names ------------------------


@pytest.mark.django_db
def test_sso_sign_up_does_not_keep_the_providers_username(rf, django_user_model):
    """allauth copies the provider's preferred_username (often the e-mail address) into the
    new user; the username staff see in the admin must not carry it."""
    from allauth.socialaccount.models import SocialAccount, SocialLogin
    from django.contrib.sessions.middleware import SessionMiddleware

    from people.adapters import SocialAccountAdapter

    request = rf.get("/")
    SessionMiddleware(lambda r: None).process_request(request)
    user = django_user_model()
    sociallogin = SocialLogin(user=user, account=SocialAccount(provider="kommun", uid="4711"))
    adapter = SocialAccountAdapter(request)
    adapter.populate_user(
        request,
        sociallogin,
        {"username": "anna.berg", "email": "anna.berg@example.org", "name": "Anna Berg"},
    )
    assert user.username == "anna.berg"  # what allauth proposes

    saved = adapter.save_user(request, sociallogin)

    saved.refresh_from_db()
    assert "anna" not in saved.username.lower() and "berg" not in saved.username.lower()
    assert re.fullmatch(r"u[0-9a-f]{12}", saved.username)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sign_up_over_http_gets_a_neutral_username(live_server):
    agent = Agent(live_server.url)
    agent.post_form(
        "/konto/signup/",
        {
            "email": "kalle.ek@example.org",
            "password1": "ett-langt-losenord-2026",
            "password2": "ett-langt-losenord-2026",
            "privacy_policy": "on",
        },
    )

    user = Profile.objects.select_related("user").get(user__email="kalle.ek@example.org").user
    assert re.fullmatch(r"u[0-9a-f]{12}", user.username)


# --- Low: inline script in the admin only for signed-in staff -------------------------------


def script_sources(answer) -> set[str]:
    policy = answer.headers["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    return set(directives["script-src"]) | set(directives.get("script-src-elem", []))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_pages_allow_inline_script_only_to_signed_in_staff(live_server):
    stranger = Agent(live_server.url)
    citizen = Agent(live_server.url)
    assert public_login(citizen, ProfileFactory().user.email).status == 302
    staff = Agent(live_server.url)
    assert admin_login(staff, staff_user(EDITORS).email).status == 302

    # The sign-in page is what an attacker without an account reaches: strict, like the site.
    assert script_sources(stranger.get("/admin/login/")) == {"'self'"}
    # A member who wanders into the admin is sent to the sign-in page; neither answer allows it.
    refused = citizen.get("/admin/")
    assert refused.status == 302 and script_sources(refused) == {"'self'"}
    assert script_sources(citizen.get(refused.location)) == {"'self'"}
    # Wagtail's widgets need inline script (README: Security and privacy), still only 'self'.
    assert script_sources(staff.get("/admin/")) == {"'self'", "'unsafe-inline'"}
