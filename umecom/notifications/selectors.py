"""Reads of notifications: the page, and the header's unread counter."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet

from .models import Notification


def notifications_for(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


# The header shows the count on every page: kept in the cache until it changes
# (services._counter_changed forgets it); the timeout bounds a change the cache missed.
UNREAD_TIMEOUT = 10 * 60


def unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(*, user) -> int:
    """None for a visitor; for a signed-in person one cache read, a query when not cached."""
    if not getattr(user, "is_authenticated", False):
        return 0
    count = user.__dict__.get("_umecom_unread")
    if count is None:
        count = cache.get_or_set(
            unread_key(user.pk),
            lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
            UNREAD_TIMEOUT,
        )
        user.__dict__["_umecom_unread"] = count
    return count
