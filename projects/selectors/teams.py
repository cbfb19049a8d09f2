"""Reads of project teams, with their prefetches, so the number of queries does not grow with
the number of projects or members. Views, the admin, the challenge page's panel, "Mina
projekt" and the matchmaking (projects/matching) call these.

Team-only projects: lists that name team members (exports, "who is in which team") go through
`team_visible_projects_q`, so a team-only project's members never show to outsiders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from umecom.roles import is_innovation_team

from ..models import (
    LIVE_PROJECT_STATUSES,
    JoinRequest,
    MemberRole,
    PartnerStatus,
    Project,
    ProjectEvent,
    ProjectInvitation,
    ProjectMembership,
    ProjectPartner,
    ProjectRole,
    ProjectStatus,
    ProjectVisibility,
    RequestStatus,
)


def max_active_projects() -> int:
    return int(getattr(settings, "UMECOM_MAX_ACTIVE_PROJECTS", 3))


def active_project_count(user) -> int:
    """Memberships in forming or active projects (the project limit counts these)."""
    return ProjectMembership.objects.filter(
        user=user, project__status__in=LIVE_PROJECT_STATUSES
    ).count()


def active_project_counts(user_ids: Iterable[int]) -> dict[int, int]:
    """The bulk form of `active_project_count`: {user_id: count}, missing ids have none."""
    rows = (
        ProjectMembership.objects.filter(
            user_id__in=list(user_ids), project__status__in=LIVE_PROJECT_STATUSES
        )
        .values("user_id")
        .annotate(n=Count("pk"))
    )
    return {row["user_id"]: row["n"] for row in rows}


def users_at_project_limit_q(*, prefix: str = "") -> Q:
    """Users (or through `prefix`, e.g. "user__") already at their project limit, as a
    subquery filter: `User.objects.exclude(users_at_project_limit_q())`."""
    at_limit = (
        ProjectMembership.objects.filter(project__status__in=LIVE_PROJECT_STATUSES)
        .values("user_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=max_active_projects())
        .values("user_id")
    )
    return Q(**{f"{prefix}pk__in": at_limit})


def is_at_project_limit(user) -> bool:
    return active_project_count(user) >= max_active_projects()


def team_visible_projects_q(user, *, prefix: str = "") -> Q:
    """The query form of permissions_teams.can_view_team_pages over projects (or through
    `prefix`, e.g. "project__"): public projects, and team-only ones the user is in."""
    if is_innovation_team(user):
        return Q()
    q = Q(**{f"{prefix}visibility": ProjectVisibility.PUBLIC})
    if getattr(user, "is_authenticated", False):
        q |= Q(**{f"{prefix}pk__in": ProjectMembership.objects.filter(user=user).values("project")})
    return q


def _members_prefetch() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=ProjectMembership.objects.select_related("user__profile", "project_role"),
    )


def project_detail(*, pk: int) -> Project | None:
    """One project with everything its page shows (team, roles and their skills, partners,
    idea, challenge), in a fixed number of queries."""
    return (
        Project.objects.filter(pk=pk)
        .select_related("challenge__locale", "idea")
        .prefetch_related(
            _members_prefetch(),
            Prefetch(
                "roles",
                queryset=ProjectRole.objects.select_related("filled_by__profile").prefetch_related(
                    "skills"
                ),
            ),
            Prefetch(
                "partners",
                queryset=ProjectPartner.objects.select_related("organisation", "commitment"),
            ),
            "needed_skills",
            "districts",
            "themes",
        )
        .first()
    )


def team_of(project: Project) -> list[ProjectMembership]:
    """The lead first, then members and mentors by how long they have been in the team."""
    order = {MemberRole.LEAD: 0, MemberRole.MEMBER: 1, MemberRole.MENTOR: 2}
    return sorted(project.memberships.all(), key=lambda m: (order.get(m.role, 3), m.joined_at))


def open_roles(project: Project) -> list[ProjectRole]:
    return [role for role in project.roles.all() if role.is_open]


def accepted_partners(project: Project) -> list[ProjectPartner]:
    return [p for p in project.partners.all() if p.status == PartnerStatus.ACCEPTED]


def lead_of(project: Project):
    """The lead's user, from the prefetched team when there is one."""
    for membership in project.memberships.all():
        if membership.role == MemberRole.LEAD:
            return membership.user
    return None


def team_size(project: Project) -> int:
    return len(project.memberships.all())


def pending_requests_for(project: Project) -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(project=project, status=RequestStatus.PENDING)
        .select_related("user__profile", "role")
        .order_by("created_at", "pk")
    )


