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
