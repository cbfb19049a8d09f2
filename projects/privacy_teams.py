"""Project teams in "Mina data" and in account deletion (registered from
ProjectsConfig.ready()).

The export holds the person's own rows: their memberships, the requests they sent, the
invitations they received and the projects they started. It never lists the other members of
a team (a team-only project's team is not theirs to export).

Deletion, inside `account_delete`'s transaction: the person's memberships, requests and
invitations go. A lead who deletes their account hands the lead role to the member who has
been in the team longest — a project with people in it should keep someone who can answer
requests, and the longest-standing member is the least surprising choice (they are told, and
can hand it on). Without other members the project keeps no lead; the innovation team, who
manage every project, can start it again or close it. Roles the person filled open again.
History rows keep the event but not who did it (their foreign keys are SET_NULL).
"""

from __future__ import annotations

from umecom.notifications.services import notify

from .models import (
    JoinRequest,
    MemberRole,
    Project,
    ProjectEvent,
    ProjectEventKind,
    ProjectInvitation,
    ProjectMembership,
    ProjectRole,
)


def _iso(value):
    return value.isoformat() if value else None


def export_projects(*, user) -> dict:
    return {
        "memberships": [
            {
                "project": m.project.title,
                "challenge": m.project.challenge.title,
                "role": m.role,
                "open_role": m.project_role.title if m.project_role else None,
                "joined_at": _iso(m.joined_at),
            }
            for m in ProjectMembership.objects.filter(user=user).select_related(
                "project__challenge", "project_role"
            )
        ],
        "join_requests": [
            {
                "project": r.project.title,
                "role": r.role.title if r.role else None,
                "message": r.message,
                "status": r.status,
                "created_at": _iso(r.created_at),
                "decided_at": _iso(r.decided_at),
            }
            for r in JoinRequest.objects.filter(user=user).select_related("project", "role")
        ],
        "invitations_received": [
            {
                "project": i.project.title,
                "role": i.role.title if i.role else None,
                "message": i.message,
                "status": i.status,
                "via_suggestion": i.via_suggestion,
                "created_at": _iso(i.created_at),
                "answered_at": _iso(i.answered_at),
            }
            for i in ProjectInvitation.objects.filter(user=user).select_related("project", "role")
        ],
        "invitations_sent": [
            {"project": i.project.title, "status": i.status, "created_at": _iso(i.created_at)}
            for i in ProjectInvitation.objects.filter(invited_by=user).select_related("project")
        ],
        "projects_started": [
            {"project": p.title, "created_at": _iso(p.created_at)}
            for p in Project.objects.filter(created_by=user)
        ],
    }


def delete_user_projects(*, user) -> None:
    for membership in ProjectMembership.objects.filter(user=user, role=MemberRole.LEAD):
        successor = (
            ProjectMembership.objects.filter(project_id=membership.project_id)
            .exclude(user=user)
            .select_related("user__profile", "project")
            .order_by("joined_at", "pk")
            .first()
        )
        membership.delete()  # first: one lead per project
        if successor is None:
            continue
        successor.role = MemberRole.LEAD
        successor.save(update_fields=["role"])
        ProjectEvent.objects.create(
            project_id=membership.project_id,
            kind=ProjectEventKind.LEAD_HANDED_OVER,
            target_user=successor.user,
            data={"reason": "account_deleted"},
        )
        notify(
            recipients=[successor.user],
            kind="project_lead_handed_over",
            payload={
                "project": successor.project_id,
                "title": successor.project.title,
                "by": successor.user.profile.display_name
                if hasattr(successor.user, "profile")
                else "",
            },
        )
    filled = ProjectMembership.objects.filter(user=user, project_role__isnull=False).values(
        "project_role"
    )
    ProjectRole.objects.filter(pk__in=filled).update(is_open=True, filled_by=None)
    ProjectRole.objects.filter(filled_by=user).update(filled_by=None)
    left = list(ProjectMembership.objects.filter(user=user).values_list("project_id", flat=True))
    ProjectMembership.objects.filter(user=user).delete()
    ProjectEvent.objects.bulk_create(
        [ProjectEvent(project_id=pk, kind=ProjectEventKind.LEFT) for pk in left]
    )
    JoinRequest.objects.filter(user=user).delete()
    ProjectInvitation.objects.filter(user=user).delete()
