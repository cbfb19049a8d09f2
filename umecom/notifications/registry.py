"""Notification kinds. An upper app registers each kind it sends from its AppConfig.ready(),
the way people/services/privacy.py's `register_export_section` works, so this app never
imports the apps that use it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rendered:
    title: str
    text: str = ""
    url: str = ""  # a path on this site


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: object  # lazy text: what the person chooses to receive
    render: Callable[[dict], Rendered]  # called with the active language already set


_kinds: dict[str, NotificationKind] = {}


def register_notification_kind(
    key: str, *, label, render: Callable[[dict], Rendered]
) -> NotificationKind:
    kind = NotificationKind(key=key, label=label, render=render)
    _kinds[key] = kind
    return kind


def get_kind(key: str) -> NotificationKind | None:
    return _kinds.get(key)


def render(notification) -> Rendered:
    kind = _kinds.get(notification.kind)
    if kind is None:  # an app that sent it is no longer installed
        return Rendered(title=notification.kind)
    try:
        return kind.render(notification.payload or {})
    except (KeyError, TypeError, ValueError):
        return Rendered(title=str(kind.label))
