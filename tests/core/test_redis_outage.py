"""A Redis outage in the middle of a run: pages, forms and rate limits keep working, live
sockets say they are reconnecting, the outage is logged once, and all recovers by itself.

Nothing is mocked: a private redis-server (tests/redis_server.py) backs the real cache
(umecom.cache.TolerantRedisCache) and the real channel layer, and is stopped, hung and
restarted under them. Run on PostgreSQL as CI does (DATABASE_URL) or on SQLite.
"""

from __future__ import annotations

import logging
import shutil
import time

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import challenges as challenge_pages
from tests.factories.people import ProfileFactory, VerifiedUserFactory, login
from tests.redis_server import PrivateRedis
from umecom.asgi import application
from umecom.events import send_event_on_commit
from umecom.resilience import channel_layer_breaker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ORIGIN = (b"origin", b"http://localhost")
RETRY_SECONDS = 0.5
# A stopped Redis refuses at once, so no page should take long; generous, because the suite
# shares two cores with other work. (Stock RedisCache answers these pages with a 500.)
QUICK = 5.0
# The hung-server test uses this socket timeout: a page that waited on the server takes at
# least this long, one that skipped it renders in well under it.
HUNG_TIMEOUT = 3.0


@pytest.fixture
def private_redis(settings):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = PrivateRedis()
    server.start()
    settings.REDIS_URL = server.url
    settings.DEPENDENCY_RETRY_SECONDS = RETRY_SECONDS
    settings.CACHES = {
        "default": {
            "BACKEND": "umecom.cache.TolerantRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "umecom-outage-test",
        }
    }
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [server.url], "prefix": "umecom-outage-test"},
        }
    }
    try:
        yield server
    finally:
        server.stop()
        # The channel-layer breaker is process-wide: leave it closed for the next test.
        channel_layer_breaker.succeeded()


@pytest.fixture
def site():
    page = challenge_pages.challenge(title="Trygga stråk på Ålidhem", plan="open")
    return {"challenge": page.url, "index": challenge_pages.challenge_index().url}


def public_urls(site) -> list[str]:
    return [
        "/",
        site["index"],
        site["challenge"],
        reverse("account_login"),
        reverse("account_signup"),
    ]


def cached_keys(server: PrivateRedis) -> list[bytes]:
    return server.client().keys("umecom-outage-test:*")


def dependency_messages(caplog, text: str) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "umecom.dependencies" and text in record.getMessage()
    ]


