"""Lookups shared by the idea views: a missing, hidden or malformed id is a 404, never a 500."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

from challenges.models import ChallengePage, ChallengePhase
from umecom import published_cache

from .. import permissions
from ..models import Idea
from ..selectors.ideas import idea_for_detail


def challenge_or_404(challenge_id: int) -> ChallengePage:
    challenge = (
        # Wagtail's .public() with the view restrictions from the cache (it would query them).
        ChallengePage.objects.live()
        .exclude(published_cache.private_pages_q())
        .filter(pk=challenge_id)
        .select_related("locale")
        .prefetch_related(
            Prefetch("phases", queryset=ChallengePhase.objects.order_by("start_date"))
        )
        .first()
    )
    if challenge is None:
        raise Http404
    return challenge


def idea_or_404(pk: int, user) -> Idea:
    """The idea, if this user may see it: others' drafts and hidden ideas do not exist."""
    idea = idea_for_detail(pk=pk)
    if idea is None or not permissions.can_view_idea(user, idea):
        raise Http404
    return idea


def own_idea_or_404(pk: int, user) -> Idea:
    idea = Idea.objects.select_related("challenge").filter(pk=pk).first()
    if idea is None or not permissions.can_view_idea(user, idea):
        raise Http404
    return idea
