"""Project pages: the project page, asking to join, the lead's answers and management forms,
invitations, leaving, and "Mina projekt". Views authenticate, ask
projects/permissions_teams.py, call projects/services/teams.py and say what happened.

A project someone may not see is a 404; an action they may not take is a 403 (or, for a rule
such as a full team, a message on the page they came from).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.models import Organisation
from people.permissions import can_view_profile
from people.selectors.organisations import member_display_name
from umecom.i18n import in_active_language
from umecom.roles import is_innovation_team

from .. import permissions_teams as perms
from ..forms_teams import (
    AnswerForm,
    HandOverForm,
    JoinRequestForm,
    ProjectForm,
    RoleForm,
    StatusForm,
)
from ..models import (
    Idea,
    JoinRequest,
    MemberRole,
    Project,
    ProjectInvitation,
    ProjectPartner,
    ProjectRole,
    RequestStatus,
)
from ..selectors import teams as selectors
from ..services import teams as services


def project_or_404(pk: int, user) -> Project:
    project = selectors.project_detail(pk=pk)
    if project is None or not perms.can_view_project(user, project):
        raise Http404
    return project


def _back(request, project: Project):
    """Back where the form was (the project page or Mina projekt), never off-site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("projects:project_detail", pk=project.pk)


def _fail(request, error: Exception) -> None:
    messages.error(request, services.error_message(error))


def project_detail(request, pk: int):
    project = project_or_404(pk, request.user)
    user = request.user
    team_visible = perms.can_view_team_pages(user, project)
    role = perms.member_role(user, project)
    manage = perms.can_manage_project(user, project)
    roles = selectors.open_roles(project)
    team = selectors.team_of(project) if team_visible else None
    # A hidden profile stays hidden on a public team list: outsiders read "Medlem"; the team
    # and the innovation team see who their teammates are.
    insider = perms.is_project_member(user, project) or is_innovation_team(user)
    for membership in team or ():
        profile = getattr(membership.user, "profile", None)
        membership.profile_visible = profile is not None and can_view_profile(user, profile)
        membership.show_name = profile is not None and (insider or membership.profile_visible)
    context = {
        "takes_members": perms.takes_new_members(project),
        "project": project,
        "challenge": in_active_language(project.challenge),
        "idea": project.idea if project.idea_id and project.idea.is_public else None,
        "team": team,
        "team_size": selectors.team_size(project),
        "team_visible": team_visible,
        "open_roles": roles,
        "partners": selectors.accepted_partners(project),
        "my_role": role,
        "can_manage": manage,
        "can_leave": perms.can_leave_project(user, project),
        "history": list(selectors.project_history(project))
        if perms.can_view_project_history(user, project)
        else None,
    }
    if perms.can_request_to_join(user, project):
        context["my_request"] = selectors.has_pending_request(user=user, project=project)
        context["my_invitation"] = selectors.pending_invitation(user=user, project=project)
        if not context["my_request"] and not context["my_invitation"]:
            initial = {}
            if request.GET.get("roll", "").isdigit():
                initial["role"] = request.GET["roll"]
            context["join_form"] = JoinRequestForm(roles=roles, initial=initial)
    if perms.can_propose_partner(user, project):
        context["partner_candidates"] = list(selectors.partner_candidates(project))
    elif perms.takes_new_members(project) and user.is_authenticated:
        context["offerable"] = selectors.offerable_organisations(user=user, project=project)
    if manage:
        context["requests"] = list(selectors.pending_requests_for(project))
        context["invitations"] = list(selectors.pending_invitations_for(project))
        context["status_form"] = StatusForm(initial={"status": project.status})
        others = [m for m in selectors.team_of(project) if m.role != MemberRole.LEAD]
        for m in others:
            m.display_name = member_display_name(m.user)
        context["hand_over_form"] = HandOverForm(members=others) if others else None
        context["role_form"] = RoleForm()
    return render(request, "projects/project_detail.html", context)


@login_required
@require_POST
def project_join(request, pk: int):
    project = project_or_404(pk, request.user)
    roles = selectors.open_roles(project)
    form = JoinRequestForm(request.POST, roles=roles)
    if not perms.can_request_to_join(request.user, project):
        raise PermissionDenied
    if not form.is_valid():
        return render(
            request,
            "projects/project_join.html",
            {"project": project, "join_form": form},
            status=400,
        )
    role = next((r for r in roles if r.pk == form.cleaned_data["role"]), None)
    try:
        services.join_request_create(
            project=project, user=request.user, role=role, message=form.cleaned_data["message"]
        )
    except (PermissionDenied, ValidationError) as error:
        _fail(request, error)
        return redirect("projects:project_detail", pk=project.pk)
    messages.success(request, _("Din förfrågan är skickad till projektledaren."))
    return redirect("projects:project_detail", pk=project.pk)


