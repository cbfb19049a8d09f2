"""Writes for project teams: start a project, open roles, ask to join, invite, answer, leave,
hand over the lead, partner organisations, status. Keyword-only where the match helper does
not call positionally, typed, atomic.

Errors: `PermissionDenied` when the person may not do it at all, `ValidationError` when a rule
is broken (the team is full, already a member); both carry a Swedish message fit to show the
user (`error_message(error)`). A rule about one form field names it (`ValidationError(
{"max_team_size": …})`), so a form can show the message on that field.

Every change leaves a `ProjectEvent` and notifies those concerned through
umecom/notifications (in-app rows in the same transaction, e-mail and live counters after
commit). Joining takes the project's row lock (`select_for_update`), so two accepts racing for
the last place leave one member: the second sees the full team.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from challenges.models import ChallengePage
from people.models import Commitment, CommitmentStatus, Organisation, User
from people.selectors.organisations import member_display_name
from umecom import ratelimit
from umecom.notifications.services import actor_payload, notify

from .. import permissions_teams as perms
from ..models import (
    LIVE_PROJECT_STATUSES,
    CoAuthorStatus,
    Idea,
    JoinRequest,
    MemberRole,
    PartnerStatus,
    Project,
    ProjectEvent,
    ProjectEventKind,
    ProjectInvitation,
    ProjectMembership,
    ProjectPartner,
    ProjectRole,
    ProjectStatus,
    ProjectVisibility,
    RequestStatus,
)
from ..selectors.teams import active_project_count, max_active_projects
from ..text import plain_text, sanitise_description
from .ideas import default_language_challenge

DEFAULT_RATE_LIMITS = {
    "project_invite": "20/h/user,60/d/user",
    "project_join_request": "10/h/user,30/d/user",
}
MAX_TEAM_SIZE = 50
TEAM_SIZE_MESSAGE = _("Ett team kan ha mellan 1 och 50 personer.")  # MAX_TEAM_SIZE
ACTOR_TYPES = ("citizen", "company", "researcher", "association", "municipality")


def error_message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(str(m) for m in error.messages)
    return str(error)


# --- helpers ----------------------------------------------------------------------------------


def _rate_ok(user: User, action: str) -> bool:
    """The site's limiter counts per request; a service has none, so it counts per user."""
    rates = ratelimit.rates(DEFAULT_RATE_LIMITS, "PROJECT_RATE_LIMITS")
    fake_request = SimpleNamespace(user=user, META={})
    return ratelimit.hit(fake_request, scope="projects", action=action, rates=rates)


def _event(
    project: Project, *, actor: User | None, kind: str, target: User | None = None, **data
) -> ProjectEvent:
    return ProjectEvent.objects.create(
        project=project, actor=actor, kind=kind, target_user=target, data=data
    )


def _lock(project: Project) -> Project:
    # of=("self",): PostgreSQL cannot lock the nullable side of the joins, and needs not to.
    locked = (
        Project.objects.select_for_update(of=("self",))
        .select_related("challenge")
        .get(pk=project.pk)
    )
    perms.forget_cached_members(project)
    return locked


def _payload(project: Project, **extra) -> dict:
    return {"project": project.pk, "title": project.title, **extra}


def _name(user: User | None) -> str:
    return member_display_name(user) if user else str(_("Borttagen användare"))


def _team(project: Project, *, exclude: Iterable[int] = ()) -> list[User]:
    skip = set(exclude)
    return [
        m.user
        for m in project.memberships.select_related("user")
        if m.user_id not in skip and m.user.is_active
    ]


def _lead(project: Project) -> User | None:
    membership = project.memberships.filter(role=MemberRole.LEAD).select_related("user").first()
    return membership.user if membership else None


def _managers(project: Project) -> list[User]:
    """Who hears of requests: the lead, or the project's creator while it has no lead."""
    lead = _lead(project)
    if lead is not None:
        return [lead]
    return [project.created_by] if project.created_by_id else []