def presence_session(user) -> list:
    """Connect to /ws/presence/ as `user`; what the socket said and how it ended."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    headers = [ORIGIN, (b"cookie", f"sessionid={cookie.value}".encode())]

    async def scenario():
        communicator = WebsocketCommunicator(application, "/ws/presence/", headers=headers)
        connected, _ = await communicator.connect(timeout=5)
        said = []
        if connected:
            said.append(await communicator.receive_output(timeout=5))
            if "reconnecting" in said[-1].get("text", ""):  # then the close follows
                said.append(await communicator.receive_output(timeout=5))
        await communicator.disconnect()
        return connected, said

    return async_to_sync(scenario)()


def failed_login(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": "fel"})


def test_site_works_through_a_redis_outage_and_recovers_by_itself(
    client, private_redis, site, caplog
):
    caplog.set_level(logging.INFO)
    member = ProfileFactory(display_name="Amira").user
    VerifiedUserFactory(email="sparr@example.org")

    # --- Redis up: the cache and the channel layer really use it --------------------------
    for url in public_urls(site):
        assert client.get(url).status_code == 200, url
    assert cached_keys(private_redis), "pages did not use the Redis cache"
    assert client.get("/readyz/").json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok", "elasticsearch": "off"},
    }
    connected, said = presence_session(member)
    assert connected and '"welcome"' in said[0]["text"]  # the socket works again

    # --- Redis stops ----------------------------------------------------------------------
    private_redis.stop()

    for _round in range(3):
        for url in public_urls(site):
            started = time.monotonic()
            response = client.get(url)
            assert response.status_code == 200, url
            assert time.monotonic() - started < QUICK, url
    login(client, member)
    assert client.get(reverse("people:my_profile")).status_code == 200
    client.logout()

    # A form still works: sign-up creates the account.
    response = client.post(
        reverse("account_signup"),
        {
            "email": "ny@example.org",
            "password1": "ett-langt-losenord-2026",
            "password2": "ett-langt-losenord-2026",
            "privacy_policy": "on",
        },
    )
    assert response.status_code == 302
    # Rate limits keep counting in the per-process stand-in: the sixth failure is refused.
    for _attempt in range(5):
        assert "stämmer inte" in failed_login(client, "sparr@example.org").content.decode()
    assert "För många misslyckade" in failed_login(client, "sparr@example.org").content.decode()

    ready = client.get("/readyz/")
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded"
    assert ready.json()["checks"]["redis"] == "down"
    assert client.get("/healthz/").content == b"ok"

    # Live features: an event after commit is dropped without an error; a socket is told.
    send_event_on_commit(group="presence", event={"type": "presence.joined", "user_id": 1})
    connected, said = presence_session(member)
    assert connected
    assert said[0] == {"type": "websocket.send", "text": '{"type": "reconnecting"}'}
    assert said[1] == {"type": "websocket.close", "code": 4013}
    time.sleep(RETRY_SECONDS)  # past the back-off: the next socket tries Redis again
    connected, said = presence_session(member)
    assert said[-1] == {"type": "websocket.close", "code": 4013}

    # Dozens of requests, one line each for the cache and the channel layer.
    assert len(dependency_messages(caplog, "Redis cache")) == 1
    assert "unavailable" in dependency_messages(caplog, "Redis cache")[0]
    assert len(dependency_messages(caplog, "Channel layer unavailable")) == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

    # --- Redis is back --------------------------------------------------------------------
    private_redis.start()
    time.sleep(RETRY_SECONDS)

    for url in public_urls(site):
        assert client.get(url).status_code == 200, url
    assert cached_keys(private_redis), "the cache did not go back to Redis"
    assert len(dependency_messages(caplog, "Redis cache")) == 2
    assert "is back" in dependency_messages(caplog, "Redis cache")[1]
    assert client.get("/readyz/").json()["status"] == "ok"
    connected, said = presence_session(member)
    assert connected and '"welcome"' in said[0]["text"]  # the socket works again
    assert len(dependency_messages(caplog, "Channel layer is back")) == 1


@pytest.mark.django_db  # no sockets here, so the faster transactional test case will do
def test_a_hung_redis_costs_one_timeout_and_changes_meanwhile_are_not_served_stale(
    client, private_redis, site, settings
):
    settings.DEPENDENCY_RETRY_SECONDS = 30  # the whole outage within one back-off
    timeouts = {"socket_timeout": HUNG_TIMEOUT, "socket_connect_timeout": HUNG_TIMEOUT}
    settings.CACHES = {"default": {**settings.CACHES["default"], "OPTIONS": timeouts}}
    cache.set("shell", "before the outage", None)
    assert client.get("/").status_code == 200

    # SIGSTOP: the server keeps its data and its port but answers nothing.
    private_redis.pause()
    started = time.monotonic()
    assert client.get("/").status_code == 200
    first = time.monotonic() - started
    for url in public_urls(site):
        started = time.monotonic()
        assert client.get(url).status_code == 200, url
        # Under the socket timeout: this request did not wait on the hung server.
        assert time.monotonic() - started < HUNG_TIMEOUT, url
    # An editor publishes during the outage: the shell copy is dropped (in the stand-in).
    cache.delete("shell")
    assert cache.get("shell") is None

    assert HUNG_TIMEOUT <= first < 2 * HUNG_TIMEOUT, "the first request waits one timeout"

    private_redis.resume()
    # The readiness probe looks at once, back-off or not, and so ends the outage.
    assert client.get("/readyz/").json()["checks"]["redis"] == "ok"
    # Redis still held the old copy; the key deleted during the outage is gone from it too.
    assert private_redis.client().get("umecom-outage-test:1:shell") is None
    assert cache.get("shell") is None


def test_requests_over_asgi_share_the_processs_redis_connections(private_redis, site):
    """Under ASGI each request is a new context and gets a new cache object; they must not
    each open a connection to Redis (before the shared pool, ten pages opened ten)."""
    from channels.testing import HttpCommunicator

    watcher = private_redis.client()  # one connection of its own, opened before counting

    def connections_received() -> int:
        return int(watcher.info("stats")["total_connections_received"])

    async def get(path):
        communicator = HttpCommunicator(application, "GET", path, headers=[(b"host", b"localhost")])
        response = await communicator.get_response(timeout=10)
        return response["status"]

    assert async_to_sync(get)(site["challenge"]) == 200  # the pool's first connection
    before = connections_received()
    statuses = [async_to_sync(get)(site["challenge"]) for _ in range(10)]
    assert statuses == [200] * 10
    assert connections_received() - before <= 1
    assert cached_keys(private_redis), "the pages did not use the Redis cache at all"
