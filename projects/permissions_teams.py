"""Who may do what with project teams — in one place, like projects/permissions.py for ideas.

Plain functions of (user, project). Views, services, templates and the admin ask these;
tests/projects/test_team_permissions.py walks lead / member / mentor / innovation team /
signed-in stranger / anonymous through every action and project status, as calls and over
HTTP.

Visibility: a project's public page (title, goal, open roles, partners, the idea and the
challenge) is open to everybody while its challenge is live. Its *inner* pages — who is in the
team, the history, the discussion — follow `Project.visibility`: public, or the team (and the
innovation team) only. The history (events) is always the team's alone: it names people who
asked and were declined.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from people.permissions import _signed_in, is_org_admin
from umecom.roles import is_innovation_team

from .models import LIVE_PROJECT_STATUSES, MemberRole, PartnerStatus, ProjectVisibility

if TYPE_CHECKING:
    from people.models import Organisation

    from .models import Idea, JoinRequest, Project, ProjectInvitation, ProjectPartner


def member_role(user, project: Project) -> str | None:
    """The user's role in the team (lead, member, mentor) or None; cached on the project for
    the request (from prefetched memberships when the selector prefetched them)."""
    if not _signed_in(user) or project.pk is None:
        return None
    cache = project.__dict__.get("_member_roles")
    if cache is None:
        prefetched = getattr(project, "_prefetched_objects_cache", {})
        if "memberships" in prefetched:
            cache = {m.user_id: m.role for m in project.memberships.all()}
        else:
            cache = dict(project.memberships.values_list("user_id", "role"))
        project.__dict__["_member_roles"] = cache
    return cache.get(user.pk)


def forget_cached_members(project: Project) -> None:
    """Call after changing the team within one request (services do)."""
    project.__dict__.pop("_member_roles", None)


def is_project_member(user, project: Project) -> bool:
    """Lead, member or mentor."""
    return member_role(user, project) is not None


def is_project_lead(user, project: Project) -> bool:
    return member_role(user, project) == MemberRole.LEAD


def can_manage_project(user, project: Project) -> bool:
    """Edit, answer requests, invite, change status, hand over: the lead or the innovation
    team (who also stand in for a project that has lost its lead)."""
    return is_project_lead(user, project) or is_innovation_team(user)


def can_start_project(user, *, idea: Idea | None = None) -> bool:
    """The innovation team starts projects under a challenge; from a shortlisted idea, its
    author may start one too (and becomes its lead). One project per idea."""
    from .models import IdeaStatus

    if idea is None:
        return is_innovation_team(user)
    if idea.status != IdeaStatus.SHORTLISTED or _idea_has_project(idea):
        return False
    return is_innovation_team(user) or (_signed_in(user) and idea.author_id == user.pk)


def _idea_has_project(idea: Idea) -> bool:
    try:
        return idea.project is not None
    except idea.__class__.project.RelatedObjectDoesNotExist:
        return False


def can_view_project(user, project: Project) -> bool:
    """The public page: anyone while the challenge is live; the team and the innovation team
    always."""
    return project.challenge.live or is_project_member(user, project) or is_innovation_team(user)


def can_view_team_pages(user, project: Project) -> bool:
    """The inner pages (team list, discussion): per the project's visibility."""
    if not can_view_project(user, project):
        return False
    if project.visibility == ProjectVisibility.PUBLIC:
        return True
    return is_project_member(user, project) or is_innovation_team(user)


def can_view_project_history(user, project: Project) -> bool:
    return is_project_member(user, project) or is_innovation_team(user)


def can_edit_project(user, project: Project) -> bool:
    return can_manage_project(user, project)


def can_change_status(user, project: Project) -> bool:
    return can_manage_project(user, project)


def takes_new_members(project: Project) -> bool:
    return project.status in LIVE_PROJECT_STATUSES


def can_request_to_join(user, project: Project) -> bool:
    """Signed in, not yet in the team, the project forming or active and visible."""
    return (
        _signed_in(user)
        and takes_new_members(project)
        and can_view_project(user, project)
        and not is_project_member(user, project)
    )


def can_answer_request(user, join_request: JoinRequest) -> bool:
    return can_manage_project(user, join_request.project) and takes_new_members(
        join_request.project
    )


def can_withdraw_request(user, join_request: JoinRequest) -> bool:
    return _signed_in(user) and join_request.user_id == user.pk


def can_invite(user, project: Project) -> bool:
    return can_manage_project(user, project) and takes_new_members(project)


def can_answer_invitation(user, invitation: ProjectInvitation) -> bool:
    """Only the invited person answers, never someone else (not even the lead)."""
    return _signed_in(user) and invitation.user_id == user.pk


def can_withdraw_invitation(user, invitation: ProjectInvitation) -> bool:
    return can_manage_project(user, invitation.project)


def can_leave_project(user, project: Project) -> bool:
    """Members and mentors leave; the lead hands the lead role over first."""
    return member_role(user, project) in (MemberRole.MEMBER, MemberRole.MENTOR)


def can_hand_over_lead(user, project: Project) -> bool:
    return can_manage_project(user, project)


def can_propose_partner(user, project: Project) -> bool:
    return can_manage_project(user, project) and takes_new_members(project)


def can_offer_partnership(user, project: Project, organisation: Organisation) -> bool:
    """An organisation's administrator offers the organisation as a partner."""
    return (
        takes_new_members(project)
        and can_view_project(user, project)
        and is_org_admin(user, organisation)
    )


def can_answer_partnership(user, partner: ProjectPartner) -> bool:
    """The side that did not ask answers: the organisation's administrator when the project
    asked, the lead (or the innovation team) when the organisation offered."""
    if partner.status != PartnerStatus.PENDING:
        return False
    if partner.offered_by_organisation:
        return can_manage_project(user, partner.project)
    return is_org_admin(user, partner.organisation)


def can_view_projects_admin(user) -> bool:
    return is_innovation_team(user)
