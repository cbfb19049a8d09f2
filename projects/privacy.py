"""Ideas in "Mina data" and in account deletion (registered from ProjectsConfig.ready()).

Deleting an account keeps public ideas (published, shortlisted, merged, archived) under
"Borttagen användare" with their co-authors, deletes everything not public (drafts, submitted,
returned, declined), and removes the person's supports, follows and flags; the support counts
of the ideas they supported are recounted. All inside `account_delete`'s transaction.
"""

from __future__ import annotations

from django.db.models import Count

from umecom.events import delete_files_on_commit, forget_cached_on_commit

from .models import (
    PUBLIC_STATUSES,
    ChallengeFollow,
    Idea,
    IdeaAttachment,
    IdeaCoAuthor,
    IdeaEvent,
    IdeaFlag,
    IdeaFollow,
    IdeaSupport,
)
from .selectors.ideas import followed_challenges_key


def _iso(value):
    return value.isoformat() if value else None


def export_ideas(*, user) -> list[dict]:
    ideas = (
        Idea.objects.filter(author=user)
        .select_related("challenge")
        .prefetch_related("themes", "districts", "tags", "attachments")
        .order_by("created_at")
    )
    return [
        {
            "challenge": idea.challenge.title,
            "title": idea.title,
            "summary": idea.summary,
            "description_html": idea.description,
            "status": idea.status,
            "status_reason": idea.status_reason,
            "moderation": idea.moderation,
            "moderation_reason": idea.moderation_reason,
            "themes": sorted(t.name for t in idea.themes.all()),
            "districts": sorted(d.name for d in idea.districts.all()),
            "tags": sorted(t.name for t in idea.tags.all()),
            "image": idea.image.name or None,
            "attachments": [
                {
                    "name": a.name,
                    "content_type": a.content_type,
                    "size": a.size,
                    "added_at": _iso(a.created_at),
                }
                for a in idea.attachments.all()
            ],  # fmt: skip
            "created_at": _iso(idea.created_at),
            "submitted_at": _iso(idea.submitted_at),
            "published_at": _iso(idea.published_at),
        }
        for idea in ideas
    ]


def export_coauthorships(*, user) -> list[dict]:
    return [
        {"idea": c.idea.title, "status": c.status, "invited_at": _iso(c.invited_at)}
        for c in IdeaCoAuthor.objects.filter(user=user).select_related("idea")
    ]


def export_supports(*, user) -> list[dict]:
    return [
        {"idea": s.idea.title, "created_at": _iso(s.created_at)}
        for s in IdeaSupport.objects.filter(user=user).select_related("idea")
    ]


def export_follows(*, user) -> dict:
    return {
        "ideas": [
            f.idea.title for f in IdeaFollow.objects.filter(user=user).select_related("idea")
        ],
        "challenges": [
            f.challenge.title
            for f in ChallengeFollow.objects.filter(user=user).select_related("challenge")
        ],
    }


def export_flags(*, user) -> list[dict]:
    return [
        {"idea": f.idea.title, "reason": f.reason, "comment": f.comment,
         "created_at": _iso(f.created_at)}
        for f in IdeaFlag.objects.filter(user=user).select_related("idea")
    ]  # fmt: skip


def delete_user_ideas(*, user) -> None:
    not_public = Idea.objects.filter(author=user).exclude(status__in=PUBLIC_STATUSES)
    images = [name for name in not_public.values_list("image", flat=True) if name]
    files = list(IdeaAttachment.objects.filter(idea__in=not_public).values_list("file", flat=True))
    not_public.delete()
    if images:
        delete_files_on_commit(Idea._meta.get_field("image").storage, *images)
    if files:
        delete_files_on_commit(IdeaAttachment._meta.get_field("file").storage, *files)
    # Public ideas stay; Idea.author is SET_NULL when the user row goes. History rows keep the
    # event but not who did it.
    IdeaEvent.objects.filter(actor=user).update(actor=None)
    supported = list(IdeaSupport.objects.filter(user=user).values_list("idea_id", flat=True))
    IdeaSupport.objects.filter(user=user).delete()
    for row in (
        Idea.objects.filter(pk__in=supported).annotate(n=Count("supports")).values("pk", "n")
    ):
        Idea.objects.filter(pk=row["pk"]).update(support_count=row["n"])
    IdeaFollow.objects.filter(user=user).delete()
    ChallengeFollow.objects.filter(user=user).delete()
    forget_cached_on_commit(followed_challenges_key(user.pk))
    IdeaFlag.objects.filter(user=user).delete()