def _clean_mix(mix: dict | None) -> dict[str, int]:
    clean = {}
    for key, value in (mix or {}).items():
        try:
            number = int(value)
        except (TypeError, ValueError):
            continue
        if key in ACTOR_TYPES and 0 < number <= 20:
            clean[key] = number
    return clean


def _clean_text(title: str, goal: str) -> tuple[str, str]:
    title = " ".join(plain_text(title).split())[:140]
    goal = plain_text(goal)[:600]
    if not title:
        raise ValidationError({"title": _("Ge projektet ett namn.")})
    if not goal:
        raise ValidationError({"goal": _("Beskriv projektets mål.")})
    return title, goal


def _team_size(value) -> int:
    """A team holds 1 to MAX_TEAM_SIZE people; anything else is refused, never clamped (a
    form that sent 200 would otherwise save 50 without a word)."""
    try:
        size = int(value)
    except (TypeError, ValueError):
        size = 0
    if not 1 <= size <= MAX_TEAM_SIZE:
        raise ValidationError({"max_team_size": TEAM_SIZE_MESSAGE})
    return size


def _check_capacity(project: Project, *, adding: int = 1) -> None:
    """Caller holds the project's row lock, so the count cannot change under us."""
    if project.memberships.count() + adding > project.max_team_size:
        raise ValidationError(_("Teamet är fullt."))


def _check_limit(user: User) -> None:
    if active_project_count(user) >= max_active_projects():
        raise ValidationError(
            _("%(name)s är redan med i %(n)s pågående projekt, det högsta antalet.")
            % {"name": _name(user), "n": max_active_projects()}
        )


def _close_open_asks(project: Project, user: User, *, except_pk=None, model=None) -> None:
    """A person who joined has nothing left pending with the project."""
    now = timezone.now()
    requests = JoinRequest.objects.filter(project=project, user=user, status=RequestStatus.PENDING)
    invitations = ProjectInvitation.objects.filter(
        project=project, user=user, status=RequestStatus.PENDING
    )
    if model is JoinRequest and except_pk:
        requests = requests.exclude(pk=except_pk)
    if model is ProjectInvitation and except_pk:
        invitations = invitations.exclude(pk=except_pk)
    requests.update(status=RequestStatus.EXPIRED, decided_at=now)
    invitations.update(status=RequestStatus.EXPIRED, answered_at=now)


def _add_member(
    project: Project,
    user: User,
    *,
    role: str = MemberRole.MEMBER,
    project_role: ProjectRole | None = None,
) -> ProjectMembership:
    """Caller holds the project's row lock (capacity and the role's place are checked under
    it)."""
    if not user.is_active:
        raise ValidationError(_("Personen finns inte längre på Umecom."))
    if ProjectMembership.objects.filter(project=project, user=user).exists():
        raise ValidationError(_("%(name)s är redan med i teamet.") % {"name": _name(user)})
    _check_capacity(project)
    _check_limit(user)
    if project_role is not None:
        project_role = ProjectRole.objects.select_for_update().get(pk=project_role.pk)
        if not project_role.is_open:
            raise ValidationError(_("Rollen är redan tillsatt."))
    try:
        with transaction.atomic():
            membership = ProjectMembership.objects.create(
                project=project, user=user, role=role, project_role=project_role
            )
    except IntegrityError as error:  # a second lead, or the same person twice
        raise ValidationError(
            _("%(name)s är redan med i teamet.") % {"name": _name(user)}
        ) from error
    if project_role is not None:
        project_role.is_open = False
        project_role.filled_by = user
        project_role.save(update_fields=["is_open", "filled_by"])
    perms.forget_cached_members(project)
    return membership


def _expire_when_full(project: Project, *, by: User | None) -> None:
    """A full team closes the remaining requests (they would only wait); invitations stay,
    a place may open again before they are answered."""
    if project.memberships.count() >= project.max_team_size:
        expired = list(
            JoinRequest.objects.filter(
                project=project, status=RequestStatus.PENDING
            ).select_related("user")
        )
        JoinRequest.objects.filter(pk__in=[r.pk for r in expired]).update(
            status=RequestStatus.EXPIRED, decided_at=timezone.now(), decided_by=by
        )
        if expired:
            notify(
                recipients=[r.user for r in expired],
                kind="project_request_answered",
                payload=_payload(project, accepted=False, full=True),
            )


