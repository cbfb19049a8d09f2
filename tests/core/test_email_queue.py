"""E-mail through the real database queue and worker to a real SMTP server on loopback.

Test settings run the "queue" backend inline (ImmediateBackend) so `mail.outbox` works
elsewhere; here it is django-tasks-db as in development and production, the worker is
`manage.py db_worker`, and the SMTP server is aiosmtpd on a free port, stopped and started
again to show that a dead server neither slows a page nor loses the message.
"""

from __future__ import annotations

import signal
import time
from email import message_from_bytes, policy
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories.people import VerifiedUserFactory
from tests.redis_server import free_port

# Real commits, so on_commit runs as in production; serialized_rollback brings back the
# rows migrations made (Wagtail's root page, locales) for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FAST = 1.0


class Mailbox:
    """aiosmtpd handler: keeps what it is given; refuses addresses at nowhere.example."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@nowhere.example"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(settings):
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 2
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def run_worker():
    """`manage.py db_worker --batch`: runs what is due, then exits."""
    # The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def run() -> None:
        call_command(
            "db_worker", "--backend", "queue", "--batch", "--no-startup-delay", stdout=StringIO()
        )

    yield run
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def reset_password(client, email):
    started = time.monotonic()
    response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302
    return time.monotonic() - started


def test_mail_is_queued_by_the_page_and_delivered_by_the_worker(client, smtp, run_worker):
    VerifiedUserFactory(email="kand@example.org")

    assert reset_password(client, "kand@example.org") < FAST
    assert smtp.mailbox.messages == [], "the page sent the mail itself instead of queueing it"
    assert DBTaskResult.objects.ready().count() == 1

    run_worker()

    [(recipients, message)] = smtp.mailbox.messages
    assert recipients == ["kand@example.org"]
    assert message["Subject"] == "[Umecom] Välj ett nytt lösenord"
    assert "/konto/password/reset/key/" in message.get_body().get_content()
    assert not DBTaskResult.objects.ready().exists()


def test_with_the_smtp_server_down_the_page_answers_and_the_mail_arrives_later(
    client, smtp, run_worker, caplog
):
    VerifiedUserFactory(email="kand@example.org")
    smtp.stop()

    assert reset_password(client, "kand@example.org") < FAST
    run_worker()  # connection refused: the send is put back on the queue for later

    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert "not sent" in caplog.text and "attempt 2 of 9" in caplog.text
    run_worker()  # not due yet: nothing happens
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    smtp.start()
    # A minute later, as far as the queue is concerned.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()

    [(recipients, message)] = smtp.mailbox.messages
    assert recipients == ["kand@example.org"]
    # The Message-ID was fixed when the page queued the mail, not per attempt.
    assert message["Message-ID"] == retry.args_kwargs["kwargs"]["headers"]["Message-ID"]
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_refused_recipient_is_not_retried(smtp, run_worker, caplog):
    from umecom.events import send_email_on_commit

    send_email_on_commit(to=["ingen@nowhere.example"], subject="Hej", body="Hej!")
    run_worker()

    assert smtp.mailbox.messages == []
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.get().status == "FAILED"
    assert "not sent" in caplog.text