@login_required
@require_POST
def request_answer(request, pk: int, request_id: int):
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("project__challenge", "user"),
        pk=request_id,
        project_id=pk,
    )
    project = join_request.project
    if not perms.can_manage_project(request.user, project):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _back(request, project)
    try:
        services.join_request_answer(
            join_request=join_request, by=request.user, accept=form.accepted
        )
    except ValidationError as error:
        _fail(request, error)
        return _back(request, project)
    name = member_display_name(join_request.user)
    if form.accepted:
        messages.success(request, _("%(name)s är nu med i teamet.") % {"name": name})
    else:
        messages.success(request, _("Du har avböjt förfrågan från %(name)s.") % {"name": name})
    return _back(request, project)


@login_required
@require_POST
def request_withdraw(request, pk: int, request_id: int):
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("project"),
        pk=request_id,
        project_id=pk,
        user=request.user,
    )
    try:
        services.join_request_withdraw(join_request=join_request, by=request.user)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Din förfrågan är återkallad."))
    return _back(request, join_request.project)


@login_required
@require_POST
def invitation_answer(request, pk: int, invitation_id: int):
    # Someone else's invitation does not exist for you (404), so ids cannot be probed.
    invitation = get_object_or_404(
        ProjectInvitation.objects.select_related("project"),
        pk=invitation_id,
        project_id=pk,
        user=request.user,
    )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return redirect("projects:my_projects")
    try:
        services.invitation_answer(invitation=invitation, user=request.user, accept=form.accepted)
    except ValidationError as error:
        _fail(request, error)
        return redirect("projects:my_projects")
    if form.accepted:
        messages.success(request, _("Välkommen i teamet!"))
        return redirect("projects:project_detail", pk=pk)
    messages.success(request, _("Du har tackat nej till inbjudan."))
    return redirect("projects:my_projects")


@login_required
@require_POST
def invitation_withdraw(request, pk: int, invitation_id: int):
    invitation = get_object_or_404(
        ProjectInvitation.objects.select_related("project"), pk=invitation_id, project_id=pk
    )
    if not perms.can_withdraw_invitation(request.user, invitation):
        raise PermissionDenied
    try:
        services.invitation_withdraw(invitation=invitation, by=request.user)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Inbjudan är återkallad."))
    return _back(request, invitation.project)


@login_required
@require_POST
def project_leave(request, pk: int):
    project = project_or_404(pk, request.user)
    if not perms.is_project_member(request.user, project):
        raise PermissionDenied
    try:
        services.member_leave(project=project, user=request.user)
    except ValidationError as error:
        _fail(request, error)
        return redirect("projects:project_detail", pk=pk)
    messages.success(request, _("Du har lämnat teamet."))
    return redirect("projects:my_projects")


@login_required
@require_POST
def lead_hand_over(request, pk: int):
    project = project_or_404(pk, request.user)
    if not perms.can_hand_over_lead(request.user, project):
        raise PermissionDenied
    members = [m for m in project.memberships.all() if m.role != MemberRole.LEAD]
    for m in members:
        m.display_name = member_display_name(m.user)
    form = HandOverForm(request.POST, members=members)
    if form.is_valid():
        to = next(m.user for m in members if m.user_id == form.cleaned_data["user"])
        try:
            services.lead_hand_over(project=project, by=request.user, to=to)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(
                request,
                _("%(name)s är nu projektledare.") % {"name": member_display_name(to)},
            )
    return redirect("projects:project_detail", pk=pk)


