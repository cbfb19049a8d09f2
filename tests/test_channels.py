"""Websockets through the real ASGI application and the configured channel layer.

Nothing is mocked: the socket goes through `umecom.asgi.application` (origin check, session
auth, URL routing) and events travel through the channel layer from settings — Redis when
REDIS_URL is set (as in CI), the in-memory layer otherwise.
"""

import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.test import Client

from umecom.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://localhost")
TIMEOUT = 5


@pytest.fixture(autouse=True)
def isolated_channel_layer(settings):
    # A fresh prefix per test: parallel workers (and earlier tests) share one Redis, and the
    # presence group would otherwise deliver their "joined" events to this test.
    layer = dict(django_settings.CHANNEL_LAYERS["default"])
    if "CONFIG" in layer:
        layer["CONFIG"] = {**layer["CONFIG"], "prefix": f"umecom-test-{uuid.uuid4().hex[:12]}"}
    settings.CHANNEL_LAYERS = {"default": layer}  # channels resets its layers on this signal
    yield
    async_to_sync(get_channel_layer().flush)()  # leaves no keys behind in a shared Redis


def session_cookie_for(client, user) -> tuple[bytes, bytes]:
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    return (b"cookie", f"{cookie.key}={cookie.value}".encode())


def test_anonymous_visitor_is_refused_with_4401():
    async def scenario():
        communicator = WebsocketCommunicator(application, "/ws/presence/", headers=[ORIGIN])
        connected, code = await communicator.connect(timeout=TIMEOUT)
        await communicator.disconnect()
        return connected, code

    connected, code = async_to_sync(scenario)()
    assert connected is False
    assert code == 4401


def test_socket_from_another_origin_is_refused(client, user):
    cookie = session_cookie_for(client, user)

    async def scenario():
        communicator = WebsocketCommunicator(
            application, "/ws/presence/", headers=[(b"origin", b"https://evil.example"), cookie]
        )
        connected, _ = await communicator.connect(timeout=TIMEOUT)
        await communicator.disconnect()
        return connected

    assert async_to_sync(scenario)() is False


def test_signed_in_user_is_welcomed_and_hears_itself_join_through_the_channel_layer(client, user):
    cookie = session_cookie_for(client, user)

    async def scenario():
        communicator = WebsocketCommunicator(application, "/ws/presence/", headers=[ORIGIN, cookie])
        connected, _ = await communicator.connect(timeout=TIMEOUT)
        assert connected, "a signed-in user's socket was refused"
        events = [await communicator.receive_json_from(timeout=TIMEOUT) for _ in range(2)]
        await communicator.disconnect()
        return events

    # The welcome goes to the socket's own channel, "joined" to the whole group.
    assert async_to_sync(scenario)() == [
        {"type": "welcome", "user_id": user.pk},
        {"type": "joined"},
    ]


def test_second_member_joining_is_announced_to_the_first_without_saying_who(user_factory):
    first, second = user_factory(), user_factory()
    # Two clients: logging out of one session would delete it before the socket uses it.
    first_cookie = session_cookie_for(Client(), first)
    second_cookie = session_cookie_for(Client(), second)

    async def scenario():
        a = WebsocketCommunicator(application, "/ws/presence/", headers=[ORIGIN, first_cookie])
        assert (await a.connect(timeout=TIMEOUT))[0]
        own = [await a.receive_json_from(timeout=TIMEOUT) for _ in range(2)]
        b = WebsocketCommunicator(application, "/ws/presence/", headers=[ORIGIN, second_cookie])
        assert (await b.connect(timeout=TIMEOUT))[0]
        announced = await a.receive_json_from(timeout=TIMEOUT)
        assert await a.receive_nothing(timeout=0.5)
        await a.disconnect()
        await b.disconnect()
        return own, announced

    own, announced = async_to_sync(scenario)()
    assert own == [{"type": "welcome", "user_id": first.pk}, {"type": "joined"}]
    assert announced == {"type": "joined"}


def test_configured_channel_layer_round_trips_a_message():
    expected_backend = (
        "channels_redis.core.RedisChannelLayer"
        if django_settings.REDIS_URL
        else "channels.layers.InMemoryChannelLayer"
    )
    assert django_settings.CHANNEL_LAYERS["default"]["BACKEND"] == expected_backend

    async def scenario():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "test.ping", "text": "hej Umeå"})
        return type(layer), await layer.receive(channel)

    layer_class, message = async_to_sync(scenario)()
    assert f"{layer_class.__module__}.{layer_class.__qualname__}" == expected_backend
    assert message == {"type": "test.ping", "text": "hej Umeå"}
