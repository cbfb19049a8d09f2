"""Idea cards rendered once per version of the idea and kept in the published cache.

A card took a third of a millisecond to render, twelve times a list page, and needed a query
for its themes. What it shows changes with the idea (`updated_at`: text, image, themes and
status are saved through the services), its counters, the names of its authors (the author's
profile, and the co-authors' fingerprint: how many, and their latest acceptance or profile
edit), a theme's name (saving a theme starts a new generation of the published cache) and
the language; all of those are in the card's cache name, so a changed idea is simply a new
card.

Cards hold nothing about the visitor: "Du stöder idén" is put in where the card marks it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template import Context
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from umecom import published_cache

from .selectors.ideas import ideas_for_cards

CARD_TEMPLATE = "projects/includes/idea_card.html"
# Where the card says that the visitor supports the idea (see idea_card.html).
VIEWER_SUPPORTS_MARK = "<!--viewer-supports-->"


def _card_name(row: dict) -> str:
    return published_cache.key(
        "idea-card",
        row["pk"],
        row["updated_at"].isoformat() if row["updated_at"] else "",
        row["status"],
        row["support_count"],
        row["comment_count"],
        row["author_id"],
        row["author__profile__display_name"],
        row["coauthor_count"],
        row["coauthors_changed"].isoformat() if row["coauthors_changed"] else "",
        get_language() or "",
    )


def render_idea_cards(rows: Iterable[dict]) -> list[SafeString]:
    """The HTML of each idea's card, in order. `rows` come from
    `selectors.ideas.ideas_for_challenge` (the fields that name a card); only the ideas whose
    card is not cached are read in full and rendered."""
    rows = list(rows)
    if not rows:
        return []
    names = [_card_name(row) for row in rows]

    def render(missing: list[dict]) -> list[str]:
        ideas = ideas_for_cards([row["pk"] for row in missing])
        template = get_template(CARD_TEMPLATE).template
        html = {i.pk: str(template.render(Context({"idea": i}, autoescape=True))) for i in ideas}
        # An idea deleted between the two reads gets no card.
        return [html.get(row["pk"], "") for row in missing]

    cards = published_cache.cached_many(names, rows, render)
    supports = format_html("· <strong>{}</strong>", gettext("Du stöder idén"))
    return [
        mark_safe(  # noqa: S308 - rendered by the template, the mark replaced by escaped text
            card.replace(VIEWER_SUPPORTS_MARK, supports if row.get("supported_by_viewer") else "")
        )
        for card, row in zip(cards, rows, strict=True)
    ]
