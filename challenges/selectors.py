"""Reads of challenges. Views and the home page call these; they keep query counts flat.

Every list of challenges goes through `challenge_queryset`, which annotates the status and
the idea deadline in SQL (the rules of `phases.py`) and prefetches what a challenge card
shows (themes, districts, hero image and its renditions; `cards.py` does that only for cards
not cached), so a page of 3 or of 300 challenges costs the same number of queries. Work per
row stays small too: the database computes one Exists and two subqueries for each challenge,
the page shows twelve.
"""

import datetime as dt
from collections.abc import Callable

from django.db.models import F, OuterRef, QuerySet
from django.utils import timezone

from umecom import published_cache
from umecom.taxonomy.models import District, Theme

from .models import ChallengeIndexPage, ChallengePage, ChallengePhase
from .phases import STATUS_RANK, ChallengeStatus, idea_deadline_sql, status_rank_sql


def _phases_of_outer_page() -> QuerySet[ChallengePhase]:
    return ChallengePhase.objects.filter(page=OuterRef("pk"))


def status_annotation(today: dt.date) -> dict:
    """`status_rank` (see phases.STATUS_SORT_ORDER; `page.status` reads it) in SQL."""
    return {"status_rank": status_rank_sql(_phases_of_outer_page(), today)}


def idea_deadline_annotation() -> dict:
    """`effective_idea_deadline` (phases.idea_deadline) in SQL."""
    return {"effective_idea_deadline": idea_deadline_sql(_phases_of_outer_page())}


def challenge_queryset(
    *, locale=None, today: dt.date | None = None, prefetch_cards: bool = True
) -> QuerySet[ChallengePage]:
    """Live, public challenges with status and deadline annotated and card data prefetched.

    `prefetch_cards=False` leaves the card data (themes, districts, hero image and its
    renditions) to `challenges.cards.render_challenge_cards`, which prefetches it only for the
    cards it finds no cached copy of.
    """
    today = today or timezone.localdate()
    # Wagtail's .public() with the view restrictions from the cache (it would query them).
    qs = ChallengePage.objects.live().exclude(published_cache.private_pages_q())
    if locale is not None:
        qs = qs.filter(locale=locale)
    qs = qs.annotate(**status_annotation(today), **idea_deadline_annotation())
    if prefetch_cards:
        from .cards import card_prefetches

        qs = qs.prefetch_related(*card_prefetches())
    return qs


def challenges_sorted(qs: QuerySet[ChallengePage]) -> QuerySet[ChallengePage]:
    """By status (phases.STATUS_SORT_ORDER), then nearest idea deadline, then newest."""
    # Ordering by the selected annotations lets the database reuse them by alias.
    return qs.order_by(
        "status_rank",
        F("effective_idea_deadline").asc(nulls_last=True),
        "-first_published_at",
        "pk",
    )


def challenges_for_index(
    *,
    index_page: ChallengeIndexPage,
    status: str = "",
    theme: Theme | None = None,
    district: District | None = None,
    today: dt.date | None = None,
) -> QuerySet[ChallengePage]:
    """The challenges listed under `index_page`, filtered and in display order.

    For `challenges.cards.render_challenge_cards`: nothing prefetched (it prefetches for the
    cards it must render) and the body, which no card shows, left in the database.
    """
    qs = challenge_queryset(locale=index_page.locale_id, today=today, prefetch_cards=False)
    qs = qs.child_of(index_page).defer("body")
    if status:
        qs = qs.filter(status_rank=STATUS_RANK[status])
    if theme is not None:
        qs = qs.filter(themes=theme)
    if district is not None:
        qs = qs.filter(districts=district)
    return challenges_sorted(qs)


class PublishedListing:
    """What `Paginator` asks of a queryset (its count and slices), kept until a publish.

    A list of challenges changes only when an editor publishes, unpublishes or moves one
    (which starts a new generation of `umecom.published_cache`) or when the day moves them
    to another status; `name` must therefore name the list's filters and the day. On a hit
    the queryset is not even built: building, compiling and running the count and the page
    of the index (two queries with three subqueries each) was most of its remaining time.
    Rows are stored without their prefetches (`challenges.cards` adds those on demand).
    """

    def __init__(self, name: str, make_queryset: Callable[[], QuerySet[ChallengePage]]):
        self._name = name
        self._make_queryset = make_queryset
        self._queryset: QuerySet[ChallengePage] | None = None

    def queryset(self) -> QuerySet[ChallengePage]:
        if self._queryset is None:
            self._queryset = self._make_queryset()
        return self._queryset

    def count(self) -> int:
        name = published_cache.key(self._name, "count")
        return published_cache.cached(name, lambda: self.queryset().count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[ChallengePage]:
        if not isinstance(index, slice):
            raise TypeError("a PublishedListing is read in slices (pages)")
        name = published_cache.key(self._name, index.start, index.stop, index.step)
        return published_cache.cached(name, lambda: list(self.queryset()[index]))


def challenges_for_index_listing(
    *,
    index_page: ChallengeIndexPage,
    status: str = "",
    theme: Theme | None = None,
    district: District | None = None,
    today: dt.date | None = None,
) -> PublishedListing:
    """`challenges_for_index`, counted and sliced through the published cache."""
    today = today or timezone.localdate()
    name = published_cache.key(
        "challenge-index",
        index_page.pk,
        today,
        status,
        theme.pk if theme else "",
        district.pk if district else "",
    )
    return PublishedListing(
        name,
        lambda: challenges_for_index(
            index_page=index_page, status=status, theme=theme, district=district, today=today
        ),
    )


def challenges_featured(*, locale=None, limit: int = 3) -> list[ChallengePage]:
    qs = challenge_queryset(locale=locale).filter(status_rank=STATUS_RANK[ChallengeStatus.OPEN])
    return list(challenges_sorted(qs)[:limit])


def challenges_recently_updated(*, locale=None, limit: int = 4) -> list[ChallengePage]:
    return list(challenge_queryset(locale=locale).order_by("-last_published_at")[:limit])


def filter_vocabularies() -> tuple[list[Theme], list[District]]:
    """Themes and districts offered in the index filter (cached until one is saved)."""
    return published_cache.cached(
        "challenge-filter-vocabularies",
        lambda: (list(Theme.objects.order_by("name")), list(District.objects.order_by("name"))),
    )


def challenge_family_ids(challenge: ChallengePage) -> list[int]:
    """The ids of a challenge page and its translations, cached until a page is saved.

    Ideas and commitments attach to one page of the family (the default-language one); asking
    by id instead of joining the page tree on `translation_key` lets PostgreSQL read a page
    of a challenge's ideas in index order and stop after it.
    """
    return published_cache.cached(
        published_cache.key("challenge-family", challenge.translation_key),
        lambda: list(
            ChallengePage.objects.filter(translation_key=challenge.translation_key)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
    )
