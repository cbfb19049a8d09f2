"""Background work run by the task worker (`manage.py db_worker`, started by `make run`).

The queue lives in the database (django-tasks-db), so a queued e-mail survives a restart and
needs no extra service. Each task is small and safe to run twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

QUEUE_BACKEND = "queue"
# Retries after 1, 2, 4, … minutes, up to about 4 hours in all; then the message is logged
# as lost so an operator can see it (and the task result keeps the error).
MAX_EMAIL_ATTEMPTS = 9


@task(backend=QUEUE_BACKEND)
def send_email(
    *, to: list[str], subject: str, body: str, headers: dict[str, str], attempt: int = 1
) -> int:
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers,
    )
    try:
        return message.send()
    except Exception as error:  # SMTP down, refused, timed out: try again later
        if attempt >= MAX_EMAIL_ATTEMPTS or not send_email.get_backend().supports_defer:
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
        send_email.using(run_after=timezone.now() + delay).enqueue(
            to=to, subject=subject, body=body, headers=headers, attempt=attempt + 1
        )
        return 0