# --- starting a project -----------------------------------------------------------------------


@transaction.atomic
def project_create(
    *,
    challenge: ChallengePage,
    by: User,
    title: str,
    goal: str,
    description: str = "",
    needed_skills: Iterable[str] = (),
    wanted_actor_mix: dict | None = None,
    districts: Iterable = (),
    themes: Iterable = (),
    visibility: str = ProjectVisibility.PUBLIC,
    max_team_size: int = 8,
    lead: User | None = None,
    idea: Idea | None = None,
) -> Project:
    """A project straight under a challenge (the innovation team). `lead`, when given, is added
    as lead at once (the innovation team asks them first; a lead who does not want it hands
    over or leaves)."""
    if idea is None and not perms.can_start_project(by):
        raise PermissionDenied(_("Bara innovationsteamet kan starta projekt direkt."))
    title, goal = _clean_text(title, goal)
    if visibility not in ProjectVisibility.values:
        visibility = ProjectVisibility.PUBLIC
    project = Project.objects.create(
        challenge=default_language_challenge(challenge),
        idea=idea,
        title=title,
        goal=goal,
        description=sanitise_description(description),
        wanted_actor_mix=_clean_mix(wanted_actor_mix),
        visibility=visibility,
        max_team_size=_team_size(8 if max_team_size is None else max_team_size),
        created_by=by,
    )
    skills = [s.strip()[:100] for s in needed_skills if s and s.strip()]
    if skills:
        project.needed_skills.add(*skills)
    if districts:
        project.districts.set(districts)
    if themes:
        project.themes.set(themes)
    _event(project, actor=by, kind=ProjectEventKind.CREATED, idea=idea.pk if idea else None)
    if lead is not None:
        _add_member(project, lead, role=MemberRole.LEAD)
        _event(project, actor=by, kind=ProjectEventKind.JOINED, target=lead, role=MemberRole.LEAD)
        if lead.pk != by.pk:
            notify(recipients=[lead], kind="project_started", payload=_payload(project))
    return project


@transaction.atomic
def project_from_idea(*, idea: Idea, by: User) -> Project:
    """Start a project from a shortlisted idea: its title, summary (as goal), description,
    themes, districts and tags (as needed skills) carry over; its author becomes the lead and
    its accepted co-authors members; the idea links to the project (Idea.project)."""
    idea = Idea.objects.select_for_update(of=("self",)).select_related("challenge").get(pk=idea.pk)
    if not perms.can_start_project(by, idea=idea):
        if getattr(idea, "project", None) is not None:
            raise ValidationError(_("Idén har redan blivit ett projekt."))
        raise PermissionDenied(
            _(
                "Bara en utvald idé kan bli ett projekt, startat av innovationsteamet "
                "eller idéns förslagsställare."
            )
        )
    lead = idea.author if idea.author_id and idea.author.is_active else None
    project = project_create(
        challenge=idea.challenge,
        by=by,
        title=idea.title,
        goal=idea.summary,
        description=idea.description,
        needed_skills=[t.name for t in idea.tags.all()],
        districts=list(idea.districts.all()),
        themes=list(idea.themes.all()),
        lead=lead,
        idea=idea,
    )
    # The project's description is the idea's, already sanitised; keep it byte for byte.
    Project.objects.filter(pk=project.pk).update(description=idea.description)
    project.description = idea.description
    coauthors = [
        c.user
        for c in idea.coauthors.filter(status=CoAuthorStatus.ACCEPTED).select_related("user")
        if c.user.is_active
    ]
    joined = []
    for user in coauthors:
        try:
            with transaction.atomic():
                _add_member(project, user)
        except ValidationError:
            continue  # at their project limit, or the team is full: they can still ask
        _event(project, actor=by, kind=ProjectEventKind.JOINED, target=user, from_idea=True)
        joined.append(user)
    if joined:
        notify(recipients=joined, kind="project_started", payload=_payload(project))
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    by: User,
    title: str,
    goal: str,
    description: str = "",
    needed_skills: Iterable[str] | None = None,
    wanted_actor_mix: dict | None = None,
    visibility: str | None = None,
    max_team_size: int | None = None,
    districts: Iterable | None = None,
    themes: Iterable | None = None,
) -> Project:
    if not perms.can_edit_project(by, project):
        raise PermissionDenied(_("Bara projektledaren kan ändra projektet."))
    project = _lock(project)
    project.title, project.goal = _clean_text(title, goal)
    project.description = sanitise_description(description)
    if wanted_actor_mix is not None:
        project.wanted_actor_mix = _clean_mix(wanted_actor_mix)
    if visibility in ProjectVisibility.values:
        project.visibility = visibility
    if max_team_size is not None:
        size = _team_size(max_team_size)
        if size < project.memberships.count():
            raise ValidationError({"max_team_size": _("Teamet har redan fler medlemmar än så.")})
        project.max_team_size = size
    project.save()
    if needed_skills is not None:
        project.needed_skills.set([s.strip()[:100] for s in needed_skills if s and s.strip()])
    if districts is not None:
        project.districts.set(districts)
    if themes is not None:
        project.themes.set(themes)
    _event(project, actor=by, kind=ProjectEventKind.EDITED)
    return project