def pending_invitations_for(project: Project) -> QuerySet[ProjectInvitation]:
    return (
        ProjectInvitation.objects.filter(project=project, status=RequestStatus.PENDING)
        .select_related("user__profile", "role")
        .order_by("created_at", "pk")
    )


def project_history(project: Project) -> QuerySet[ProjectEvent]:
    return ProjectEvent.objects.filter(project=project).select_related(
        "actor__profile", "target_user__profile"
    )


def projects_of_challenge(challenge, *, viewer=None) -> list[Project]:
    """The challenge page's list: every project (title, status, goal, team size, open roles),
    two queries however many projects there are. Team-only projects appear too — their
    existence and goal are public, their team is not (the card shows only a count)."""
    return list(
        Project.objects.filter(challenge=challenge)
        .annotate(
            member_count=Count("memberships", distinct=True),
            open_role_count=Count("roles", filter=Q(roles__is_open=True), distinct=True),
        )
        .order_by(
            # Forming (they need people) first, then active, paused, completed.
            _status_order(),
            "-created_at",
            "-pk",
        )
    )


def _status_order():
    return Case(
        *[
            When(status=status, then=Value(rank))
            for rank, status in enumerate(
                [
                    ProjectStatus.FORMING,
                    ProjectStatus.ACTIVE,
                    ProjectStatus.PAUSED,
                    ProjectStatus.COMPLETED,
                ]
            )
        ],
        default=Value(9),
        output_field=IntegerField(),
    )


@dataclass
class MyProjects:
    memberships: list[ProjectMembership]
    requests: list[JoinRequest]
    invitations: list[ProjectInvitation]
    # Requests waiting for the lead's answer, in the projects the person leads.
    to_answer: list[JoinRequest]
    partnerships_to_answer: list[ProjectPartner]


def my_projects(*, user) -> MyProjects:
    """Everything "Mina projekt" shows, in a fixed number of queries."""
    memberships = list(
        ProjectMembership.objects.filter(user=user)
        .select_related("project__challenge", "project_role")
        .annotate(
            member_count=Count("project__memberships", distinct=True),
        )
        .order_by(_status_order_for("project__status"), "-joined_at")
    )
    requests = list(
        JoinRequest.objects.filter(user=user)
        .exclude(status=RequestStatus.ACCEPTED)
        .select_related("project", "role")
        .order_by("-created_at")[:50]
    )
    invitations = list(
        ProjectInvitation.objects.filter(user=user, status=RequestStatus.PENDING)
        .select_related("project__challenge", "role", "invited_by__profile")
        .order_by("-created_at")
    )
    led = ProjectMembership.objects.filter(user=user, role=MemberRole.LEAD).values("project")
    to_answer = list(
        JoinRequest.objects.filter(project__in=led, status=RequestStatus.PENDING)
        .select_related("project", "role", "user__profile")
        .order_by("created_at", "pk")
    )
    admin_of = user.memberships.filter(role="admin").values("organisation")
    partnerships = list(
        ProjectPartner.objects.filter(status=PartnerStatus.PENDING)
        .filter(
            Q(organisation__in=admin_of, offered_by_organisation=False)
            | Q(project__in=led, offered_by_organisation=True)
        )
        .select_related("project", "organisation")
    )
    return MyProjects(memberships, requests, invitations, to_answer, partnerships)


def _status_order_for(field: str):
    ranks = [ProjectStatus.FORMING, ProjectStatus.ACTIVE, ProjectStatus.PAUSED]
    return Case(
        *[When(**{field: s}, then=Value(i)) for i, s in enumerate(ranks)],
        default=Value(9),
        output_field=IntegerField(),
    )


def has_pending_request(*, user, project: Project) -> JoinRequest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return JoinRequest.objects.filter(
        user=user, project=project, status=RequestStatus.PENDING
    ).first()


def pending_invitation(*, user, project: Project) -> ProjectInvitation | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return ProjectInvitation.objects.filter(
        user=user, project=project, status=RequestStatus.PENDING
    ).first()


def declined_user_ids(project: Project) -> set[int]:
    """People who declined an invitation to the project or were declined when they asked
    (the matchmaking leaves them out)."""
    declined = set(
        ProjectInvitation.objects.filter(
            project=project, status=RequestStatus.DECLINED
        ).values_list("user_id", flat=True)
    )
    declined |= set(
        JoinRequest.objects.filter(project=project, status=RequestStatus.DECLINED).values_list(
            "user_id", flat=True
        )
    )
    return declined


