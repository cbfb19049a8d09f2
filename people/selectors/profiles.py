"""Reads for profiles: one query plan per page, no per-row queries in templates."""

from __future__ import annotations

from django.db.models import Prefetch
from taggit.models import Tag

from people.models import Profile, ProfileLink, Visibility
from umecom.taxonomy.models import District

# The two tag sets, by the name used in URLs (?typ=…) → the tag's reverse relation.
TAG_SETS = {
    "kompetens": "people_profileskill_items",
    "intresse": "people_profileinterest_items",
}


def profile_for_detail(*, pk: int) -> Profile | None:
    """A profile with everything its page shows, in a fixed number of queries."""
    return (
        Profile.objects.select_related("user")
        .prefetch_related(
            "skills",
            "interests",
            Prefetch("districts", queryset=District.objects.order_by("name")),
            Prefetch("links", queryset=ProfileLink.objects.order_by("pk")),
        )
        .filter(pk=pk)
        .first()
    )


def _tags_in_use(tag_set: str):
    relation = TAG_SETS[tag_set]
    # Tags used only on hidden profiles are not suggested: they could point to a person.
    return (
        Tag.objects.filter(**{f"{relation}__isnull": False})
        .exclude(**{f"{relation}__content_object__visibility": Visibility.HIDDEN})
        .distinct()
    )


def tag_suggestions(*, tag_set: str, query: str, limit: int = 10) -> list[str]:
    """Existing tag names in one tag set that contain `query`, prefix matches first."""
    query = " ".join((query or "").split())[:50]
    if tag_set not in TAG_SETS or not query:
        return []
    names = list(
        _tags_in_use(tag_set)
        .filter(name__icontains=query)
        .order_by("name")
        .values_list("name", flat=True)[:200]
    )
    folded = query.casefold()
    names.sort(key=lambda name: (not name.casefold().startswith(folded), name.casefold()))
    return names[:limit]


def tag_names(*, tag_set: str, limit: int = 100) -> list[str]:
    """Existing tag names for the server-rendered <datalist> (works without JavaScript)."""
    return list(_tags_in_use(tag_set).order_by("name").values_list("name", flat=True)[:limit])
