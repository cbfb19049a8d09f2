"""Writes for notifications: send (in-app, and by e-mail at once when the person chose so),
mark read, daily digests, and the one-click unsubscribe.

E-mail goes through `umecom.events.send_email_on_commit`, rendered in the recipient's language
before queuing. Every e-mail carries `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058),
so a mail client can unsubscribe with one click and no log-in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from people.models import EmailFrequency, Profile, User
from umecom.events import forget_cached_on_commit, send_email_on_commit, send_event_on_commit

from .consumers import user_group
from .models import Notification
from .registry import render
from .selectors import unread_key

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def unsubscribe_token(user: User) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def user_for_unsubscribe_token(token: str) -> User | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return User.objects.filter(pk=int(data["u"]), is_active=True).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError):
        return None


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _language_of(user: User) -> str:
    profile = getattr(user, "profile", None)
    language = getattr(profile, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _frequency_of(user: User) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "email_frequency", EmailFrequency.DAILY)


def _queue_email(user: User, notifications: list[Notification], *, digest: bool) -> None:
    language = _language_of(user)
    with translation.override(language):
        unsubscribe_url = _absolute(
            reverse("notifications:unsubscribe", args=[unsubscribe_token(user)])
        )
        items = []
        for n in notifications:
            rendered = render(n)
            items.append(
                {"title": rendered.title, "text": rendered.text, "url": _absolute(rendered.url)}
            )
        if digest:
            subject = _("Det här har hänt på Umecom (%(count)s nyheter)") % {"count": len(items)}
        else:
            subject = items[0]["title"]
        body = render_to_string(
            "notifications/email.txt",
            {
                "items": items,
                "digest": digest,
                "unsubscribe_url": unsubscribe_url,
                "settings_url": _absolute(reverse("people:my_profile")),
                "inbox_url": _absolute(reverse("notifications:list")),
            },
        )
    send_email_on_commit(
        to=[user.email],
        subject="[Umecom] " + subject,
        body=body,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@transaction.atomic
def notify(*, recipients: Iterable[User], kind: str, payload: dict) -> list[Notification]:
    """One notification per recipient (duplicates and inactive accounts skipped)."""
    seen: set[int] = set()
    people = []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        people.append(user)
    if not people:
        return []
    rows = Notification.objects.bulk_create(
        [Notification(recipient=u, kind=kind, payload=payload) for u in people]
    )
    now = timezone.now()
    immediate = []
    for user, row in zip(people, rows, strict=True):
        if _frequency_of(user) == EmailFrequency.IMMEDIATE and user.email:
            _queue_email(user, [row], digest=False)
            immediate.append(row.pk)
    if immediate:
        Notification.objects.filter(pk__in=immediate).update(emailed_at=now)
    for user in people:
        _counter_changed(user.pk)
    return rows


def actor_payload(user, name: str) -> dict:
    """Payload keys naming who did something (`user`: a user, their id or None): their name
    as it was then, and their id, so the name can be forgotten when they delete their account
    (`forget_actor`)."""
    return {"by": name, "by_user": user if isinstance(user, int) else getattr(user, "pk", None)}


def actor_name(payload: dict) -> str:
    """The name a notification shows for who did it ("Borttagen användare" once forgotten)."""
    if payload.get("by_deleted"):
        return str(_("Borttagen användare"))
    return payload.get("by", "")


def forget_actor(*, user) -> int:
    """Remove a deleting account's name from other people's notifications (account deletion
    calls this before the user row goes). Returns how many were changed."""
    rows = list(Notification.objects.filter(payload__by_user=user.pk))
    for row in rows:
        row.payload = {k: v for k, v in row.payload.items() if k not in ("by", "by_user")}
        row.payload["by_deleted"] = True
    Notification.objects.bulk_update(rows, ["payload"])
    return len(rows)


def _counter_changed(user_id: int) -> None:
    """Forget the person's cached unread count and tell their open pages to fetch it again."""
    forget_cached_on_commit(unread_key(user_id))
    send_event_on_commit(group=user_group(user_id), event={"type": "notifications.changed"})


def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    changed = qs.update(read_at=timezone.now())
    if changed:
        _counter_changed(user.pk)
    return changed


@transaction.atomic
def set_email_frequency(*, user: User, frequency: str) -> None:
    if frequency not in EmailFrequency.values:
        raise ValueError(frequency)
    Profile.objects.filter(user=user).update(email_frequency=frequency)


def send_digests(*, now: dt.datetime | None = None) -> int:
    """One e-mail per person who chose a daily digest and has news not yet e-mailed.

    Meant for cron once a day; running it twice sends nothing twice (emailed_at is set in the
    same transaction that queues the e-mail).
    """
    now = now or timezone.now()
    sent = 0
    recipients = (
        User.objects.filter(
            is_active=True,
            profile__email_frequency=EmailFrequency.DAILY,
            notifications__emailed_at__isnull=True,
            notifications__read_at__isnull=True,
        )
        .select_related("profile")
        .distinct()
    )
    for user in recipients:
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update()
                .filter(recipient=user, emailed_at__isnull=True, read_at__isnull=True)
                .order_by("created_at")[:50]
            )
            if not pending:
                continue
            _queue_email(user, pending, digest=True)
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
            sent += 1
    return sent
