"""Public idea pages: propose and edit (drafts), the idea page, support, follow, flag and
co-authors, and the "similar ideas" endpoint. Views authenticate, ask projects/permissions.py,
call a service, and say what happened in the visitor's language."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from people.models import Profile, Visibility
from umecom.i18n import in_active_language

from .. import permissions, ratelimit
from ..forms import CoAuthorInviteForm, FlagForm, IdeaForm, new_client_token
from ..models import CoAuthorStatus, Idea, IdeaCoAuthor, IdeaStatus
from ..permissions_teams import can_start_project
from ..selectors.ideas import (
    idea_history,
    ideas_of_user,
    invitations_for,
    similar_ideas,
    viewer_state,
)
from ..services import ideas as services
from .common import challenge_or_404, idea_or_404, own_idea_or_404

RATE_LIMITED = {
    "idea_propose": gettext_lazy(
        "Du har föreslagit många idéer på kort tid. Vänta en stund och försök igen."
    ),
    "idea_support": gettext_lazy(
        "Du har gett stöd många gånger på kort tid. Vänta en stund och försök igen."
    ),
    "idea_flag": gettext_lazy(
        "Du har anmält många idéer på kort tid. Vänta en stund och försök igen."
    ),
}


def _rate_limited(request, action: str) -> bool:
    if ratelimit.allowed(request, action):
        return False
    messages.error(request, str(RATE_LIMITED[action]))
    return True


def _relations(form: IdeaForm) -> dict:
    data = form.cleaned_data
    return {
        "themes": data["themes"],
        "districts": data["districts"],
        "tags": data["tags"],
    }


def _similar_for(challenge, form: IdeaForm, exclude_pk=None):
    text = f"{form.cleaned_data.get('title', '')} {form.cleaned_data.get('summary', '')}"
    return similar_ideas(challenge=challenge, text=text, exclude_pk=exclude_pk)


def _save(request, form: IdeaForm, *, challenge, idea: Idea | None) -> Idea | None:
    """Create (idea is None) or update from a valid form and say what happened; None when a
    rule refused, with the reason on the form."""
    data = form.cleaned_data
    fields = {
        "title": data["title"],
        "summary": data["summary"],
        "description": data["description"],
        "image": data["image"],
        "image_alt": data["image_alt"],
        "attachments": data["attachments"],
        **_relations(form),
    }
    submit = request.POST.get("action") == "submit"
    try:
        if idea is None:
            idea = services.idea_create(
                challenge=challenge,
                author=request.user,
                language=get_language() or "sv",
                client_token=data["client_token"],
                submit=submit,
                **fields,
            )
            if idea.status == IdeaStatus.SUBMITTED:
                messages.success(
                    request,
                    _("Tack! Din idé är inskickad. Innovationsteamet läser den och "
                      "publicerar den eller hör av sig."),
                )  # fmt: skip
            else:
                messages.success(
                    request,
                    _("Utkastet är sparat. Du hittar det under Mina idéer och kan "
                      "skicka in det när du är klar."),
                )  # fmt: skip
            return idea
        services.idea_update(
            idea=idea,
            by=request.user,
            remove_image=data.get("remove_image", False),
            remove_attachments=[a.pk for a in data.get("remove_attachments") or []],
            **fields,
        )
        if submit:
            services.idea_submit(idea=idea, by=request.user)
            messages.success(request, _("Din idé är inskickad till innovationsteamet."))
        else:
            messages.success(request, _("Ändringarna är sparade."))
        return idea
    except services.IdeaError as error:
        form.add_error(None, str(error))
        return None


def _idea_form(request, *, challenge, idea: Idea | None = None):
    """Propose (idea is None) or edit: one form, one page. Only a new idea gets the similar-
    ideas check and the rate limit; an edit keeps its idea's image and attachments."""
    similar = []
    options = {"has_image": bool(idea and idea.image), "idea": idea}
    if request.method == "POST":
        form = IdeaForm(request.POST, request.FILES, **options)
        if form.is_valid():
            if idea is None and not form.cleaned_data["similar_checked"]:
                similar = _similar_for(challenge, form)
            if similar:
                # Without JavaScript the check runs here: show the look-alikes once, then the
                # same button sends the idea anyway.
                data = request.POST.copy()
                data["similar_checked"] = "1"
                form = IdeaForm(data, **options)
                form.is_valid()
                messages.info(
                    request,
                    _("Det finns idéer som liknar din. Titta på dem innan du skickar: kanske vill "
                      "du stödja en av dem i stället? Välj bilden och bilagorna igen om du hade "
                      "valt några."),
                )  # fmt: skip
            elif idea is None and _rate_limited(request, "idea_propose"):
                pass
            else:
                saved = _save(request, form, challenge=challenge, idea=idea)
                if saved is not None:
                    return redirect("projects:idea_detail", pk=saved.pk)
    else:
        initial = IdeaForm.initial_for(idea) if idea else {"client_token": new_client_token()}
        form = IdeaForm(initial=initial, **options)
    return render(
        request,
        "projects/idea_form.html",
        {"challenge": challenge, "form": form, "similar": similar, "idea": idea},
    )


