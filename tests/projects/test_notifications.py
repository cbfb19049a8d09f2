"""Notifications: the page and the header counter, e-mail at once or as a daily digest in the
person's language, and the one-click unsubscribe without log-in."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from people.models import EmailFrequency, Profile
from projects.notifications import register_kinds
from tests.factories.people import ProfileFactory, login
from umecom.notifications.models import Notification
from umecom.notifications.services import notify, unsubscribe_token

pytestmark = pytest.mark.django_db

PAYLOAD = {"idea": 1, "title": "Öppna skolgårdar", "status": "published", "reason": ""}


@pytest.fixture(autouse=True)
def _kinds():
    register_kinds()


def test_daily_digest_is_sent_once_in_the_persons_language(django_capture_on_commit_callbacks):
    swede = ProfileFactory(email_frequency=EmailFrequency.DAILY).user
    english = ProfileFactory(email_frequency=EmailFrequency.DAILY, language="en").user
    never = ProfileFactory(email_frequency=EmailFrequency.NEVER).user
    notify(recipients=[swede, english, never], kind="idea_status", payload=PAYLOAD)
    notify(recipients=[swede], kind="support_milestone", payload={**PAYLOAD, "count": 10})
    assert not mail.outbox  # daily: nothing at once
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {swede.email, english.email}
    assert "2 nyheter" in by_to[swede.email].subject
    assert "Öppna skolgårdar" in by_to[swede.email].body
    assert "status" in by_to[english.email].body.lower()
    assert "Det här har hänt" not in by_to[english.email].subject  # English, not Swedish
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2  # never twice


def test_one_click_unsubscribe_needs_no_login_and_no_csrf_token(client):
    user = ProfileFactory(email_frequency=EmailFrequency.IMMEDIATE).user
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(user)])
    client.handler.enforce_csrf_checks = True
    assert client.get(url).status_code == 200  # GET changes nothing (link scanners)
    assert Profile.objects.get(user=user).email_frequency == EmailFrequency.IMMEDIATE
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Profile.objects.get(user=user).email_frequency == EmailFrequency.NEVER
    forged = reverse("notifications:unsubscribe", args=["x" + unsubscribe_token(user)])
    assert client.post(forged).status_code == 404


def test_header_counter_and_notification_page(client, django_assert_num_queries):
    user = ProfileFactory().user
    notify(recipients=[user], kind="idea_status", payload=PAYLOAD)
    login(client, user)
    html = client.get(reverse("projects:my_ideas")).content.decode()
    assert '1<span class="visually-hidden"> olästa' in html
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Öppna skolgårdar" in page
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def test_the_counter_costs_visitors_no_query():
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from umecom.notifications.selectors import unread_count

    with CaptureQueriesContext(connection) as ctx:
        assert unread_count(user=AnonymousUser()) == 0
    assert len(ctx.captured_queries) == 0