@transaction.atomic
def project_set_status(*, project: Project, by: User, status: str, reason: str = "") -> Project:
    """Forming → active → paused ⇄ active → completed. Only the innovation team reopens a
    completed project. Ending a project closes its pending requests and invitations."""
    if not perms.can_change_status(by, project):
        raise PermissionDenied(_("Bara projektledaren kan ändra projektets status."))
    if status not in ProjectStatus.values:
        raise ValidationError(_("Okänd status."))
    project = _lock(project)
    before = project.status
    if status == before:
        return project
    if before == ProjectStatus.COMPLETED and not perms.is_innovation_team(by):
        raise PermissionDenied(_("Bara innovationsteamet kan öppna ett avslutat projekt igen."))
    project.status = status
    project.save(update_fields=["status", "updated_at"])
    if status not in LIVE_PROJECT_STATUSES:
        now = timezone.now()
        JoinRequest.objects.filter(project=project, status=RequestStatus.PENDING).update(
            status=RequestStatus.EXPIRED, decided_at=now
        )
        ProjectInvitation.objects.filter(project=project, status=RequestStatus.PENDING).update(
            status=RequestStatus.EXPIRED, answered_at=now
        )
    reason = plain_text(reason)[:1000]
    _event(
        project,
        actor=by,
        kind=ProjectEventKind.STATUS_CHANGED,
        before=before,
        after=status,
        reason=reason,
    )
    notify(
        recipients=_team(project, exclude=[by.pk]),
        kind="project_status",
        payload=_payload(project, status=status, reason=reason),
    )
    return project


# --- open roles -------------------------------------------------------------------------------


@transaction.atomic
def role_add(
    *,
    project: Project,
    by: User,
    title: str,
    description: str = "",
    skills: Iterable[str] = (),
    hours_per_month: int | None = None,
) -> ProjectRole:
    if not perms.can_manage_project(by, project):
        raise PermissionDenied(_("Bara projektledaren kan lägga till roller."))
    title = " ".join(plain_text(title).split())[:120]
    if not title:
        raise ValidationError(_("Ge rollen ett namn."))
    role = ProjectRole.objects.create(
        project=project,
        title=title,
        description=plain_text(description)[:600],
        hours_per_month=hours_per_month or None,
    )
    names = [s.strip()[:100] for s in skills if s and s.strip()]
    if names:
        role.skills.add(*names)
    _event(project, actor=by, kind=ProjectEventKind.ROLE_ADDED, role=role.pk, title=role.title)
    return role


