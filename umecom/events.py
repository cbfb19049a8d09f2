"""What services do once their transaction has committed: one way, in the spirit of Zulip's
`send_event_on_commit`.

A service changes rows inside `transaction.atomic` and calls one of these; the side effect
happens only if and after the data it speaks of is committed, so nobody is told of, or
broadcast, something that was rolled back. Outside a transaction they act at once.

- `send_event_on_commit`: a channel-layer group message (websockets). The layer is a helper,
  not a store of record: when it is down the event is dropped (logged once per outage), the
  row stays.
- `send_email_on_commit`: puts the message on the task queue (`umecom.tasks.send_email`), so
  a slow or failing SMTP server never slows or breaks a page, and a failed send is retried.
- `delete_files_on_commit`: removes replaced or orphaned uploads from their storage.
- `clear_published_cache_on_commit`: editors published something; the cached shell goes.
- `forget_cached_on_commit`: one person's cached facts (their unread count, the challenges
  they follow) changed.

The callbacks are registered as *robust*: the data is already committed when they run, so
a failure in one is logged and must not turn the response into a 500 (nor skip the others).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.db import transaction

from umecom.resilience import channel_layer_breaker

logger = logging.getLogger(__name__)


def send_event_on_commit(*, group: str, event: dict, using: str | None = None) -> None:
    """Send `event` (it needs a "type") to a channel-layer group after commit."""

    def send() -> None:
        from asgiref.sync import async_to_sync
        from channels.layers import get_channel_layer

        layer = get_channel_layer()
        if layer is None or not channel_layer_breaker.allows():
            return
        try:
            async_to_sync(layer.group_send)(group, event)
        except Exception as error:  # a broken layer must never undo or break the write
            channel_layer_breaker.failed(error)
        else:
            channel_layer_breaker.succeeded()

    transaction.on_commit(send, using=using, robust=True)


def send_email_on_commit(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    html: str = "",
    headers: dict[str, str] | None = None,
    using: str | None = None,
) -> None:
    """Queue one e-mail (one message, these recipients) after commit.

    Render subject and body in the recipient's language before calling: the worker has no
    request and no active language.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return
    # Fixed now, not per attempt: should a retry follow a send that did arrive (the
    # connection broke after the server took the message), mail clients show it once.
    # The sender's domain, not the host name: no DNS look-up inside a request.
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    headers = {"Message-ID": make_msgid(domain=domain), **(headers or {})}

    def enqueue() -> None:
        from umecom.tasks import send_email

        send_email.enqueue(to=recipients, subject=subject, body=body, html=html, headers=headers)

    transaction.on_commit(enqueue, using=using, robust=True)


def delete_files_on_commit(storage, *names: str | None, using: str | None = None) -> None:
    """Delete stored files once the rows that pointed at them are committed away."""
    names = tuple(name for name in names if name)
    if not names:
        return

    def delete() -> None:
        for name in names:
            try:
                storage.delete(name)
            except OSError:  # already gone or unreachable: the row is what matters
                logger.warning("could not delete %s from %s", name, storage.__class__.__name__)

    transaction.on_commit(delete, using=using, robust=True)


def clear_published_cache_on_commit(*, using: str | None = None) -> None:
    """Forget the cached site shell now and once an editor's change is committed.

    Now, so that the rest of this transaction reads fresh values; after commit as well,
    because a page served by another process meanwhile may have cached the old state again.
    """
    from umecom.published_cache import invalidate

    invalidate()
    transaction.on_commit(invalidate, using=using, robust=True)


def forget_cached_on_commit(*keys: str, using: str | None = None) -> None:
    """Delete cached values now and once the change they depend on is committed.

    Now, so that the rest of this transaction reads fresh values; after commit as well,
    because a request in another process may have cached the old value meanwhile.
    """
    from django.core.cache import cache

    def forget() -> None:
        cache.delete_many(keys)

    forget()
    transaction.on_commit(forget, using=using, robust=True)
