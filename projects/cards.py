"""Idea cards rendered once per version of the idea and kept in the published cache.

A card took a third of a millisecond to render, twelve times a list page, and needed a query
for its themes. What it shows changes with the idea (`updated_at`: text, image, themes and
status are saved through the services), its counters, the names of its authors, a theme's
name (saving a theme starts a new generation of the published cache) and the language; all
of those are in the card's cache name, so a changed idea is simply a new card.

Cards hold nothing about the visitor: "Du stöder idén" is put in where the card marks it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import prefetch_related_objects
from django.template import Context
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from umecom import published_cache

from .models import Idea

CARD_TEMPLATE = "projects/includes/idea_card.html"
# Where the card says that the visitor supports the idea (see idea_card.html).
VIEWER_SUPPORTS_MARK = "<!--viewer-supports-->"


def _card_name(idea: Idea) -> str:
    coauthors = [
        (c.user_id, getattr(getattr(c.user, "profile", None), "display_name", ""))
        for c in getattr(idea, "accepted_coauthors", ())
    ]
    return published_cache.key(
        "idea-card",
        idea.pk,
        idea.updated_at.isoformat() if idea.updated_at else "",
        idea.status,
        idea.support_count,
        idea.comment_count,
        idea.author_name,
        coauthors,
        get_language() or "",
    )


def render_idea_cards(ideas: Iterable[Idea]) -> list[SafeString]:
    """The HTML of each idea's card, in order; rendered (and its themes read) only where not
    cached. Ideas come from `selectors.ideas.ideas_for_challenge` (authors and co-authors
    selected; `supported_by_viewer` annotated for a signed-in visitor)."""
    ideas = list(ideas)
    if not ideas:
        return []
    names = [_card_name(idea) for idea in ideas]

    def render(missing: list[Idea]) -> list[str]:
        prefetch_related_objects(missing, "themes")
        template = get_template(CARD_TEMPLATE).template
        return [str(template.render(Context({"idea": i}, autoescape=True))) for i in missing]

    cards = published_cache.cached_many(names, ideas, render)
    supports = format_html("· <strong>{}</strong>", gettext("Du stöder idén"))
    return [
        mark_safe(  # noqa: S308 - rendered by the template, the mark replaced by escaped text
            card.replace(
                VIEWER_SUPPORTS_MARK,
                supports if getattr(idea, "supported_by_viewer", False) else "",
            )
        )
        for card, idea in zip(cards, ideas, strict=True)
    ]
