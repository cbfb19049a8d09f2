"""Matchmaking pages: suggestions for a project, the team builder, and "Projekt som behöver
dig" with the person's one-click switch. Thin: permissions_teams decides, the matchmaking
service scores, teams' `invite` invites."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions_teams as perms
from ..models import Project, ProjectStatus
from ..selectors import teams as selectors
from ..services import matchmaking
from ..services import teams as team_services

TEAM_SIZES = (2, 3, 4, 5)


def _managed_project(request, pk: int):
    # Only what the rules and the page need (the project page's selector prefetches more).
    project = Project.objects.select_related("challenge").filter(pk=pk).first()
    if project is None or not perms.can_view_project(request.user, project):
        raise Http404
    if not perms.can_manage_project(request.user, project):
        raise PermissionDenied
    return project


def _role(project, request):
    value = request.GET.get("roll") or request.POST.get("role") or ""
    if not value.isdigit():
        return None
    return next((r for r in selectors.open_roles(project) if r.pk == int(value)), None)


@login_required
def suggestions(request, pk: int):
    project = _managed_project(request, pk)
    role = _role(project, request)
    return render(
        request,
        "projects/suggestions.html",
        {
            "project": project,
            "roles": selectors.open_roles(project),
            "role": role,
            "suggestions": matchmaking.suggest_people(request.user, project, role=role),
            "can_invite": perms.can_invite(request.user, project),
        },
    )


@login_required
@require_POST
def suggestion_invite(request, pk: int):
    project = _managed_project(request, pk)
    role = _role(project, request)
    user_id = request.POST.get("user", "")
    invitee = (
        get_user_model().objects.filter(pk=int(user_id)).first() if user_id.isdigit() else None
    )
    if invitee is None:
        raise Http404
    try:
        team_services.invite(request.user, project, invitee, role=role, via_suggestion=True)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, team_services.error_message(error))
    else:
        messages.success(request, _("Inbjudan är skickad."))
    target = request.POST.get("from") == "teambyggare"
    return redirect("projects:team_builder" if target else "projects:suggestions", pk=project.pk)


@login_required
def team_builder(request, pk: int):
    project = _managed_project(request, pk)
    size = request.GET.get("storlek", "3")
    size = int(size) if size.isdigit() and int(size) in TEAM_SIZES else 3
    forming = project.status == ProjectStatus.FORMING
    return render(
        request,
        "projects/team_builder.html",
        {
            "project": project,
            "size": size,
            "sizes": TEAM_SIZES,
            "forming": forming,
            "teams": matchmaking.build_teams(request.user, project, size) if forming else [],
            "can_invite": perms.can_invite(request.user, project),
        },
    )


@login_required
def for_you(request):
    from people.models import Profile

    profile = Profile.objects.filter(user=request.user).first()
    return render(
        request,
        "projects/for_you.html",
        {
            "profile": profile,
            "projects": matchmaking.suggest_projects_for(request.user),
            "challenges": matchmaking.suggest_challenges_for(request.user),
        },
    )


@login_required
@require_POST
def findable_switch(request):
    findable = request.POST.get("findable") == "1"
    matchmaking.set_findable(request.user, findable)
    if findable:
        messages.success(
            request, _("Klart: du kan nu föreslås för projekt som behöver det du kan.")
        )
    else:
        messages.success(
            request,
            _("Klart: du visas inte längre i förslag. Du kan slå på det igen när du vill."),
        )
    return redirect("projects:for_you")