@login_required
def idea_propose(request, challenge_id: int):
    challenge = challenge_or_404(challenge_id)
    if not permissions.challenge_open_for_ideas(challenge):
        return render(request, "projects/idea_closed.html", {"challenge": challenge}, status=200)
    return _idea_form(request, challenge=challenge)


@login_required
def idea_edit(request, pk: int):
    idea = own_idea_or_404(pk, request.user)
    if not permissions.can_edit_idea(request.user, idea):
        raise PermissionDenied
    return _idea_form(request, challenge=idea.challenge, idea=idea)


@login_required
@require_POST
def idea_submit(request, pk: int):
    idea = own_idea_or_404(pk, request.user)
    if not permissions.can_submit_idea(request.user, idea):
        raise PermissionDenied
    try:
        services.idea_submit(idea=idea, by=request.user)
    except services.IdeaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Din idé är inskickad till innovationsteamet."))
    return redirect("projects:idea_detail", pk=idea.pk)


@login_required
@require_POST
def idea_delete(request, pk: int):
    idea = own_idea_or_404(pk, request.user)
    if not permissions.can_delete_idea(request.user, idea):
        raise PermissionDenied
    services.idea_delete_draft(idea=idea, by=request.user)
    messages.success(request, _("Utkastet är borttaget."))
    return redirect("projects:my_ideas")


def idea_detail(request, pk: int):
    user = request.user
    idea = idea_or_404(pk, user)
    state = viewer_state(idea=idea, user=user)
    coauthors = list(idea.coauthors.all())
    my_invitation = next(
        (
            c
            for c in coauthors
            if user.is_authenticated and c.user_id == user.pk and c.status == CoAuthorStatus.INVITED
        ),
        None,
    )
    can_history = permissions.can_view_history(user, idea)
    context = {
        "idea": idea,
        "challenge": in_active_language(idea.challenge),
        "accepted_coauthors": [c for c in coauthors if c.status == CoAuthorStatus.ACCEPTED],
        "pending_coauthors": [c for c in coauthors if c.status != CoAuthorStatus.ACCEPTED]
        if permissions.can_invite_coauthor(user, idea)
        else [],
        "my_invitation": my_invitation,
        "supports": state["supports"],
        "follows": state["follows"],
        "is_author": permissions.is_author(user, idea),
        "is_public": permissions.is_publicly_visible(idea),
        "can_edit": permissions.can_edit_idea(user, idea),
        "can_submit": permissions.can_submit_idea(user, idea),
        "can_delete": permissions.can_delete_idea(user, idea),
        "can_support": permissions.can_support_idea(user, idea),
        "can_follow": permissions.can_follow_idea(user, idea),
        "can_flag": permissions.can_flag_idea(user, idea),
        "can_invite": permissions.can_invite_coauthor(user, idea),
        "can_start_project": can_start_project(user, idea=idea),
        "invite_form": CoAuthorInviteForm(),
        "history": list(idea_history(idea=idea)) if can_history else None,
        "themes": list(idea.themes.all()),
        "districts": list(idea.districts.all()),
        "tags": list(idea.tags.all()),
        "attachments": list(idea.attachments.all()),
    }
    return render(request, "projects/idea_detail.html", context)


@login_required
@require_POST
def idea_support(request, pk: int):
    idea = idea_or_404(pk, request.user)
    if request.POST.get("action") == "withdraw":
        if services.idea_unsupport(idea=idea, user=request.user):
            messages.success(request, _("Du stöder inte längre idén."))
        return redirect("projects:idea_detail", pk=idea.pk)
    if not permissions.can_support_idea(request.user, idea):
        raise PermissionDenied
    if not _rate_limited(request, "idea_support"):
        try:
            services.idea_support(idea=idea, user=request.user)
        except services.IdeaError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, _("Tack för ditt stöd!"))
    return redirect("projects:idea_detail", pk=idea.pk)


