"""The notification kinds ideas send, registered into notifications/ (which never imports us)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from umecom.notifications.registry import Rendered, register_notification_kind
from umecom.notifications.services import actor_name

from .models import IdeaStatus


def _idea_url(payload: dict) -> str:
    return reverse("projects:idea_detail", args=[int(payload["idea"])])


def _status(payload: dict) -> Rendered:
    label = dict(IdeaStatus.choices).get(payload.get("status"), payload.get("status", ""))
    return Rendered(
        title=_("Din idé ”%(title)s” har fått status: %(status)s")
        % {"title": payload["title"], "status": str(label).lower()},
        text=payload.get("reason", ""),
        url=_idea_url(payload),
    )


def _followed_status(payload: dict) -> Rendered:
    label = dict(IdeaStatus.choices).get(payload.get("status"), payload.get("status", ""))
    return Rendered(
        title=_("En idé du följer, ”%(title)s”, har fått status: %(status)s")
        % {"title": payload["title"], "status": str(label).lower()},
        url=_idea_url(payload),
    )


def _invitation(payload: dict) -> Rendered:
    return Rendered(
        title=_("%(name)s bjuder in dig som medförfattare till ”%(title)s”")
        % {"name": actor_name(payload), "title": payload["title"]},
        text=_("Svara på inbjudan på idéns sida."),
        url=_idea_url(payload),
    )


def _milestone(payload: dict) -> Rendered:
    return Rendered(
        title=_("%(count)s personer stöder nu din idé ”%(title)s”")
        % {"count": payload["count"], "title": payload["title"]},
        url=_idea_url(payload),
    )


def _new_idea(payload: dict) -> Rendered:
    return Rendered(
        title=_("Ny idé i ”%(challenge)s”: %(title)s")
        % {"challenge": payload.get("challenge_title", ""), "title": payload["title"]},
        url=_idea_url(payload),
    )


def _moderated(payload: dict) -> Rendered:
    if payload.get("hidden"):
        title = _("Din idé ”%(title)s” har dolts av en moderator")
    else:
        title = _("Din idé ”%(title)s” visas igen")
    return Rendered(
        title=title % {"title": payload["title"]},
        text=payload.get("reason", ""),
        url=_idea_url(payload),
    )


def register_kinds() -> None:
    register_notification_kind(
        "idea_status", label=gettext_lazy("Ny status för din idé"), render=_status
    )
    register_notification_kind(
        "followed_idea_status",
        label=gettext_lazy("Ny status för en idé du följer"),
        render=_followed_status,
    )
    register_notification_kind(
        "coauthor_invitation",
        label=gettext_lazy("Inbjudan att skriva en idé tillsammans"),
        render=_invitation,
    )
    register_notification_kind(
        "support_milestone", label=gettext_lazy("Din idé får stöd"), render=_milestone
    )
    register_notification_kind(
        "challenge_new_idea",
        label=gettext_lazy("Ny idé i en utmaning du följer"),
        render=_new_idea,
    )
    register_notification_kind(
        "idea_moderated", label=gettext_lazy("Moderatorns beslut om din idé"), render=_moderated
    )
