"""Profile pages: "Min profil" (edit your own), a person's page, and tag suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from people.forms.profile import LinkFormSet, ProfileForm
from people.models import Profile, Visibility
from people.permissions import can_edit_profile, can_view_hidden_profiles, can_view_profile
from people.selectors.organisations import invitations_for_user
from people.selectors.profiles import TAG_SETS, profile_for_detail, tag_names, tag_suggestions
from people.services.profiles import profile_ensure, profile_update


def _datalists() -> dict:
    return {
        "skill_names": tag_names(tag_set="kompetens"),
        "interest_names": tag_names(tag_set="intresse"),
    }


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    if not can_edit_profile(request.user, profile):  # pragma: no cover - owner by construction
        raise Http404
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile)
        links = LinkFormSet(request.POST, instance=profile, prefix="links")
        if form.is_valid() and links.is_valid():
            try:
                profile_update(profile=profile, links=links.links(), **form.service_kwargs())
            except ValidationError as error:
                # The service re-checks the model rules; show them instead of failing.
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Din profil är sparad."))
                return redirect("people:my_profile")
        messages.error(request, _("Profilen sparades inte. Rätta felen nedan och försök igen."))
    else:
        form = ProfileForm(instance=profile)
        links = LinkFormSet(instance=profile, prefix="links")
    return render(
        request,
        "people/profile_edit.html",
        {
            "form": form,
            "links": links,
            "profile": profile,
            "invitation_count": invitations_for_user(user=request.user).count(),
            **_datalists(),
        },
    )


def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = profile_for_detail(pk=pk)
    if profile is None:
        raise Http404
    if not can_view_profile(request.user, profile):
        # Members-only profiles exist for signed-in members: ask anonymous visitors to log in.
        # Hidden profiles must not reveal that they exist at all, hence 404.
        if not request.user.is_authenticated and profile.visibility == Visibility.MEMBERS:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return render(
        request,
        "people/profile_detail.html",
        {
            "profile": profile,
            "is_owner": can_edit_profile(request.user, profile),
            "viewer_is_staff": profile.visibility == Visibility.HIDDEN
            and can_view_hidden_profiles(request.user),
        },
    )


@require_GET
@login_required
def tag_autocomplete(request: HttpRequest) -> JsonResponse:
    tag_set = request.GET.get("typ", "")
    if tag_set not in TAG_SETS:
        return JsonResponse(
            {"error": _("Okänd typ av taggar. Använd typ=kompetens eller typ=intresse.")},
            status=400,
        )
    return JsonResponse({"tags": tag_suggestions(tag_set=tag_set, query=request.GET.get("q", ""))})


@require_GET
def avatar(request: HttpRequest, pk: int) -> HttpResponse:
    """The avatar file, only for those who may see the profile (404 otherwise, like the page)."""
    profile = Profile.objects.filter(pk=pk).only("user_id", "visibility", "avatar").first()
    if profile is None or not profile.avatar or not can_view_profile(request.user, profile):
        raise Http404
    try:
        handle = profile.avatar.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle)  # content type from the stored name (jpg, png or webp)
    # Private: a shared cache must never keep a members-only face.
    response["Cache-Control"] = "private, max-age=3600"
    return response
