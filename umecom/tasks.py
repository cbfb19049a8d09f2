"""Background work run by the task worker (`manage.py db_worker --backend queue`, started by
`make run`; `umecom-worker.service` in production, see README).

The queue lives in the database (django-tasks-db), so a queued e-mail survives a restart and
needs no extra service. Each task is small and safe to run again.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

QUEUE_BACKEND = "queue"
# Retries after 1, 2, 4, … 128 minutes, about 4 hours in all (an SMTP relay being restarted
# or a night's maintenance); then the message is logged as lost so an operator sees it, and
# the task result keeps the error.
MAX_EMAIL_ATTEMPTS = 9


def _permanent(error: Exception) -> bool:
    """The server answered and said no (5xx): sending the same message again cannot help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _message in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600


@task(backend=QUEUE_BACKEND)
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    headers: dict[str, str],
    html: str = "",
    attempt: int = 1,
) -> int:
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers,
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        return message.send()
    except Exception as error:  # SMTP down, refused, timed out: try again later
        last = attempt >= MAX_EMAIL_ATTEMPTS or _permanent(error)
        if last or not send_email.get_backend().supports_defer:
            # Recipients are personal data: the count is enough to find the task result.
            logger.error("e-mail %r to %d recipient(s) not sent: %s", subject, len(to), error)
            raise
        delay = timedelta(minutes=2 ** (attempt - 1))
        logger.warning(
            "e-mail %r not sent (%s); attempt %d of %d in %s",
            subject,
            error,
            attempt + 1,
            MAX_EMAIL_ATTEMPTS,
            delay,
        )
        # A new task rather than a failed one: django-tasks has no retries of its own yet,
        # and this attempt's result records that it handed the message on.
        send_email.using(run_after=timezone.now() + delay).enqueue(
            to=to, subject=subject, body=body, headers=headers, html=html, attempt=attempt + 1
        )
        return 0
