"""No URL or parameter gives a 500: crawl the public site and the Wagtail admin.

Follows every internal link from the home pages (both languages) and from the admin
dashboard as a superuser, and replays public URLs with hostile query strings. Any 5xx fails.
Builds on the demo content so it walks what a newcomer sees.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

# GET on these performs an action or streams large files; everything else is fair game.
SKIP_PARTS = (
    "/logout",
    "/konto/logout",
    "delete",
    "/unpublish",
    "/lock",
    "/unlock",
    "/copy/",
    "/move/",
)
HOSTILE_QUERIES = [
    "?sida=abc",
    "?sida=-1",
    "?sida=999999",
    "?sida=1.5",
    "?status=nonsense",
    "?tema=%00",
    "?stadsdel=%E2%80%AE",
    "?status=open&status=completed",
    "?q=" + "x" * 3000,
    "?sida=%ff",
]


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def crawl(client, start_urls, *, prefix, limit):
    seen, queue, failures = set(), deque(start_urls), []
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((url, response.status_code))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = LinkParser()
        parser.feed(response.content.decode("utf-8", "replace"))
        for href in parser.links:
            target, _ = urldefrag(urljoin(url, href))
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or not parts.path.startswith(prefix):
                continue
            if any(bad in parts.path for bad in SKIP_PARTS) or parts.path.startswith(
                ("/static/", "/media/")
            ):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen:
                queue.append(local)
    return seen, failures


@pytest.fixture
def demo_site(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_public_site_has_no_server_errors_even_with_hostile_parameters(client, demo_site):
    seen, failures = crawl(client, ["/", "/en/"], prefix="/", limit=250)
    assert len(seen) > 15, "the crawl should reach the demo challenges and content pages"
    for url in ["/", "/utmaningar/", "/en/utmaningar/"]:
        for query in HOSTILE_QUERIES:
            response = client.get(url + query)
            if response.status_code >= 500:
                failures.append((url + query, response.status_code))
    assert failures == []


def test_wagtail_admin_has_no_server_errors_for_the_superuser(client, demo_site, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    client.force_login(admin)
    seen, failures = crawl(client, ["/admin/"], prefix="/admin/", limit=400)
    assert len(seen) > 40, "the crawl should reach page editors, snippets and people views"
    assert failures == []


def test_unknown_ids_in_admin_urls_give_404_not_500(client, demo_site, django_user_model):
    client.force_login(django_user_model.objects.get(username="admin"))
    for url in [
        "/admin/pages/999999/edit/",
        "/admin/pages/999999/",
        "/admin/pages/abc/edit/",
        "/admin/snippets/taxonomy/theme/edit/999999/",
        "/admin/images/999999/",
    ]:
        assert client.get(url).status_code in (302, 404), url


# --- Every admin listing, with its search box and every filter, as every staff role ---------
#
# Listings are discovered from the URL configuration (every Wagtail listing and chooser view,
# the page explorer included), and their search and filter parameters from the forms each
# listing renders for that user, so a new viewset or filter is covered without editing this
# file. Each parameter gets the values its own form offers and hostile ones.

HOSTILE_VALUES = [
    "",
    "abc",
    "-1",
    "99999999999999999999999",
    "1.5",
    '"a>',
    "%_",
    "Umeå ✓ 🙂",
    "\x00",
]
ADMIN_ROLES = ["admin", "innovation", "redaktor", "moderator"]


def _admin_patterns(resolver=None, prefix="", namespace=""):
    from django.urls import URLResolver, get_resolver

    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _admin_patterns(pattern, prefix + str(pattern.pattern), ns)
        elif (prefix + str(pattern.pattern)).startswith("admin/") and pattern.name:
            yield ":".join(filter(None, [namespace, pattern.name])), pattern


def _listing_view_class(pattern):
    """The listing view behind a URL pattern, or None if the pattern is no listing."""
    import inspect

    from wagtail.admin.views.chooser import BrowseView, SearchView
    from wagtail.admin.views.generic.base import BaseListingView
    from wagtail.admin.views.generic.chooser import BaseChooseView, ChooseResultsViewMixin
    from wagtail.admin.viewsets.pages import page_viewset_registry
    from wagtail.models import Page

    callback = pattern.callback
    view_class = getattr(callback, "view_class", None)
    initkwargs = getattr(callback, "view_initkwargs", {})
    if view_class is None and callback.__name__ == "view_router":
        # Page URLs route through a per-page-type viewset; the base one has the same views.
        view_name = inspect.getclosurevars(inspect.unwrap(callback)).nonlocals.get("view_name")
        view = page_viewset_registry.get_by_type(Page).views.get(view_name)
        view_class = getattr(view, "view_class", None)
        initkwargs = getattr(view, "view_initkwargs", {})
    if view_class is None or initkwargs.get("results_only"):
        return None, {}
    # The page chooser's browse and search views are listings that predate the generic ones.
    if issubclass(view_class, BaseChooseView | BrowseView | SearchView) and not issubclass(
        view_class, ChooseResultsViewMixin
    ):
        return view_class, initkwargs
    if issubclass(view_class, BaseListingView):
        return view_class, initkwargs
    return None, {}


def admin_listing_urls():
    """(url name, url) for every listing in the admin, with URL arguments filled from the data."""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse
    from wagtail.models import Page

    urls, skipped = [], []
    parents = list(
        Page.objects.filter(numchild__gt=0).order_by("depth", "pk").values_list("pk", flat=True)
    )
    leaf = Page.objects.filter(depth__gt=2).order_by("-depth", "pk").first()
    page_types = {
        ContentType.objects.get_for_id(ct).natural_key()
        for ct in Page.objects.filter(depth__gt=1).values_list("content_type", flat=True)
    }
    for name, pattern in _admin_patterns():
        view_class, initkwargs = _listing_view_class(pattern)
        if view_class is None:
            continue
        converters = pattern.pattern.converters
        model = initkwargs.get("model") or getattr(view_class, "model", None)
        kind = (view_class, model)
        if not converters:
            urls.append((name, reverse(name), kind))
        elif set(converters) == {"parent_page_id"}:
            urls += [(name, reverse(name, kwargs={"parent_page_id": pk}), kind) for pk in parents]
        elif set(converters) == {"page_id"}:
            urls.append((name, reverse(name, kwargs={"page_id": leaf.pk}), kind))
        elif set(converters) == {"content_type_app_name", "content_type_model_name"}:
            for app, model in sorted(page_types):
                kwargs = {"content_type_app_name": app, "content_type_model_name": model}
                urls.append((name, reverse(name, kwargs=kwargs), kind))
        elif len(converters) == 1:
            # A listing about one object (usage, history): the first object of its model.
            if model is None and "document" in name:
                from wagtail.documents import get_document_model

                model = get_document_model()
            obj = model._default_manager.order_by("pk").first() if model else None
            if obj is None:
                skipped.append(name)
                continue
            urls.append((name, reverse(name, kwargs={next(iter(converters)): obj.pk}), kind))
        else:
            skipped.append(name)
    return urls, skipped


class FormFieldParser(HTMLParser):
    """Names and offered values of the fields in the page's GET forms (search and filters)."""

    def __init__(self):
        super().__init__()
        self.in_get_form = 0
        self.fields: dict[str, set[str]] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_get_form = int((attrs.get("method") or "get").lower() == "get")
        if not self.in_get_form:
            return
        name = attrs.get("name")
        if tag in ("input", "textarea") and name and attrs.get("type") not in ("submit", "button"):
            self.fields.setdefault(name, set()).add(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = self.fields.setdefault(name, set())
        elif tag == "option" and self._select is not None:
            self._select.add(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self.in_get_form = 0


def listing_parameters(response) -> dict[str, set[str]]:
    import json

    content = response.content.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        content = json.loads(content).get("html", "")
    parser = FormFieldParser()
    parser.feed(content)
    return parser.fields


def sweep_listing(client, url, *, failures, thorough=True):
    """GET the listing with each of its parameters set to ordinary and hostile values.

    `thorough=False` (another URL of a listing already swept, or a staff role after the
    superuser's sweep) sends two requests: every parameter at once with a hostile value.
    """
    from urllib.parse import urlencode

    def get(query):
        target = f"{url}?{urlencode(query, doseq=True)}" if query else url
        response = client.get(target)
        if response.status_code >= 500:
            failures.append((target, response.status_code))
        return response

    response = get({})
    if response.status_code != 200:
        return 0  # this role may not open it (redirect or 403): nothing to sweep
    params = listing_parameters(response)
    params.setdefault("q", set())
    params.setdefault("p", {"2"})
    params.setdefault("ordering", set())
    if not thorough:
        for value in ('"a>', "99999999999999999999999"):
            get({name: value for name in params})
        return 3
    count = 1
    for name, offered in sorted(params.items()):
        values = sorted(offered)[:2] + HOSTILE_VALUES
        for value in values:
            get({name: value})
        get({"q": "a", name: "99999999999999999999999"})
        get({name: [*sorted(offered)[:2], '"a>', "99999999999999999999999"]})  # repeated
        count += len(values) + 2
    return count


@pytest.mark.parametrize("username", ADMIN_ROLES)
def test_every_admin_listing_survives_its_search_and_filters_with_any_value(
    client, demo_site, django_user_model, username
):
    urls, skipped = admin_listing_urls()
    names = {name for name, _url, _kind in urls}
    # The discovery must find the listings an editor uses, or the sweep proves nothing.
    for expected in [
        "wagtailadmin_explore",
        "wagtailadmin_pages:search",
        "wagtailadmin_pages:type_use",
        "wagtailimages:index",
        "wagtaildocs:index",
        "wagtailusers_users:index",
        "wagtailsnippets_taxonomy_theme:list",
        "wagtailsnippets_taxonomy_district:list",
        "deltagare_ataganden:index",
        "deltagare_organisationer:index",
        "deltagare_personer:index",
        "wagtailimages_chooser:choose",
    ]:
        assert expected in names, (expected, sorted(names))
    client.force_login(django_user_model.objects.get(username=username))
    failures, requests = [], 0
    swept = set()
    # Every hostile value once, as the superuser, who sees every listing and filter; the staff
    # groups see subsets of the same views, so they get each listing's offered values and one
    # hostile value (a different role changes which rows and filters exist, not the parsing).
    thorough_role = username == "admin"
    for _name, url, kind in urls:
        thorough = thorough_role and kind not in swept
        done = sweep_listing(client, url, failures=failures, thorough=thorough)
        if done:
            swept.add(kind)
        requests += done
    print(f"{username}: {len(urls)} listings, {requests} requests, skipped {skipped}")
    assert requests > 30  # the sweep really ran (a role sees fewer listings)
    assert failures == []
