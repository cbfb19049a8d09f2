"""Joining a challenge (as yourself or for your organisation) and withdrawing."""

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
from people.forms.commitments import CommitmentForm
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
    return challenge


@login_required
def challenge_join(request, challenge_id: int):
    challenge = _challenge_or_404(challenge_id)
    user = request.user
    accepting = permissions.challenge_accepts_commitments(challenge)
    # Only organisations the user may speak for are offered.
    organisations = [
        org
        for org in organisations_for_user(user=user)
        if permissions.can_join_challenge(user, challenge, org)
    ]
    form = CommitmentForm(request.POST or None, organisations=organisations)
    requested = request.POST.get("participant") or ""
    if requested and requested not in {str(org.pk) for org in organisations}:
        raise PermissionDenied  # speaking for an organisation one is not a member of
    if request.method == "POST":
        if not accepting:
            messages.error(request, _("Utmaningen tar inte emot nya deltagare just nu."))
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
                    _("Tack! Innovationsteamet hör av sig när de har läst er anmälan."),
                )
                return redirect("people:challenge_join", challenge_id=challenge.pk)
    return render(
        request,
        "people/commitment_form.html",
        {
            "challenge": challenge,
            "accepting": accepting,
            "form": form,
            "my_commitments": live_commitments_for(user=user, challenge=challenge),
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
        messages.success(request, _("Ert åtagande är återkallat."))
    return redirect("people:challenge_join", challenge_id=commitment.challenge_id)
