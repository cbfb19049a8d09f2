from .selectors import challenge_queryset


def challenge_index_context(*, request, index_page) -> dict:
    qs = challenge_queryset(locale=index_page.locale).child_of(index_page)
    return {"challenges": qs}
