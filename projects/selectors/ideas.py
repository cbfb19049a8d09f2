"""Reads of ideas, with their prefetches, so a list of 20 or of 1,000 ideas costs the same
number of queries. Views, the admin and the challenge page's panel call these."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from challenges.models import ChallengePage
from challenges.selectors import challenge_family_ids
from umecom.taxonomy.models import District, Theme

from ..models import (
    ACTIVE_STATUSES,
    HIDDEN_MODERATION,
    PUBLIC_STATUSES,
    ChallengeFollow,
    CoAuthorStatus,
    Idea,
    IdeaCoAuthor,
    IdeaEvent,
    IdeaFollow,
    IdeaStatus,
    IdeaSupport,
)

SORTS = {
    "nyast": ("-published_at", "-pk"),
    "mest-stod": ("-support_count", "-published_at", "-pk"),
    "mest-diskuterade": ("-comment_count", "-published_at", "-pk"),
}
DEFAULT_SORT = "nyast"
# The statuses a visitor may filter the public list by.
LISTED_STATUSES = (IdeaStatus.PUBLISHED, IdeaStatus.SHORTLISTED, IdeaStatus.ARCHIVED)


def public_ideas() -> QuerySet[Idea]:
    return Idea.objects.filter(status__in=PUBLIC_STATUSES).exclude(moderation__in=HIDDEN_MODERATION)


def ideas_for_admin(*, user) -> QuerySet[Idea]:
    """The ideas a staff member may look at in the admin, the query form of
    permissions.can_view_idea for staff: the innovation team sees all, moderators the ideas
    that were out in public (hidden ones included), anyone else none."""
    from .. import permissions

    if permissions.is_staff_reviewer(user):
        return Idea.objects.all()
    if permissions.is_moderator(user):
        return Idea.objects.filter(status__in=PUBLIC_STATUSES)
    return Idea.objects.none()


# What names an idea's card (projects/cards.py) and marks the viewer's support. A list reads
# only these: building the query for an idea with its author's user and profile (some sixty
# columns) and prefetching its co-authors took longer than the page's other work together.
CARD_FIELDS = (
    "pk",
    "updated_at",
    "status",
    "support_count",
    "comment_count",
    "author_id",
    "author__profile__display_name",
)


def _coauthor_fingerprint() -> dict:
    """How many accepted co-authors, and when the last of them accepted or edited their
    profile: a card names its co-authors, so a change among them is a new card."""
    accepted = (
        IdeaCoAuthor.objects.filter(idea=OuterRef("pk"), status=CoAuthorStatus.ACCEPTED)
        .order_by()
        .values("idea")
    )
    # Never NULL (SQLite's greatest of anything and NULL is NULL): a co-author without a
    # profile, or added without an answer, counts from the invitation.
    changed = Greatest(
        Coalesce("answered_at", "invited_at"), Coalesce("user__profile__updated_at", "invited_at")
    )
    return {
        "coauthor_count": Subquery(accepted.annotate(n=Count("pk")).values("n")),
        "coauthors_changed": Subquery(accepted.annotate(v=Max(changed)).values("v")),
    }


def ideas_for_challenge(
    *,
    challenge: ChallengePage,
    sort: str = DEFAULT_SORT,
    theme: Theme | None = None,
    district: District | None = None,
    status: str = "",
    viewer=None,
) -> QuerySet:
    """The public ideas of a challenge (any translation of it), filtered and sorted, as rows
    of CARD_FIELDS and the co-author fingerprint (`supported_by_viewer` for a signed-in
    viewer): what `projects.cards.render_idea_cards` takes."""
    qs = public_ideas().filter(challenge_id__in=challenge_family_ids(challenge))
    qs = qs.filter(status=status) if status else qs.filter(status__in=ACTIVE_STATUSES)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if district is not None:
        qs = qs.filter(districts=district)
    fields = [*CARD_FIELDS, "coauthor_count", "coauthors_changed"]
    qs = qs.annotate(**_coauthor_fingerprint())
    if getattr(viewer, "is_authenticated", False):
        qs = qs.annotate(
            supported_by_viewer=Exists(IdeaSupport.objects.filter(idea=OuterRef("pk"), user=viewer))
        )
        fields.append("supported_by_viewer")
    return qs.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT])).values(*fields)


def ideas_for_cards(pks: list[int]) -> list[Idea]:
    """The ideas whose cards are to be rendered, in the order of `pks`, with what a card shows."""
    accepted = IdeaCoAuthor.objects.filter(status=CoAuthorStatus.ACCEPTED).select_related(
        "user__profile"
    )
    found = (
        Idea.objects.filter(pk__in=pks)
        .select_related("author__profile")
        .prefetch_related(
            "themes", Prefetch("coauthors", queryset=accepted, to_attr="accepted_coauthors")
        )
        .in_bulk()
    )
    return [found[pk] for pk in pks if pk in found]


def idea_for_detail(*, pk: int) -> Idea | None:
    qs = (
        Idea.objects.filter(pk=pk)
        .select_related("author__profile", "challenge__locale", "merged_into", "project")
        .prefetch_related(
            "themes",
            "districts",
            "tags",
            "attachments",
            Prefetch(
                "coauthors",
                queryset=IdeaCoAuthor.objects.select_related("user__profile").order_by(
                    "invited_at"
                ),
            ),
        )
    )
    return qs.first()


def viewer_state(*, idea: Idea, user) -> dict:
    """Whether the viewer supports and follows this idea (one query, none for visitors)."""
    if not getattr(user, "is_authenticated", False):
        return {"supports": False, "follows": False}
    row = (
        Idea.objects.filter(pk=idea.pk)
        .annotate(
            s=Exists(IdeaSupport.objects.filter(idea=OuterRef("pk"), user=user)),
            f=Exists(IdeaFollow.objects.filter(idea=OuterRef("pk"), user=user)),
        )
        .values("s", "f")
        .first()
    ) or {"s": False, "f": False}
    return {"supports": row["s"], "follows": row["f"]}


# Every challenge page asks whether a signed-in visitor follows it: the ids of the challenges
# they follow stay in the cache until they follow or stop (services.challenge_follow).
FOLLOWED_TIMEOUT = 10 * 60


def followed_challenges_key(user_id: int) -> str:
    return f"projects:followed-challenges:{user_id}"


def follows_challenge(*, challenge: ChallengePage, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    followed = cache.get_or_set(
        followed_challenges_key(user.pk),
        lambda: frozenset(
            ChallengeFollow.objects.filter(user=user).values_list("challenge_id", flat=True)
        ),
        FOLLOWED_TIMEOUT,
    )
    return not followed.isdisjoint(challenge_family_ids(challenge))


def idea_history(*, idea: Idea) -> QuerySet[IdeaEvent]:
    return idea.events.select_related("actor__profile").order_by("created_at", "pk")


def ideas_of_user(*, user) -> QuerySet[Idea]:
    """Everything the person wrote or co-writes, in every status (their "Mina idéer")."""
    return (
        Idea.objects.filter(
            Q(author=user) | Q(coauthors__user=user, coauthors__status=CoAuthorStatus.ACCEPTED)
        )
        .select_related("challenge")
        .distinct()
        .order_by("-updated_at", "-pk")
    )


def invitations_for(*, user) -> QuerySet[IdeaCoAuthor]:
    return IdeaCoAuthor.objects.filter(user=user, status=CoAuthorStatus.INVITED).select_related(
        "idea__challenge", "idea__author__profile"
    )


# --- similar ideas ---------------------------------------------------------------------------

_WORD = re.compile(r"\w{3,}", re.UNICODE)


@dataclass(frozen=True)
class Similar:
    pk: int
    title: str
    summary: str
    support_count: int


def _tokens(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text or "")}


def similar_ideas(
    *, challenge: ChallengePage, text: str, exclude_pk: int | None = None, limit: int = 5
) -> list[Similar]:
    """Public ideas in the same challenge that look like `text` (title and summary typed).

    PostgreSQL: trigram similarity (pg_trgm). SQLite: the share of words in common, computed
    in Python over the challenge's public ideas (a fallback for the embedded default; the
    search issue may replace both).
    """
    text = " ".join((text or "").split())[:300]
    if len(text) < 4:
        return []
    qs = public_ideas().filter(
        challenge_id__in=challenge_family_ids(challenge), status__in=ACTIVE_STATUSES
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity
        from django.db.models.functions import Greatest

        rows = (
            qs.annotate(
                similarity=Greatest(
                    TrigramWordSimilarity(text, "title"), TrigramWordSimilarity(text, "summary")
                )
            )
            .filter(similarity__gte=0.3)
            .order_by("-similarity", "-support_count")
            .values("pk", "title", "summary", "support_count")[:limit]
        )
        return [Similar(**row) for row in rows]
    wanted = _tokens(text)
    if not wanted:
        return []
    scored = []
    for row in qs.values("pk", "title", "summary", "support_count")[:2000]:
        words = _tokens(row["title"] + " " + row["summary"])
        overlap = len(wanted & words)
        if overlap:
            # Share of the shorter text's words: a short title inside a long summary counts.
            score = overlap / min(len(wanted), len(words))
            if score >= 0.5 and (overlap >= 2 or min(len(wanted), len(words)) == 1):
                scored.append((score, row["support_count"], row))
    scored.sort(key=lambda s: (-s[0], -s[1]))
    return [Similar(**row) for _s, _c, row in scored[:limit]]


# --- the innovation team's dashboard ------------------------------------------------------


def idea_dashboard(*, challenge: ChallengePage) -> list:
    """Charts for one challenge: ideas over time, by status, by district, by actor type of
    their authors, and support over time. Five grouped queries, whatever the number of ideas."""
    from django.db.models import Count
    from django.db.models.functions import TruncWeek
    from django.utils.translation import gettext as _

    from people.selectors.commitments import Bar, Chart
    from umecom.taxonomy.models import ActorType

    ideas = Idea.objects.filter(challenge_id__in=challenge_family_ids(challenge))
    weekly = (
        ideas.annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    by_status = dict(ideas.values_list("status").annotate(n=Count("pk")))
    by_district = (
        ideas.filter(districts__isnull=False)
        .values("districts__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("districts__name")
    )
    by_actor = dict(
        ideas.filter(author__profile__isnull=False)
        .values_list("author__profile__actor_type")
        .annotate(n=Count("pk"))
    )
    support_weekly = (
        IdeaSupport.objects.filter(idea__in=ideas)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    return [
        Chart(
            "over_time",
            _("Nya idéer per vecka"),
            [Bar(f"{row['week']:%Y-%m-%d}", row["n"]) for row in weekly if row["week"]],
        ),
        Chart(
            "status",
            _("Idéer per status"),
            [Bar(str(label), by_status.get(value, 0)) for value, label in IdeaStatus.choices],
        ),
        Chart(
            "district",
            _("Idéer per stadsdel"),
            [Bar(row["districts__name"], row["n"]) for row in by_district],
        ),
        Chart(
            "actor_type",
            _("Idéer per slags förslagsställare"),
            [Bar(str(label), by_actor.get(value, 0)) for value, label in ActorType.choices],
        ),
        Chart(
            "support_over_time",
            _("Stöd per vecka"),
            [Bar(f"{row['week']:%Y-%m-%d}", row["n"]) for row in support_weekly if row["week"]],
        ),
    ]
