"""Challenge cards rendered once and kept until an editor publishes.

A card (`includes/challenge_card.html`) took about two thirds of the challenge index's
rendering time: its URL, image rendition, status badge, localised deadline and theme and
district chips, twelve times a page. What it shows changes only when an editor publishes or
moves the challenge (or renames a theme or district, or changes an image: the published
cache's signals, `umecom/core/signals.py`), when the day changes its status or deadline, or
with the language. So its HTML is kept in `umecom.published_cache` under exactly those, and
the themes, districts and hero image (with renditions) are prefetched only for the cards
that were not cached.

Cards hold nothing about the visitor, so one copy serves everybody.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, prefetch_related_objects
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Site

from umecom import published_cache

from .models import ChallengePage

CARD_TEMPLATE = "includes/challenge_card.html"


def card_prefetches() -> tuple:
    """What a card shows besides the page's own fields: one query each for any number of cards.

    The hero image comes through a Prefetch rather than select_related so that its
    renditions can be prefetched too (one query for all cards, not one per image).
    """
    images = get_image_model().objects.prefetch_renditions()
    return ("themes", "districts", Prefetch("hero_image", queryset=images))


def _card_name(challenge: ChallengePage, *, site_id, heading_level: int) -> str:
    # Within one generation of the published cache a page's content cannot change (publishing
    # starts a new one); the publication time still guards a second process whose per-process
    # cache missed the invalidation. Status and deadline change with the day.
    return published_cache.key(
        "challenge-card",
        challenge.pk,
        challenge.last_published_at.isoformat() if challenge.last_published_at else "",
        challenge.status.value,
        challenge.effective_idea_deadline or "",
        heading_level,
        get_language() or "",
        site_id or "",
    )


def render_challenge_cards(
    challenges: Iterable[ChallengePage], *, request, heading_level: int = 3
) -> list[SafeString]:
    """The HTML of each challenge's card, in order; rendered only where not cached."""
    challenges = list(challenges)
    if not challenges:
        return []
    site = Site.find_for_request(request) if request is not None else None
    names = [
        _card_name(c, site_id=site.pk if site else None, heading_level=heading_level)
        for c in challenges
    ]

    def render(missing: list[ChallengePage]) -> list[str]:
        prefetch_related_objects(missing, *card_prefetches())
        # The template alone, without the page's context processors: a card needs nothing
        # from the request but its site (for `pageurl`).
        template = get_template(CARD_TEMPLATE).template
        return [
            str(
                template.render(
                    Context(
                        {"request": request, "challenge": c, "heading_level": heading_level},
                        autoescape=True,
                    )
                )
            )
            for c in missing
        ]

    cards = published_cache.cached_many(names, challenges, render)
    return [mark_safe(card) for card in cards]  # noqa: S308 - rendered by the template
