"""The one way to show a page in the visitor's language.

Ideas, projects and commitments belong to a challenge's original (Swedish) page, so a page
about them that links "its" challenge must pick the translation itself: the live translation
in the active language, else the original.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language


def in_active_language(page):
    """`page`'s live translation in the active language, or `page` itself when it is already
    in that language or has none. No query in the first case when the caller loaded
    `locale` with the page (select_related)."""
    if page is None:
        return None
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if page.locale.language_code == language:
        return page
    return page.localized
