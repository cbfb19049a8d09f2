"""Joining a challenge (as yourself or for your organisation) and withdrawing."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from challenges.models import ChallengePage, ChallengePhase
from people import permissions
from people.forms.commitments import AS_MYSELF, CommitmentForm
from people.models import Commitment
from people.selectors.commitments import live_commitments_for
from people.selectors.organisations import organisations_for_user
from people.services import commitments as services


def _challenge_or_404(challenge_id: int) -> ChallengePage:
    challenge = (
        ChallengePage.objects.live()
        .public()
        .filter(pk=challenge_id)
        .prefetch_related(
            Prefetch("phases", queryset=ChallengePhase.objects.order_by("start_date"))
        )
        .first()
    )
    if challenge is None:
        raise Http404
    # The English page is a translation of the same challenge: commitments always attach to
    # the page in the default language, so one person cannot join "both" challenges.
    if challenge.locale.language_code != settings.LANGUAGE_CODE:
        original = (
            ChallengePage.objects.live()
            .filter(
                translation_key=challenge.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .prefetch_related(
                Prefetch("phases", queryset=ChallengePhase.objects.order_by("start_date"))
            )
            .first()
        )
        challenge = original or challenge
    return challenge


@login_required
def challenge_join(request, challenge_id: int):
    challenge = _challenge_or_404(challenge_id)
    user = request.user
    accepting = permissions.challenge_accepts_commitments(challenge)
    mine = list(live_commitments_for(user=user, challenge=challenge))
    joined_orgs = {c.organisation_id for c in mine if c.organisation_id}
    joined_myself = any(c.organisation_id is None for c in mine)
    # Offered: the organisations the user may speak for that have not joined yet.
    speakable = [
        org
        for org in organisations_for_user(user=user)
        if permissions.can_join_challenge(user, challenge, org)
    ]
    form = CommitmentForm(
        request.POST or None,
        organisations=[org for org in speakable if org.pk not in joined_orgs],
        as_myself=not joined_myself,
        has_organisations=bool(speakable),
    )
    requested = request.POST.get("participant") or ""
    if requested and requested != AS_MYSELF and requested not in {str(o.pk) for o in speakable}:
        raise PermissionDenied  # speaking for an organisation one is not a member of
    if request.method == "POST":
        if not accepting:
            messages.error(request, _("Utmaningen tar inte emot nya deltagare just nu."))
        elif not form.has_choices:
            form.is_valid()
            form.add_error(None, _("Du är redan med i den här utmaningen."))
        elif form.is_valid():
            organisation = form.organisation()
            if not permissions.can_join_challenge(user, challenge, organisation):
                raise PermissionDenied
            try:
                services.commitment_create(
                    challenge=challenge,
                    user=user,
                    organisation=organisation,
                    offers=form.cleaned_data["offers"],
                    message=form.cleaned_data["message"],
                    language=get_language() or "sv",
                )
            except services.CommitmentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Tack! Innovationsteamet hör av sig när de har läst din anmälan."),
                )
                return redirect("people:challenge_join", challenge_id=challenge.pk)
    return render(
        request,
        "people/commitment_form.html",
        {
            "challenge": challenge,
            "accepting": accepting,
            "form": form,
            "my_commitments": mine,
        },
    )


@login_required
@require_POST
def commitment_withdraw(request, pk: int):
    commitment = get_object_or_404(Commitment.objects.select_related("organisation"), pk=pk)
    if not permissions.can_withdraw_commitment(request.user, commitment):
        raise PermissionDenied
    try:
        services.commitment_withdraw(commitment=commitment)
    except services.CommitmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Anmälan är återkallad."))
    return redirect("people:challenge_join", challenge_id=commitment.challenge_id)
