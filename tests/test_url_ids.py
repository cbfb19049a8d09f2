"""Every URL that takes an id answers 404 to ids that do not exist, are negative or do not fit
in 64 bits, signed in and not (a 25-digit id used to give a 500: SQLite's integers stop at
2**63 - 1 and PostgreSQL's bigint too).

The test walks the URL resolver, so a new pattern is covered the day it is added. Our own
patterns use `<id:…>` (umecom/converters.py); Wagtail's admin keeps Django's `<int:…>` and
is checked for "never a 500" here (anonymous and member visitors are sent to the admin login
before any id reaches the database; the admin crawl covers staff).
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from tests.factories.people import MembershipFactory, OrganisationFactory, ProfileFactory

pytestmark = pytest.mark.django_db

MISSING = "987654321"
NEGATIVE = "-1"
TOO_BIG = str(2**63)  # one more than the largest 64-bit integer
HUGE = "9" * 25
ODD_IDS = [MISSING, NEGATIVE, TOO_BIG, HUGE]
ID_CONVERTERS = {"int", "id"}
PLACEHOLDER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def _walk(patterns, prefix=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, (*prefix, pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield (*prefix, pattern.pattern)


def _template(parts) -> str | None:
    """The pattern as a path with `{id}`/`{slug}` holes; None if it is not a plain route."""
    text = ""
    for part in parts:
        piece = str(part)
        if isinstance(part, RegexPattern):
            piece = piece.removeprefix("^").removesuffix("$")
            piece = re.sub(r"\(\?P<(\w+)>\\d\+\)|\(\\d\+\)", "<int:\\1>", piece)
            if re.search(r"[()|\\\[\]*+?]", piece):
                return None  # a real regular expression: not walkable by substitution
        text += piece
    if not any(m["kind"] in ID_CONVERTERS for m in PLACEHOLDER.finditer(text)):
        return None

    def hole(match) -> str:
        kind = match["kind"]
        if kind in ID_CONVERTERS:
            return "{id}"
        return "{slug}" if kind == "slug" else "x"

    return "/" + PLACEHOLDER.sub(hole, text)


def id_routes() -> list[str]:
    routes = {_template(parts) for parts in _walk(get_resolver().url_patterns)}
    return sorted(r for r in routes if r)


ROUTES = id_routes()
OWN_ROUTES = [r for r in ROUTES if not r.startswith("/admin/")]
ADMIN_ROUTES = [r for r in ROUTES if r.startswith("/admin/")]


def test_the_walk_finds_our_id_routes():
    assert "/utmaningar-delta/{id}/" in OWN_ROUTES
    assert "/personer/{id}/" in OWN_ROUTES
    assert "/organisationer/{slug}/medlemmar/{id}/" in OWN_ROUTES
    assert any(r.startswith("/documents/{id}/") for r in OWN_ROUTES)
    assert len(ADMIN_ROUTES) > 50


@pytest.fixture
def member():
    """A member who is admin of an organisation, so its member URLs reach the id lookup."""
    user = ProfileFactory().user
    organisation = OrganisationFactory()
    MembershipFactory(user=user, organisation=organisation, role="admin")
    return user, organisation.slug


def _get_or_post(client, url):
    # Followed: a path that no pattern takes may first get CommonMiddleware's slash redirect.
    response = client.get(url, follow=True)
    if response.status_code == 405:  # POST-only views (withdraw, verify…)
        response = client.post(url, follow=True)
    return response


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "member"])
def test_our_urls_answer_404_to_ids_that_do_not_exist_or_do_not_fit(client, member, signed_in):
    user, slug = member
    if signed_in:
        client.force_login(user)
    for route in OWN_ROUTES:
        for value in ODD_IDS:
            url = route.format(id=value, slug=slug)
            response = _get_or_post(client, url)
            last = response.redirect_chain[-1][0] if response.redirect_chain else ""
            if not signed_in and value == MISSING and "/konto/login/" in last:
                # Sign-in first; an id that cannot exist is refused before that (converter).
                continue
            assert response.status_code == 404, (url, response.status_code)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "member"])
def test_admin_urls_never_fail_on_odd_ids_for_visitors_without_admin_access(
    client, member, signed_in
):
    user, slug = member
    if signed_in:
        client.force_login(user)
    for route in ADMIN_ROUTES:
        for value in (MISSING, TOO_BIG, HUGE):
            url = route.format(id=value, slug=slug)
            response = client.get(url)
            assert response.status_code in (302, 403, 404, 405), (url, response.status_code)
