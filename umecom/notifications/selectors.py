"""Reads of notifications: the page, and the header's unread counter."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Notification


def notifications_for(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    """One query for a signed-in person, none for a visitor (the header shows it everywhere)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    cache = user.__dict__.get("_umecom_unread")
    if cache is None:
        cache = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        user.__dict__["_umecom_unread"] = cache
    return cache