@transaction.atomic
def role_close(*, role: ProjectRole, by: User) -> ProjectRole:
    if not perms.can_manage_project(by, role.project):
        raise PermissionDenied(_("Bara projektledaren kan stänga roller."))
    role.is_open = False
    role.save(update_fields=["is_open"])
    JoinRequest.objects.filter(role=role, status=RequestStatus.PENDING).update(
        status=RequestStatus.EXPIRED, decided_at=timezone.now()
    )
    _event(role.project, actor=by, kind=ProjectEventKind.ROLE_CLOSED, role=role.pk)
    return role


# --- asking to join ---------------------------------------------------------------------------


@transaction.atomic
def join_request_create(
    *, project: Project, user: User, message: str, role: ProjectRole | None = None
) -> JoinRequest:
    if perms.is_project_member(user, project):
        raise ValidationError(_("Du är redan med i teamet."))
    if not perms.can_request_to_join(user, project):
        raise PermissionDenied(_("Projektet tar inte emot nya medlemmar just nu."))
    if role is not None and (role.project_id != project.pk or not role.is_open):
        raise ValidationError(_("Rollen är inte längre öppen."))
    message = plain_text(message)[:1000]
    if not message:
        raise ValidationError(_("Skriv några rader om varför du vill vara med."))
    if JoinRequest.objects.filter(
        project=project, user=user, status=RequestStatus.PENDING
    ).exists():
        raise ValidationError(_("Du har redan frågat, projektledaren har inte svarat än."))
    _check_limit(user)
    if not _rate_ok(user, "project_join_request"):
        raise ValidationError(_("Du har skickat många förfrågningar. Vänta en stund."))
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                project=project, user=user, role=role, message=message
            )
    except IntegrityError as error:  # a double-click racing the check above
        raise ValidationError(
            _("Du har redan frågat, projektledaren har inte svarat än.")
        ) from error
    _event(
        project,
        actor=user,
        kind=ProjectEventKind.REQUEST_SENT,
        target=user,
        role=role.pk if role else None,
    )
    notify(
        recipients=_managers(project),
        kind="project_join_request",
        payload=_payload(
            project, **actor_payload(user, _name(user)), role=role.title if role else ""
        ),
    )
    return join_request


@transaction.atomic
def join_request_answer(*, join_request: JoinRequest, by: User, accept: bool) -> JoinRequest:
    """The lead (or the innovation team) accepts or declines. Accepting adds the person under
    the project's row lock: with the last place taken meanwhile it fails with "Teamet är
    fullt" and the request stays pending."""
    project = _lock(join_request.project)
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    join_request.project = project
    if not perms.can_answer_request(by, join_request):
        raise PermissionDenied(_("Bara projektledaren kan svara på förfrågningar."))
    if join_request.status != RequestStatus.PENDING:
        raise ValidationError(_("Förfrågan är redan besvarad."))
    if accept:
        _add_member(project, join_request.user, project_role=join_request.role)
        _close_open_asks(project, join_request.user, except_pk=join_request.pk, model=JoinRequest)
    join_request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    _event(
        project,
        actor=by,
        kind=ProjectEventKind.REQUEST_ACCEPTED if accept else ProjectEventKind.REQUEST_DECLINED,
        target=join_request.user,
    )
    if accept:
        _event(project, actor=by, kind=ProjectEventKind.JOINED, target=join_request.user)
    notify(
        recipients=[join_request.user],
        kind="project_request_answered",
        payload=_payload(project, accepted=accept),
    )
    if accept:
        _expire_when_full(project, by=by)
    return join_request


@transaction.atomic
def join_request_withdraw(*, join_request: JoinRequest, by: User) -> JoinRequest:
    if not perms.can_withdraw_request(by, join_request):
        raise PermissionDenied(_("Det är inte din förfrågan."))
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != RequestStatus.PENDING:
        raise ValidationError(_("Förfrågan är redan besvarad."))
    join_request.status = RequestStatus.WITHDRAWN
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_at"])
    _event(join_request.project, actor=by, kind=ProjectEventKind.REQUEST_WITHDRAWN, target=by)
    return join_request


