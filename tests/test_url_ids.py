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
from django.urls import URLPattern, URLResolver, get_resolver, reverse
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


# --- The admin as the superuser -------------------------------------------------------------
# Umecom's own admin views (people, ideas, taxonomy snippets) take `<id:…>`: the viewsets set
# `pk_path_converter = "id"` (wagtail/admin/viewsets/model.py builds edit/delete/inspect/
# history/usage from it) and the custom routes (svara, verifiera, granska, bestam) use it too.
OUR_ADMIN_PREFIXES = (
    "/admin/deltagare/",
    "/admin/ideer/",
    "/admin/ideer-moderering/",
    "/admin/snippets/taxonomy/",
)
OUR_ADMIN_ROUTES = [r for r in ADMIN_ROUTES if r.startswith(OUR_ADMIN_PREFIXES)]


def test_our_admin_routes_refuse_ids_beyond_64_bits_before_any_view_runs():
    from django.urls import Resolver404, resolve

    assert len(OUR_ADMIN_ROUTES) >= 25, OUR_ADMIN_ROUTES
    for name in ("svara", "verifiera", "granska", "bestam", "inspect", "edit", "history"):
        assert any(f"/{name}/" in r for r in OUR_ADMIN_ROUTES), name
    accepted = []
    for route in OUR_ADMIN_ROUTES:
        for value in (TOO_BIG, HUGE, NEGATIVE):
            url = route.format(id=value, slug="x")
            try:
                match = resolve(url)
            except Resolver404:
                continue
            # The page-serving and admin catch-alls take any path; a viewset's own route (in
            # its namespace, e.g. deltagare_ataganden:inspect) must not.
            if match.namespaces:
                accepted.append((url, match.view_name))
    assert accepted == []


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "secret")


def test_the_superuser_gets_404_for_odd_ids_in_every_admin_url(client, superuser):
    """Every admin pattern with an id, Wagtail's own included, as the one user who reaches
    every view: never a 500. Ours answer 404 to an id that cannot exist; to a missing one,
    404 or the policy's refusal (nobody edits a commitment or an idea as a row: a redirect to
    the dashboard comes before the lookup). Wagtail's own may redirect or refuse the method."""
    client.force_login(superuser)
    refused = reverse("wagtailadmin_home")
    failures = []
    for route in ADMIN_ROUTES:
        ours = route in OUR_ADMIN_ROUTES
        for value in ODD_IDS if ours else (TOO_BIG, HUGE):
            url = route.format(id=value, slug="x")
            response = client.get(url)
            if response.status_code == 405:  # POST-only views
                response = client.post(url)
            status = response.status_code
            if status >= 500:
                failures.append((url, status))
            elif ours and status != 404:
                policy_refused = status == 302 and response["Location"] == refused
                if not (value == MISSING and policy_refused):
                    failures.append((url, status))
    assert failures == []
