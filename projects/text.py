"""The small formatted subset an idea's description may use, sanitised with nh3 (ammonia).

People type into a plain text area: blank lines make paragraphs, and a few tags (bold,
italics, lists, links) are kept. Everything else, including every attribute except a link's
address, is dropped, so what is stored is safe to render as HTML.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
_BLOCK = re.compile(r"<(p|ul|ol)[\s>]", re.IGNORECASE)


def sanitise_description(raw: str) -> str:
    """Sanitised HTML for `raw`; plain text becomes paragraphs with line breaks."""
    cleaned = nh3.clean(
        (raw or "").replace("\r\n", "\n").strip(),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    ).strip()
    if not cleaned or _BLOCK.search(cleaned):
        return cleaned
    # nh3's output is already safe HTML; only its newlines become markup here.
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", cleaned) if p.strip()]
    return "".join("<p>" + p.replace("\n", "<br>") + "</p>" for p in paragraphs)


def plain_text(value: str) -> str:
    """Single-line plain text (titles, summaries): control characters removed."""
    value = "".join(ch for ch in (value or "") if ch == "\n" or ch >= " ")
    return value.strip()


def as_editable(html: str) -> str:
    """The stored HTML as the author will see it again in the text area."""
    text = re.sub(r"</p>\s*<p>", "\n\n", html or "")
    text = re.sub(r"</?p>", "", text)
    return text.replace("<br>", "\n")