# --- invitations ------------------------------------------------------------------------------


@transaction.atomic
def invite(
    lead: User,
    project: Project,
    invitee: User,
    *,
    role: ProjectRole | None = None,
    message: str = "",
    via_suggestion: bool = False,
    member_role: str = MemberRole.MEMBER,
) -> ProjectInvitation:
    """The lead (or the innovation team) invites someone who allows invitations
    (Profile.invitable_to_teams). Rate-limited per inviter (PROJECT_RATE_LIMITS).

    The person's relation to this project is checked before their consent, so the lead hears
    the most specific reason: already in the team, already asking to join (answer that
    instead), already invited; only then "does not take invitations".
    """
    if not perms.can_invite(lead, project):
        if perms.can_manage_project(lead, project):
            raise ValidationError(_("Projektet tar inte emot nya medlemmar just nu."))
        raise PermissionDenied(_("Bara projektledaren kan bjuda in."))
    if invitee.pk == lead.pk:
        raise ValidationError(_("Du kan inte bjuda in dig själv."))
    if perms.is_project_member(invitee, project):
        raise ValidationError(_("%(name)s är redan med i teamet.") % {"name": _name(invitee)})
    if JoinRequest.objects.filter(
        project=project, user=invitee, status=RequestStatus.PENDING
    ).exists():
        raise ValidationError(
            _("%(name)s har redan bett om att få vara med i teamet. Svara på förfrågan i stället.")
            % {"name": _name(invitee)}
        )
    if ProjectInvitation.objects.filter(
        project=project, user=invitee, status=RequestStatus.PENDING
    ).exists():
        raise ValidationError(_("%(name)s är redan inbjuden.") % {"name": _name(invitee)})
    profile = getattr(invitee, "profile", None)
    if not invitee.is_active or profile is None or not profile.invitable_to_teams:
        raise ValidationError(_("Personen tar inte emot inbjudningar till team."))
    if role is not None and (role.project_id != project.pk or not role.is_open):
        raise ValidationError(_("Rollen är inte längre öppen."))
    if member_role not in (MemberRole.MEMBER, MemberRole.MENTOR):
        member_role = MemberRole.MEMBER
    if project.memberships.count() >= project.max_team_size:
        raise ValidationError(_("Teamet är fullt."))
    _check_limit(invitee)
    if not _rate_ok(lead, "project_invite"):
        raise ValidationError(_("Du har skickat många inbjudningar. Vänta en stund."))
    try:
        with transaction.atomic():
            invitation = ProjectInvitation.objects.create(
                project=project,
                user=invitee,
                invited_by=lead,
                role=role,
                member_role=member_role,
                message=plain_text(message)[:1000],
                via_suggestion=via_suggestion,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s är redan inbjuden.") % {"name": _name(invitee)}
        ) from error
    _event(
        project,
        actor=lead,
        kind=ProjectEventKind.INVITED,
        target=invitee,
        role=role.pk if role else None,
        via_suggestion=via_suggestion,
    )
    notify(
        recipients=[invitee],
        kind="project_invitation",
        payload=_payload(
            project, **actor_payload(lead, _name(lead)), role=role.title if role else ""
        ),
    )
    return invitation


