"""The one way to show pages in the visitor's language.

Ideas, projects and commitments belong to a challenge's original (Swedish) page, so a page
about them that links "its" challenge must pick the translation itself; the site shell does
the same for its menu and footer.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page


def translations(pages, language: str) -> dict[int, Page]:
    """pk → the live translation of each page in `language` (the page itself if none). One
    query, and none when every page already is in `language` (load `locale` with them)."""
    result = {p.pk: p for p in pages}
    foreign = [p for p in pages if p.locale.language_code != language]
    if foreign:
        found = {
            t.translation_key: t
            for t in Page.objects.live().filter(
                locale__language_code=language,
                translation_key__in=[p.translation_key for p in foreign],
            )
        }
        for p in foreign:
            result[p.pk] = found.get(p.translation_key, p)
    return result


def in_active_language(page):
    """`page`'s live translation in the active language, or `page` itself."""
    if page is None:
        return None
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return translations([page], language)[page.pk]
