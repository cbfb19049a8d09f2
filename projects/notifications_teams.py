"""The notification kinds project teams send, registered into notifications/ from
ProjectsConfig.ready() (notifications never imports us)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from umecom.notifications.registry import Rendered, register_notification_kind
from umecom.notifications.services import actor_name

from .models import ProjectStatus


def _project_url(payload: dict) -> str:
    return reverse("projects:project_detail", args=[int(payload["project"])])


def _my_projects_url(payload: dict) -> str:
    return reverse("projects:my_projects")


def _started(payload: dict) -> Rendered:
    return Rendered(
        title=_("Du är med i teamet för det nya projektet ”%(title)s”") % payload,
        text=_("Vill du inte vara med kan du lämna teamet på projektets sida."),
        url=_project_url(payload),
    )


def _status(payload: dict) -> Rendered:
    label = dict(ProjectStatus.choices).get(payload.get("status"), payload.get("status", ""))
    return Rendered(
        title=_("Projektet ”%(title)s” har fått status: %(status)s")
        % {"title": payload["title"], "status": str(label).lower()},
        text=payload.get("reason", ""),
        url=_project_url(payload),
    )


def _join_request(payload: dict) -> Rendered:
    if payload.get("role"):
        title = _("%(by)s vill gå med i ”%(title)s” som %(role)s")
    else:
        title = _("%(by)s vill gå med i ”%(title)s”")
    return Rendered(
        title=title % {"by": actor_name(payload), "title": payload["title"],
                       "role": payload.get("role", "")},
        text=_("Svara under Mina projekt."),
        url=_my_projects_url(payload),
    )  # fmt: skip


def _request_answered(payload: dict) -> Rendered:
    if payload.get("accepted"):
        title = _("Välkommen! Du är nu med i teamet för ”%(title)s”")
    elif payload.get("full"):
        title = _("Teamet för ”%(title)s” är fullt, din förfrågan är stängd")
    else:
        title = _("Din förfrågan att gå med i ”%(title)s” blev inte antagen den här gången")
    return Rendered(title=title % {"title": payload["title"]}, url=_project_url(payload))


def _invitation(payload: dict) -> Rendered:
    return Rendered(
        title=_("%(by)s bjuder in dig till projektet ”%(title)s”")
        % {"by": actor_name(payload), "title": payload["title"]},
        text=_("Svara under Mina projekt."),
        url=_my_projects_url(payload),
    )


def _invitation_answered(payload: dict) -> Rendered:
    if payload.get("accepted"):
        title = _("%(by)s tackade ja och är nu med i ”%(title)s”")
    else:
        title = _("%(by)s tackade nej till att gå med i ”%(title)s”")
    return Rendered(
        title=title % {"by": actor_name(payload), "title": payload["title"]},
        url=_project_url(payload),
    )


def _member_left(payload: dict) -> Rendered:
    return Rendered(
        title=_("%(by)s har lämnat teamet för ”%(title)s”")
        % {"by": actor_name(payload), "title": payload["title"]},
        url=_project_url(payload),
    )


def _lead_handed_over(payload: dict) -> Rendered:
    return Rendered(
        title=_("%(by)s är ny projektledare för ”%(title)s”")
        % {"by": actor_name(payload), "title": payload["title"]},
        url=_project_url(payload),
    )


def _partner_request(payload: dict) -> Rendered:
    if payload.get("offered"):
        title = _("%(org)s erbjuder sig att bli partner i ”%(title)s”")
    else:
        title = _("Projektet ”%(title)s” vill ha %(org)s som partner")
    return Rendered(
        title=title % {"org": payload.get("organisation", ""), "title": payload["title"]},
        text=_("Svara under Mina projekt."),
        url=_my_projects_url(payload),
    )


def _partner_answered(payload: dict) -> Rendered:
    if payload.get("accepted"):
        title = _("%(org)s är nu partner i ”%(title)s”")
    else:
        title = _("%(org)s blir inte partner i ”%(title)s”")
    return Rendered(
        title=title % {"org": payload.get("organisation", ""), "title": payload["title"]},
        url=_project_url(payload),
    )


KINDS = [
    ("project_started", gettext_lazy("Du är med i ett nytt projekt"), _started),
    ("project_status", gettext_lazy("Ny status för ett projekt du är med i"), _status),
    ("project_join_request", gettext_lazy("Någon vill gå med i ditt projekt"), _join_request),
    ("project_request_answered", gettext_lazy("Svar på din förfrågan om ett projekt"),
     _request_answered),
    ("project_invitation", gettext_lazy("Inbjudan till ett projekt"), _invitation),
    ("project_invitation_answered", gettext_lazy("Svar på en inbjudan du skickat"),
     _invitation_answered),
    ("project_member_left", gettext_lazy("Någon lämnade ditt projekt"), _member_left),
    ("project_lead_handed_over", gettext_lazy("Ny projektledare"), _lead_handed_over),
    ("project_partner_request", gettext_lazy("Förfrågan om partnerskap i ett projekt"),
     _partner_request),
    ("project_partner_answered", gettext_lazy("Svar om partnerskap i ett projekt"),
     _partner_answered),
]  # fmt: skip


def register_kinds() -> None:
    for key, label, render in KINDS:
        register_notification_kind(key, label=label, render=render)