@transaction.atomic
def invitation_answer(
    *, invitation: ProjectInvitation, user: User, accept: bool
) -> ProjectInvitation:
    """Only the invited person answers. Accepting joins under the project's row lock."""
    if not perms.can_answer_invitation(user, invitation):
        raise PermissionDenied(_("Inbjudan är inte till dig."))
    project = _lock(invitation.project)
    invitation = ProjectInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != RequestStatus.PENDING:
        raise ValidationError(_("Inbjudan är redan besvarad eller inte längre aktuell."))
    if accept:
        if not perms.takes_new_members(project):
            raise ValidationError(_("Projektet tar inte emot nya medlemmar just nu."))
        role = invitation.role if invitation.role_id and invitation.role.is_open else None
        _add_member(project, user, role=invitation.member_role, project_role=role)
        _close_open_asks(project, user, except_pk=invitation.pk, model=ProjectInvitation)
    invitation.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    _event(
        project,
        actor=user,
        kind=ProjectEventKind.INVITATION_ACCEPTED
        if accept
        else ProjectEventKind.INVITATION_DECLINED,
        target=user,
    )
    if accept:
        _event(project, actor=user, kind=ProjectEventKind.JOINED, target=user)
    recipients = [invitation.invited_by] if invitation.invited_by_id else _managers(project)
    notify(
        recipients=recipients,
        kind="project_invitation_answered",
        payload=_payload(project, **actor_payload(user, _name(user)), accepted=accept),
    )
    if accept:
        _expire_when_full(project, by=None)
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: ProjectInvitation, by: User) -> ProjectInvitation:
    if not perms.can_withdraw_invitation(by, invitation):
        raise PermissionDenied(_("Bara projektledaren kan återkalla inbjudningar."))
    invitation = ProjectInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != RequestStatus.PENDING:
        raise ValidationError(_("Inbjudan är redan besvarad eller inte längre aktuell."))
    invitation.status = RequestStatus.WITHDRAWN
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    _event(
        invitation.project,
        actor=by,
        kind=ProjectEventKind.INVITATION_WITHDRAWN,
        target=invitation.user,
    )
    return invitation


# --- leaving and the lead role ---------------------------------------------------------------


@transaction.atomic
def member_leave(*, project: Project, user: User) -> None:
    if perms.is_project_lead(user, project):
        raise ValidationError(_("Lämna över rollen som projektledare innan du lämnar teamet."))
    if not perms.can_leave_project(user, project):
        raise PermissionDenied(_("Du är inte med i teamet."))
    project = _lock(project)
    membership = ProjectMembership.objects.filter(project=project, user=user).first()
    if membership is None:
        raise ValidationError(_("Du är inte med i teamet."))
    _remove_membership(project, membership, actor=user)


def _remove_membership(project: Project, membership: ProjectMembership, *, actor) -> None:
    """Caller holds the project's row lock. The role the person filled opens again."""
    user = membership.user
    if membership.project_role_id:
        ProjectRole.objects.filter(pk=membership.project_role_id).update(
            is_open=True, filled_by=None
        )
    membership.delete()
    perms.forget_cached_members(project)
    _event(project, actor=actor, kind=ProjectEventKind.LEFT, target=user)
    notify(
        recipients=_managers(project),
        kind="project_member_left",
        payload=_payload(project, **actor_payload(user, _name(user))),
    )


@transaction.atomic
def lead_hand_over(*, project: Project, by: User, to: User) -> ProjectMembership:
    """The lead (or the innovation team) makes another member the lead; the old lead stays a
    member. Both rows change inside one transaction, so the one-lead constraint holds."""
    if not perms.can_hand_over_lead(by, project):
        raise PermissionDenied(_("Bara projektledaren kan lämna över rollen."))
    project = _lock(project)
    new = ProjectMembership.objects.filter(project=project, user=to).first()
    if new is None:
        raise ValidationError(_("Den nya projektledaren måste vara med i teamet."))
    if new.role == MemberRole.LEAD:
        raise ValidationError(_("%(name)s är redan projektledare.") % {"name": _name(to)})
    old = ProjectMembership.objects.filter(project=project, role=MemberRole.LEAD).first()
    if old is not None:
        old.role = MemberRole.MEMBER
        old.save(update_fields=["role"])
    new.role = MemberRole.LEAD
    new.save(update_fields=["role"])
    perms.forget_cached_members(project)
    _event(
        project,
        actor=by,
        kind=ProjectEventKind.LEAD_HANDED_OVER,
        target=to,
        previous=old.user_id if old else None,
    )
    notify(
        recipients=_team(project, exclude=[by.pk]),
        kind="project_lead_handed_over",
        payload=_payload(project, **actor_payload(to, _name(to))),
    )
    return new


