"""Who may do what with ideas — in one place.

Plain functions of (user, object), like people/permissions.py (whose helpers these reuse);
views, the Wagtail admin and templates call them, and tests/projects/test_permissions.py walks
every role through every action and idea status as a table, as calls and over HTTP.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from people.permissions import _signed_in
from umecom.roles import MODERATORS, in_group, is_innovation_team

from .models import (
    ACTIVE_STATUSES,
    EDITABLE_STATUSES,
    HIDDEN_MODERATION,
    PUBLIC_STATUSES,
    CoAuthorStatus,
    IdeaStatus,
)

if TYPE_CHECKING:
    from challenges.models import ChallengePage

    from .models import Idea


def challenge_open_for_ideas(challenge: ChallengePage) -> bool:
    """Whether the challenge takes new ideas today (its phases and idea deadline decide).

    The one place ideas ask; when challenges/phases.py gains its own rule for the effective
    deadline, only this function changes.
    """
    return challenge is not None and challenge.live and challenge.is_open_for_ideas


def is_staff_reviewer(user) -> bool:
    return is_innovation_team(user)


def is_moderator(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or in_group(
        user, MODERATORS
    )


def is_author(user, idea: Idea) -> bool:
    """The author or an accepted co-author (cached per idea and user for the request)."""
    if not _signed_in(user):
        return False
    if idea.author_id == user.pk:
        return True
    cache = idea.__dict__.setdefault("_accepted_coauthor_ids", None)
    if cache is None:
        if "coauthors" in getattr(idea, "_prefetched_objects_cache", {}):
            cache = {c.user_id for c in idea.coauthors.all() if c.status == CoAuthorStatus.ACCEPTED}
        else:
            cache = set(
                idea.coauthors.filter(status=CoAuthorStatus.ACCEPTED).values_list(
                    "user_id", flat=True
                )
            )
        idea.__dict__["_accepted_coauthor_ids"] = cache
    return user.pk in cache


def is_publicly_visible(idea: Idea) -> bool:
    return idea.status in PUBLIC_STATUSES and idea.moderation not in HIDDEN_MODERATION


def can_propose_idea(user, challenge: ChallengePage) -> bool:
    return _signed_in(user) and challenge_open_for_ideas(challenge)


def moderator_may_see(user, idea: Idea) -> bool:
    """Moderators see what they moderate: ideas that were out in public (published,
    shortlisted, merged, archived), also while hidden. Drafts, submitted, returned and
    declined ideas are between the authors and the innovation team (issue 14)."""
    return idea.status in PUBLIC_STATUSES and is_moderator(user)


def can_view_idea(user, idea: Idea) -> bool:
    """Public ideas: anyone. Drafts, submitted, returned and declined ideas: their authors,
    whoever is invited to co-author them, and the innovation team. Hidden ideas: also
    moderators. Attachments and the image follow this rule too (projects/views/files.py)."""
    if is_publicly_visible(idea):
        return True
    return (
        is_author(user, idea)
        or is_staff_reviewer(user)
        or moderator_may_see(user, idea)
        or _invited_to_coauthor(user, idea)
    )


def _invited_to_coauthor(user, idea: Idea) -> bool:
    """Someone invited to co-author reads what they are asked to sign before they answer."""
    if not _signed_in(user):
        return False
    if "coauthors" in getattr(idea, "_prefetched_objects_cache", {}):
        return any(
            c.user_id == user.pk and c.status == CoAuthorStatus.INVITED
            for c in idea.coauthors.all()
        )
    return idea.coauthors.filter(user=user, status=CoAuthorStatus.INVITED).exists()


def can_edit_idea(user, idea: Idea) -> bool:
    return idea.status in EDITABLE_STATUSES and is_author(user, idea)


def can_submit_idea(user, idea: Idea) -> bool:
    return (
        idea.status in (IdeaStatus.DRAFT, IdeaStatus.RETURNED)
        and is_author(user, idea)
        and challenge_open_for_ideas(idea.challenge)
    )


def can_delete_idea(user, idea: Idea) -> bool:
    """Only a draft goes away entirely; anything the team has seen stays in the history."""
    return idea.status == IdeaStatus.DRAFT and _signed_in(user) and idea.author_id == user.pk


def can_invite_coauthor(user, idea: Idea) -> bool:
    return (
        _signed_in(user)
        and idea.author_id == user.pk
        and idea.status not in (IdeaStatus.DECLINED, IdeaStatus.MERGED, IdeaStatus.ARCHIVED)
    )


def can_support_idea(user, idea: Idea) -> bool:
    """Signed in, the idea is out and collecting support, and it is not one's own."""
    return (
        _signed_in(user)
        and idea.status in ACTIVE_STATUSES
        and idea.moderation not in HIDDEN_MODERATION
        and not is_author(user, idea)
    )


def can_follow_idea(user, idea: Idea) -> bool:
    return _signed_in(user) and is_publicly_visible(idea)


def can_flag_idea(user, idea: Idea) -> bool:
    return _signed_in(user) and is_publicly_visible(idea) and not is_author(user, idea)


def can_view_history(user, idea: Idea) -> bool:
    return is_author(user, idea) or is_staff_reviewer(user) or moderator_may_see(user, idea)


def can_view_attachment(user, idea: Idea) -> bool:
    """The idea's files go with the idea: whoever may see it may download them."""
    return can_view_idea(user, idea)


def can_manage_attachments(user, idea: Idea) -> bool:
    """Add or remove files: the authors, while they may still edit the idea."""
    return can_edit_idea(user, idea)


def can_review_idea(user) -> bool:
    """Publish, return, decline, shortlist, merge, archive, export: the innovation team."""
    return is_innovation_team(user)


def can_moderate_idea(user) -> bool:
    """Hide or restore a flagged idea: the Moderatorer group (and superusers)."""
    return is_moderator(user)


def can_view_ideas_admin(user) -> bool:
    return can_review_idea(user) or can_moderate_idea(user)