@login_required
@require_POST
def idea_follow(request, pk: int):
    idea = idea_or_404(pk, request.user)
    follow = request.POST.get("follow") != "0"
    if follow and not permissions.can_follow_idea(request.user, idea):
        raise PermissionDenied
    services.idea_follow(idea=idea, user=request.user, follow=follow)
    if follow:
        messages.success(request, _("Du följer nu idén och får notiser när något händer."))
    else:
        messages.success(request, _("Du följer inte längre idén."))
    return redirect("projects:idea_detail", pk=idea.pk)


@login_required
@require_POST
def challenge_follow(request, challenge_id: int):
    challenge = challenge_or_404(challenge_id)
    follow = request.POST.get("follow") != "0"
    services.challenge_follow(challenge=challenge, user=request.user, follow=follow)
    if follow:
        messages.success(request, _("Du följer nu utmaningen och får veta när nya idéer kommer."))
    else:
        messages.success(request, _("Du följer inte längre utmaningen."))
    return redirect(challenge.get_url(request) or "/")


@login_required
def idea_flag(request, pk: int):
    idea = idea_or_404(pk, request.user)
    if not permissions.can_flag_idea(request.user, idea):
        raise PermissionDenied
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _rate_limited(request, "idea_flag"):
        try:
            services.idea_flag(
                idea=idea,
                user=request.user,
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
            )
        except services.IdeaError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, _("Tack! En moderator tittar på idén."))
        return redirect("projects:idea_detail", pk=idea.pk)
    return render(request, "projects/idea_flag.html", {"idea": idea, "form": form})


@login_required
@require_POST
def coauthor_invite(request, pk: int):
    idea = own_idea_or_404(pk, request.user)
    if not permissions.can_invite_coauthor(request.user, idea):
        raise PermissionDenied
    form = CoAuthorInviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv namnet på den du vill bjuda in."))
        return redirect("projects:idea_detail", pk=idea.pk)
    name = " ".join(form.cleaned_data["name"].split())
    # Only people who can be found at all: a hidden profile is never matched by name.
    matches = list(
        Profile.objects.filter(display_name__iexact=name, user__is_active=True)
        .exclude(visibility=Visibility.HIDDEN)
        .select_related("user")[:2]
    )
    if len(matches) != 1:
        if matches:
            messages.error(
                request, _("Flera personer heter så. Be personen om ett mer unikt visningsnamn.")
            )
        else:
            messages.error(request, _("Vi hittar ingen med namnet ”%(name)s”.") % {"name": name})
        return redirect("projects:idea_detail", pk=idea.pk)
    try:
        services.coauthor_invite(idea=idea, by=request.user, user=matches[0].user)
    except services.IdeaError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s är inbjuden och syns som medförfattare när hen har tackat ja.")
            % {"name": matches[0].display_name},
        )
    return redirect("projects:idea_detail", pk=idea.pk)


@login_required
@require_POST
def coauthor_answer(request, pk: int):
    # An invited person may not see a draft yet; the invitation itself is the permission.
    invitation = (
        IdeaCoAuthor.objects.select_related("idea")
        .filter(idea_id=pk, user=request.user, status=CoAuthorStatus.INVITED)
        .first()
    )
    if invitation is None:
        raise Http404
    idea: Idea = invitation.idea
    accept = request.POST.get("answer") == "accept"
    services.coauthor_answer(idea=idea, user=request.user, accept=accept)
    if accept:
        messages.success(request, _("Du är nu medförfattare till idén."))
        return redirect("projects:idea_detail", pk=idea.pk)
    messages.success(request, _("Du har tackat nej till inbjudan."))
    return redirect("projects:my_ideas")


@login_required
def my_ideas(request):
    return render(
        request,
        "projects/my_ideas.html",
        {
            "ideas": list(ideas_of_user(user=request.user)),
            "invitations": list(invitations_for(user=request.user)),
        },
    )


@require_GET
def similar(request):
    """JSON for the propose form's "similar ideas" box (progressive enhancement)."""
    raw_challenge = request.GET.get("utmaning", "")
    raw_exclude = request.GET.get("utom", "")
    if not raw_challenge.isdigit() or len(raw_challenge) > 18:
        raise Http404
    if raw_exclude and (not raw_exclude.isdigit() or len(raw_exclude) > 18):
        raise Http404
    challenge = challenge_or_404(int(raw_challenge))
    text = request.GET.get("q", "")[:300]
    results = similar_ideas(
        challenge=challenge, text=text, exclude_pk=int(raw_exclude) if raw_exclude else None
    )
    return JsonResponse(
        {
            "results": [
                {
                    "title": r.title,
                    "summary": r.summary[:200],
                    "support_count": r.support_count,
                    "url": reverse("projects:idea_detail", args=[r.pk]),
                }
                for r in results
            ]
        }
    )