@login_required
@require_POST
def project_status(request, pk: int):
    project = project_or_404(pk, request.user)
    if not perms.can_change_status(request.user, project):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.project_set_status(
                project=project,
                by=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except (PermissionDenied, ValidationError) as error:
            _fail(request, error)
        else:
            messages.success(request, _("Projektets status är ändrad."))
    return redirect("projects:project_detail", pk=pk)


@login_required
def project_edit(request, pk: int):
    project = project_or_404(pk, request.user)
    if not perms.can_edit_project(request.user, project):
        raise PermissionDenied
    if request.method == "POST":
        form = ProjectForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.project_update(
                    project=project,
                    by=request.user,
                    title=data["title"],
                    goal=data["goal"],
                    description=data["description"],
                    needed_skills=data["needed_skills"],
                    wanted_actor_mix=form.mix(),
                    visibility=data["visibility"],
                    max_team_size=data["max_team_size"],
                    districts=data["districts"],
                    themes=data["themes"],
                )
            except ValidationError as error:
                form.add_error(None, services.error_message(error))
            else:
                messages.success(request, _("Projektet är sparat."))
                return redirect("projects:project_detail", pk=pk)
    else:
        form = ProjectForm(initial=ProjectForm.initial_for(project))
    status = 400 if form.is_bound else 200
    return render(
        request, "projects/project_form.html", {"project": project, "form": form}, status=status
    )


@login_required
@require_POST
def role_add(request, pk: int):
    project = project_or_404(pk, request.user)
    if not perms.can_manage_project(request.user, project):
        raise PermissionDenied
    form = RoleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.role_add(
                project=project,
                by=request.user,
                title=data["title"],
                description=data["description"],
                skills=data["skills"],
                hours_per_month=data["hours_per_month"],
            )
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("Rollen är tillagd."))
    else:
        messages.error(request, _("Ge rollen ett namn och kontrollera timmarna."))
    return redirect("projects:project_detail", pk=pk)


@login_required
@require_POST
def role_close(request, pk: int, role_id: int):
    role = get_object_or_404(
        ProjectRole.objects.select_related("project"), pk=role_id, project_id=pk
    )
    if not perms.can_manage_project(request.user, role.project):
        raise PermissionDenied
    services.role_close(role=role, by=request.user)
    messages.success(request, _("Rollen är stängd."))
    return redirect("projects:project_detail", pk=pk)


@login_required
@require_POST
def partner_answer(request, pk: int, partner_id: int):
    partner = get_object_or_404(
        ProjectPartner.objects.select_related("project", "organisation"),
        pk=partner_id,
        project_id=pk,
    )
    if not perms.can_answer_partnership(request.user, partner):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.partner_answer(partner=partner, by=request.user, accept=form.accepted)
        messages.success(request, _("Svaret är sparat."))
    return _back(request, partner.project)


@login_required
@require_POST
def partner_propose(request, pk: int):
    project = project_or_404(pk, request.user)
    if not perms.can_propose_partner(request.user, project):
        raise PermissionDenied
    organisation = (
        selectors.partner_candidates(project)
        .filter(pk=_id(request.POST.get("organisation")))
        .first()
    )
    if organisation is None:
        messages.error(request, _("Välj en organisation som anmält sig till utmaningen."))
        return redirect("projects:project_detail", pk=pk)
    try:
        services.partner_propose(project=project, by=request.user, organisation=organisation)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(
            request,
            _("%(org)s har fått frågan om att bli partner.") % {"org": organisation.name},
        )
    return redirect("projects:project_detail", pk=pk)


def _id(raw) -> int:
    raw = str(raw or "")
    return int(raw) if raw.isdigit() and len(raw) <= 18 else 0


@login_required
@require_POST
def partner_offer(request, pk: int):
    project = project_or_404(pk, request.user)
    organisation = get_object_or_404(Organisation, pk=_id(request.POST.get("organisation")))
    if not perms.can_offer_partnership(request.user, project, organisation):
        raise PermissionDenied
    try:
        services.partner_offer(project=project, by=request.user, organisation=organisation)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Projektledaren har fått ert erbjudande."))
    return redirect("projects:project_detail", pk=pk)


@login_required
@require_POST
def project_from_idea(request, idea_id: int):
    idea = get_object_or_404(Idea.objects.select_related("challenge"), pk=idea_id)
    if not perms.can_start_project(request.user, idea=idea):
        raise PermissionDenied
    try:
        project = services.project_from_idea(idea=idea, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        _fail(request, error)
        return redirect("projects:idea_detail", pk=idea.pk)
    messages.success(request, _("Projektet är startat. Lägg till de roller teamet behöver."))
    return redirect("projects:project_detail", pk=project.pk)


@login_required
def my_projects(request):
    data = selectors.my_projects(user=request.user)
    return render(
        request,
        "projects/my_projects.html",
        {
            "data": data,
            "pending_requests": [r for r in data.requests if r.status == RequestStatus.PENDING],
            "closed_requests": [r for r in data.requests if r.status != RequestStatus.PENDING][:10],
        },
    )
