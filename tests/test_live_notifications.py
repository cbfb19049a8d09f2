"""The header's unread counter over a websocket, through the real ASGI app and channel layer.

Like tests/test_channels.py: nothing mocked, Redis when REDIS_URL is set (CI), in-memory
otherwise. The notification rows are written (and committed) before anything is broadcast.
"""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from projects.notifications import register_kinds
from tests.test_channels import ORIGIN, TIMEOUT, isolated_channel_layer, session_cookie_for
from umecom.asgi import application
from umecom.notifications import services
from umecom.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["isolated_channel_layer"]  # the autouse fixture, imported to apply here too

PAYLOAD = {"idea": 1, "title": "Öppna skolgårdar", "status": "published", "reason": ""}
URL = "/ws/notiser/"


@pytest.fixture(autouse=True)
def _kinds():
    register_kinds()


def _notify(*users):
    services.notify(recipients=list(users), kind="idea_status", payload=PAYLOAD)


def test_a_visitor_is_refused_with_4401():
    async def scenario():
        socket = WebsocketCommunicator(application, URL, headers=[ORIGIN])
        connected, code = await socket.connect(timeout=TIMEOUT)
        await socket.disconnect()
        return connected, code

    assert async_to_sync(scenario)() == (False, 4401)


def test_the_count_comes_on_connect_and_follows_new_and_read_notifications(user_factory):
    person = user_factory()
    _notify(person)  # one waiting before the page opens
    cookie = session_cookie_for(Client(), person)

    async def scenario():
        socket = WebsocketCommunicator(application, URL, headers=[ORIGIN, cookie])
        assert (await socket.connect(timeout=TIMEOUT))[0]
        seen = [await socket.receive_json_from(timeout=TIMEOUT)]
        await sync_to_async(_notify)(person)
        seen.append(await socket.receive_json_from(timeout=TIMEOUT))
        await sync_to_async(services.mark_read)(user=person)
        seen.append(await socket.receive_json_from(timeout=TIMEOUT))
        await socket.disconnect()
        return seen

    assert async_to_sync(scenario)() == [
        {"type": "unread", "count": 1},
        {"type": "unread", "count": 2},
        {"type": "unread", "count": 0},
    ]
    assert Notification.objects.filter(recipient=person, read_at__isnull=True).count() == 0


def test_nobody_hears_of_another_persons_notifications(user_factory):
    watcher, other = user_factory(), user_factory()
    cookie = session_cookie_for(Client(), watcher)

    async def scenario():
        socket = WebsocketCommunicator(application, URL, headers=[ORIGIN, cookie])
        assert (await socket.connect(timeout=TIMEOUT))[0]
        first = await socket.receive_json_from(timeout=TIMEOUT)
        await sync_to_async(_notify)(other)
        quiet = await socket.receive_nothing(timeout=0.5)
        await socket.disconnect()
        return first, quiet

    assert async_to_sync(scenario)() == ({"type": "unread", "count": 0}, True)
