"""Onboarding after the first log-in: four short steps, each skippable, resumable later."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from people.forms.onboarding import STEPS
from people.selectors.profiles import tag_names
from people.services.profiles import (
    ONBOARDING_STEPS,
    onboarding_advance,
    profile_ensure,
    profile_update,
)


@login_required
def onboarding_start(request: HttpRequest) -> HttpResponse:
    """Resume where the member left off (the first step not yet saved or skipped)."""
    profile = profile_ensure(user=request.user)
    if profile.onboarding_completed_at is not None:
        return redirect("people:onboarding_step", step=1)
    return redirect(
        "people:onboarding_step", step=min(profile.onboarding_step + 1, ONBOARDING_STEPS)
    )


@login_required
def onboarding_step(request: HttpRequest, step: int) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    profile = profile_ensure(user=request.user)
    form_class, title = STEPS[step]
    if request.method == "POST":
        form = form_class(request.POST)
        skipped = "skip" in request.POST
        if skipped or form.is_valid():
            if not skipped:
                try:
                    profile_update(profile=profile, **form.service_kwargs())
                except ValidationError as error:
                    form.add_error(None, error.messages)
            if skipped or not form.errors:
                onboarding_advance(profile=profile, step=step)
                if step < ONBOARDING_STEPS:
                    return redirect("people:onboarding_step", step=step + 1)
                messages.success(
                    request,
                    _(
                        "Välkommen till Umecom! Du kan ändra allt detta när du vill under "
                        "Min profil."
                    ),
                )
                return redirect("people:my_profile")
    else:
        form = form_class(initial=form_class.initial_for(profile))
    context = {
        "form": form,
        "step": step,
        "steps": ONBOARDING_STEPS,
        "step_title": title,
        "previous_step": step - 1 if step > 1 else None,
        "profile": profile,
    }
    if step == 2:
        context["skill_names"] = tag_names(tag_set="kompetens")
        context["interest_names"] = tag_names(tag_set="intresse")
    return render(request, "people/onboarding_step.html", context)