# --- partner organisations -------------------------------------------------------------------


def _commitment_of(organisation: Organisation, project: Project) -> Commitment | None:
    return (
        Commitment.objects.filter(
            challenge=project.challenge,
            organisation=organisation,
            status__in=list(CommitmentStatus.LIVE),
        )
        .order_by("-status", "-created_at")  # accepted before pending
        .first()
    )


def _org_admins(organisation: Organisation) -> list[User]:
    return [
        m.user
        for m in organisation.memberships.filter(role="admin").select_related("user")
        if m.user.is_active
    ]


@transaction.atomic
def partner_propose(
    *, project: Project, by: User, organisation: Organisation, message: str = ""
) -> ProjectPartner:
    """The lead asks an organisation (one with a commitment to the challenge) to join as a
    partner; its administrator answers. Nothing is public until they say yes."""
    if not perms.can_propose_partner(by, project):
        raise PermissionDenied(_("Bara projektledaren kan föreslå partner."))
    return _partner_create(project, by, organisation, message, offered=False)


@transaction.atomic
def partner_offer(
    *, project: Project, by: User, organisation: Organisation, message: str = ""
) -> ProjectPartner:
    """An organisation's administrator offers it as a partner; the lead answers."""
    if not perms.can_offer_partnership(by, project, organisation):
        raise PermissionDenied(_("Bara organisationens administratör kan erbjuda ett partnerskap."))
    return _partner_create(project, by, organisation, message, offered=True)


def _partner_create(project, by, organisation, message, *, offered: bool) -> ProjectPartner:
    commitment = _commitment_of(organisation, project)
    if commitment is None:
        raise ValidationError(
            _("%(org)s har inte anmält sig till utmaningen.") % {"org": organisation.name}
        )
    existing = ProjectPartner.objects.filter(project=project, organisation=organisation).first()
    if existing is not None and existing.status != PartnerStatus.DECLINED:
        raise ValidationError(
            _("%(org)s är redan partner eller tillfrågad.") % {"org": organisation.name}
        )
    partner = existing or ProjectPartner(project=project, organisation=organisation)
    partner.commitment = commitment
    partner.status = PartnerStatus.PENDING
    partner.offered_by_organisation = offered
    partner.message = plain_text(message)[:1000]
    partner.proposed_by = by
    partner.decided_by = None
    partner.decided_at = None
    partner.save()
    _event(
        project,
        actor=by,
        kind=ProjectEventKind.PARTNER_PROPOSED,
        organisation=organisation.pk,
        name=organisation.name,
        offered=offered,
    )
    notify(
        recipients=_managers(project) if offered else _org_admins(organisation),
        kind="project_partner_request",
        payload=_payload(project, organisation=organisation.name, offered=offered),
    )
    return partner


@transaction.atomic
def partner_answer(*, partner: ProjectPartner, by: User, accept: bool) -> ProjectPartner:
    partner = (
        ProjectPartner.objects.select_for_update()
        .select_related("project", "organisation")
        .get(pk=partner.pk)
    )
    if not perms.can_answer_partnership(by, partner):
        raise PermissionDenied(_("Det är inte ditt att svara på."))
    partner.status = PartnerStatus.ACCEPTED if accept else PartnerStatus.DECLINED
    partner.decided_by = by
    partner.decided_at = timezone.now()
    partner.save(update_fields=["status", "decided_by", "decided_at"])
    _event(
        partner.project,
        actor=by,
        kind=ProjectEventKind.PARTNER_ACCEPTED if accept else ProjectEventKind.PARTNER_DECLINED,
        organisation=partner.organisation_id,
        name=partner.organisation.name,
    )
    recipients = (
        _org_admins(partner.organisation)
        if partner.offered_by_organisation
        else _managers(partner.project)
    )
    notify(
        recipients=recipients,
        kind="project_partner_answered",
        payload=_payload(partner.project, organisation=partner.organisation.name, accepted=accept),
    )
    return partner
