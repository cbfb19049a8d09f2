"""The header's live unread counter, as the browser script handles it.

The socket server's side (count on connect, updates after commit, 4013 while Redis is down)
is tested through the real ASGI app in tests/test_live_notifications.py and
tests/core/test_redis_outage.py. pytest-django's live server speaks no websockets, so here
Playwright plays the server for /ws/notiser/ to drive the client through a drop and a
reconnect: what a person sees while the connection is gone and after it is back.
"""

import json

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def citizen(transactional_db):
    from tests.factories.people import ProfileFactory

    return ProfileFactory(display_name="Amina Berg").user


def test_counter_updates_says_it_is_reconnecting_and_recovers(citizen, browsing):
    from playwright.sync_api import expect

    connections = []

    def server(ws):
        connections.append(ws)
        if len(connections) == 1:
            ws.send(json.dumps({"type": "unread", "count": 3}))
        else:
            ws.send(json.dumps({"type": "unread", "count": 0}))

    page = browsing.page
    page.route_web_socket("**/ws/notiser/", server)
    browsing.goto("/konto/login/")
    page.fill("input[name=login]", citizen.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")

    badge = page.locator("[data-live-notifications] .count-badge")
    badge.wait_for()
    assert badge.inner_text().startswith("3")
    status = page.locator("[data-live-status]")
    assert status.inner_text() == ""

    # The server goes away the way Umecom's does while Redis is down.
    connections[0].close(code=4013, reason="try again later")
    # Locator assertions poll without eval(), which the site's CSP forbids (no 'unsafe-eval').
    expect(status).to_contain_text("återansluter", timeout=10_000)
    assert status.get_attribute("role") == "status"
    browsing.screenshot("live-counter-reconnecting")
    browsing.axe("header while reconnecting")

    # Back again (after the client's back-off): the count is re-sent and the message goes.
    expect(status).to_have_text("", timeout=15_000)
    expect(badge).to_have_count(0)
    assert len(connections) == 2


def test_a_server_without_websockets_leaves_the_header_quiet(citizen, browsing):
    from playwright.sync_api import expect

    # pytest-django's live server answers no websocket: the socket never opens, so there is
    # nothing to reconnect to announce (the counter still updates on every page load).
    page = browsing.page
    browsing.goto("/konto/login/")
    page.fill("input[name=login]", citizen.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2500)  # the first attempt and one retry have failed by now
    expect(page.locator("[data-live-status]")).to_have_text("")