# --- "Whose voices are missing" (admin dashboard) ---------------------------------------------


@dataclass
class MixRow:
    label: str
    team: int
    everyone: int
    team_share: float
    everyone_share: float

    @property
    def gap(self) -> float:
        """Percentage points the teams lack compared with everyone in the challenge."""
        return round(self.everyone_share - self.team_share, 1)

    @property
    def missing(self) -> bool:
        return self.everyone > 0 and self.team == 0


def _share(n: int, total: int) -> float:
    return round(100 * n / total, 1) if total else 0.0


def _mix(team: dict, everyone: dict, labels: list[tuple[str, str]]) -> list[MixRow]:
    team_total, everyone_total = sum(team.values()), sum(everyone.values())
    return [
        MixRow(
            str(label),
            team.get(key, 0),
            everyone.get(key, 0),
            _share(team.get(key, 0), team_total),
            _share(everyone.get(key, 0), everyone_total),
        )
        for key, label in labels
        if team.get(key, 0) or everyone.get(key, 0)
    ]


def voices_dashboard(*, challenge) -> dict:
    """The teams' mix (everyone in a team of the challenge's projects) by actor type and by
    district, beside the mix of everyone who joined the challenge (a live or accepted
    commitment, or an idea). Each person counts once per group. Four grouped queries, however
    many people."""
    from django.utils.translation import gettext as _

    from people.models import Commitment, Profile
    from people.selectors.commitments import Bar, Chart
    from umecom.taxonomy.models import ActorType, District

    from ..models import Idea

    key = challenge.translation_key
    team_users = ProjectMembership.objects.filter(project__challenge__translation_key=key).values(
        "user_id"
    )
    joined_ids = set(
        Commitment.objects.filter(challenge__translation_key=key, user__isnull=False)
        .exclude(status__in=["declined", "withdrawn"])
        .values_list("user_id", flat=True)
    ) | set(
        Idea.objects.filter(challenge__translation_key=key, author__isnull=False).values_list(
            "author_id", flat=True
        )
    )

    def by_actor(users) -> dict:
        return dict(
            Profile.objects.filter(user_id__in=users)
            .values_list("actor_type")
            .annotate(n=Count("pk"))
        )

    def by_district(users) -> dict:
        return dict(
            Profile.objects.filter(user_id__in=users, districts__isnull=False)
            .values_list("districts__pk")
            .annotate(n=Count("pk", distinct=True))
        )

    team_actor, everyone_actor = by_actor(team_users), by_actor(joined_ids)
    team_district, everyone_district = by_district(team_users), by_district(joined_ids)
    actor_labels = list(ActorType.choices) + [("", _("Inte angett"))]
    used = set(team_district) | set(everyone_district)
    district_labels = [(d.pk, d.label) for d in District.objects.filter(pk__in=used)]
    actor_rows = _mix(team_actor, everyone_actor, actor_labels)
    district_rows = _mix(team_district, everyone_district, district_labels)
    charts = [
        Chart(
            "team_actor", _("Teamen efter aktörstyp"), [Bar(r.label, r.team) for r in actor_rows]
        ),
        Chart(
            "everyone_actor",
            _("Alla som gått med i utmaningen efter aktörstyp"),
            [Bar(r.label, r.everyone) for r in actor_rows],
        ),
        Chart(
            "team_district",
            _("Teamen efter stadsdel"),
            [Bar(r.label, r.team) for r in district_rows],
        ),
        Chart(
            "everyone_district",
            _("Alla som gått med i utmaningen efter stadsdel"),
            [Bar(r.label, r.everyone) for r in district_rows],
        ),
    ]
    return {
        "charts": charts,
        "actor_rows": actor_rows,
        "district_rows": district_rows,
        "missing": [r.label for r in actor_rows + district_rows if r.missing],
    }


def partner_candidates(project: Project):
    """Organisations with a live commitment to the project's challenge that are not partners
    or asked yet (a declined one may be asked again): what the lead may propose."""
    from people.models import CommitmentStatus, Organisation

    taken = ProjectPartner.objects.filter(project=project).exclude(status=PartnerStatus.DECLINED)
    return (
        Organisation.objects.filter(
            commitments__challenge=project.challenge_id,
            commitments__status__in=list(CommitmentStatus.LIVE),
        )
        .exclude(pk__in=taken.values("organisation"))
        .distinct()
        .order_by("name")
    )


def offerable_organisations(*, user, project: Project):
    """The organisations `user` administers that could offer themselves as partners."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        partner_candidates(project).filter(memberships__user=user, memberships__role="admin")
    )
