"""The site shell's data: site, page routes, menu, footer, language links and breadcrumbs.

Every page shows the shell, and building it costs about ten queries (site, locales, menu
pages and their translations, the footer setting, the current page's translations and
ancestors) that change only when an editor publishes. So it is built once per site, language
and page and kept in `umecom.published_cache` until the next publish; the template tags in
`templatetags/umecom_tags.py` only read it. Values cached here are plain data (strings,
tuples, dataclasses), never querysets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import expand_db_html
from wagtail.url_routing import RouteResult

from umecom import published_cache
from umecom.i18n import translations


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    # Set when the page has no translation in this language and the link leads elsewhere;
    # the page it lands on says so (see `untranslated_notice`).
    untranslated: bool = False


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


@dataclass(frozen=True)
class ShellData:
    home_url: str
    menu: tuple[tuple[str, str], ...]
    menu_index_position: int | None  # where "Organisationer" goes (after the challenge index)
    challenges_url: str = ""
    how_it_works_url: str = ""
    about_url: str = ""
    privacy_url: str = ""
    accessibility_url: str = ""
    contact_html: str = ""


@dataclass(frozen=True)
class PageShellData:
    languages: tuple[LanguageLink, ...] = ()
    alternates: tuple[tuple[str, str], ...] = ()
    breadcrumbs: tuple[Crumb, ...] = field(default_factory=tuple)


def current_language() -> str:
    # LocaleMiddleware activates the language from the URL prefix ("/en/…" → en, none → sv).
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


# --- Site -------------------------------------------------------------------------------------


def site_for_request(request) -> Site | None:
    """`Site.find_for_request`, from the cache; Wagtail reuses it through `_wagtail_site`."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        from django.http.request import split_domain_port

        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        request._wagtail_site = published_cache.cached(
            published_cache.key("site", hostname, port),
            lambda: Site._find_for_request(request),
        )
    return request._wagtail_site


# --- Page routes ------------------------------------------------------------------------------
# Wagtail finds a page by walking the tree: the site's root, its translation, then a child
# and its specific page for every path segment, two queries a level. A remembered route keeps
# the specific page itself (with what it selects for serving), so a view costs one small
# query: is that page still live, at this address, at the revision we keep? Building the
# page's own query (a hundred columns over three tables) took longer than running it.


@dataclass(frozen=True)
class RouteHint:
    page: Page  # the specific page, as served; every lookup unpickles a copy of its own
    url_path: str
    live_revision_id: int | None


def _route_name(site: Site, path: str) -> str:
    # "route-2": a hint of the earlier shape, still in the cache after an upgrade, is not read.
    return published_cache.key("route-2", site.pk, current_language(), path)


def route_from_hint(request, path: str) -> bool:
    """Set Wagtail's route for `request` from a remembered one; False when there is none."""
    site = site_for_request(request)
    if site is None:
        return False
    hint = published_cache.lookup(_route_name(site, path))
    if not isinstance(hint, RouteHint):
        return False
    # The generation changes with every publish, move and save, but a process that misses
    # that (the cache down, each process on its own copy) must still not serve a page that
    # was unpublished or replaced: the database has the last word.
    current = Page.objects.filter(
        pk=hint.page.pk, live=True, url_path=hint.url_path, live_revision_id=hint.live_revision_id
    )
    if not current.exists():
        return False
    request._wagtail_route_for_request = RouteResult(hint.page)
    return True


def remember_route(request, path: str) -> None:
    """Remember how Wagtail routed `path`, if it was a plain page route."""
    site = site_for_request(request)
    result = getattr(request, "_wagtail_route_for_request", None)
    if site is None or result is None:
        return
    page, args, kwargs = result
    # Pages with their own routing (sub-URLs, RoutablePageMixin) must be asked every time.
    if args or kwargs or type(page).route is not Page.route:
        return
    # Remembered before it is served, so it carries no per-request state yet. A page that
    # names what serving it reads (a hero image) is read again with it, once.
    related = getattr(type(page), "serve_select_related", ())
    if related:
        page = type(page).objects.filter(pk=page.pk).select_related(*related).first()
    if page is not None:
        hint = RouteHint(page, page.url_path, page.live_revision_id)
        published_cache.store(_route_name(site, path), hint)


# --- Menu and footer --------------------------------------------------------------------------


def _locale(code: str) -> Locale | None:
    return Locale.objects.filter(language_code=code).first()


def _build_shell(request, site: Site) -> ShellData:
    from challenges.models import ChallengeIndexPage

    from .models import SiteFooter

    language = current_language()
    # Not SiteFooter.for_site(): that creates the row, and a save clears this very cache.
    footer = SiteFooter.objects.filter(site=site).first() or SiteFooter(site=site)
    items = (
        list(
            footer.menu_items.filter(page__live=True)
            .select_related("page__locale")
            # Items saved outside the admin's inline form have no sort_order: the order
            # they were created in decides, on every database.
            .order_by("sort_order", "pk")
        )
        if footer.pk
        else []
    )
    linked = [
        getattr(footer, name)
        for name in ("how_it_works_page", "about_page", "privacy_page", "accessibility_page")
        if getattr(footer, f"{name}_id")
    ]
    index = (
        ChallengeIndexPage.objects.live()
        .descendant_of(site.root_page)
        .filter(locale_id=site.root_page.locale_id)
        .select_related("locale")
        .order_by("path")
        .first()
    )
    pages = [item.page for item in items] + [p for p in linked if p.live]
    if index is not None:
        pages.append(index)
    localized = translations(pages, language)

    index_type = ContentType.objects.get_for_model(ChallengeIndexPage).pk
    menu, index_position = [], None
    for item in items:
        target = localized[item.page.pk]
        url = target.get_url(request)
        if not url:
            continue
        menu.append((target.title, url))
        if index_position is None and item.page.content_type_id == index_type:
            index_position = len(menu)

    def url_of(page_id: int | None) -> str:
        target = localized.get(page_id)
        return (target.get_url(request) or "") if target is not None else ""

    home = site.root_page.localized
    return ShellData(
        home_url=home.get_url(request) or "/",
        menu=tuple(menu),
        menu_index_position=index_position,
        challenges_url=url_of(index.pk if index is not None else None),
        how_it_works_url=url_of(footer.how_it_works_page_id),
        about_url=url_of(footer.about_page_id),
        privacy_url=url_of(footer.privacy_page_id),
        accessibility_url=url_of(footer.accessibility_page_id),
        contact_html=expand_db_html(footer.contact_text) if footer.contact_text else "",
    )


def shell(request) -> ShellData:
    """Menu, footer links and home URL for this request's site and language."""

    def compute() -> ShellData:
        site = site_for_request(request)
        if site is None:  # a fresh database: no site yet, but error pages still render
            return ShellData(home_url="/", menu=(), menu_index_position=None)
        return _build_shell(request, site)

    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_umecom_shell", {})
    if "shell" not in memo:
        site = site_for_request(request)
        site_id = site.pk if site else None
        memo["shell"] = published_cache.cached(
            published_cache.key("shell", site_id, current_language()), compute
        )
    return memo["shell"]


def primary_nav(request) -> list[NavItem]:
    data = shell(request)
    path = request.path if request is not None else ""
    items = [NavItem(label, url, bool(path) and path.startswith(url)) for label, url in data.menu]
    # Organisations are plain views, not pages: after the challenge register, else first.
    try:
        url = reverse("people:organisation_list")
    except NoReverseMatch:
        return items
    position = data.menu_index_position or 0
    items.insert(position, NavItem(_("Organisationer"), url, path.startswith(url)))
    return items


def footer_contact_html(request) -> str:
    return mark_safe(shell(request).contact_html)  # noqa: S308 - editor rich text, expanded


# --- Per page: language links, alternates, breadcrumbs ----------------------------------------


def _language_links(request, page: Page | None, site: Site | None) -> tuple[LanguageLink, ...]:
    current = current_language()
    links = []
    translations = {}
    if page is not None:
        translations = {
            t.locale.language_code: t
            for t in Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
        }
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url, untranslated = "", False
        if page is not None:
            translation = translations.get(code)
            if translation is None:
                untranslated = True
                target = _untranslated_landing(page, code)
                if target is not None:
                    url = target.get_url(request) or ""
            else:
                url = translation.get_url(request) or ""
        if not url and request is not None:
            here = _request_path_on_this_site(request)
            url = translate_url(here, code)
            if url == here:  # not translatable (e.g. a 404): the other language's home page
                url = ""
            untranslated = False
        if not _stays_on_this_site(url):
            url, untranslated = ("/" if code == settings.LANGUAGE_CODE else f"/{code}/"), False
        if url:
            if untranslated:
                url = f"{url}?{UNTRANSLATED_PARAM}={page.pk}"
            links.append(LanguageLink(code, str(name), url, untranslated))
    return tuple(links)


def _request_path_on_this_site(request) -> str:
    """The request's path and query as a link that cannot leave this site.

    Daphne hands over the path as the client sent it, decoded: `//evil.example/`,
    `/%2F%2Fevil.example` (→ `///evil.example`) or `/\\evil.example`, all of which a browser
    opens as another host when used as a link. Percent-encode what is not plain URL text
    (backslashes, tabs and newlines included), then keep a single leading slash.
    """
    path = "/" + escape_uri_path(request.path).lstrip("/")
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


def _stays_on_this_site(url: str) -> bool:
    # What a browser would read as a path on this host: one slash, then no slash or backslash.
    return url.startswith("/") and not url.startswith(("//", "/\\"))


# Query parameter naming the page a visitor came from when it had no translation.
UNTRANSLATED_PARAM = "fran"


def _untranslated_landing(page: Page, code: str) -> Page | None:
    """Where "English" leads from a page that has no English translation.

    The nearest ancestor that has a live translation (a challenge's register, else the home
    page): the visitor stays close to what they were reading.
    """
    locale = _locale(code)
    if locale is None:
        return None
    ancestors = list(page.get_ancestors().filter(depth__gt=1).order_by("-depth"))
    if not ancestors:
        return None
    by_key = {
        t.translation_key: t
        for t in Page.objects.live().filter(
            locale=locale, translation_key__in=[a.translation_key for a in ancestors]
        )
    }
    for ancestor in ancestors:
        if ancestor.translation_key in by_key:
            return by_key[ancestor.translation_key]
    return None


def _alternates(request, page: Page) -> tuple[tuple[str, str], ...]:
    translations = list(
        Page.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    if len(translations) < 2:
        return ()
    alternates = []
    for translation in translations:
        url = translation.get_full_url(request)
        if url:
            alternates.append((translation.locale.language_code, url))
            if translation.locale.language_code == settings.LANGUAGE_CODE:
                # Visitors whose language the site lacks get the Swedish original.
                alternates.append(("x-default", url))
    return tuple(alternates)


def _breadcrumbs(request, page: Page) -> tuple[Crumb, ...]:
    if page.depth <= 2:
        return ()
    crumbs = []
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        label = _("Startsida") if ancestor.depth == 2 else ancestor.title
        crumbs.append(Crumb(str(label), ancestor.get_url(request) or ""))
    return tuple(crumbs)


def page_shell(request, page: Page | None) -> PageShellData:
    """Language links, alternates and breadcrumbs of `page` (or of a plain view)."""
    if request is None:
        return PageShellData()
    memo = request.__dict__.setdefault("_umecom_shell", {})
    key = ("page", page.pk if page is not None else None)
    if key in memo:
        return memo[key]
    site = site_for_request(request)

    def compute() -> PageShellData:
        return PageShellData(
            languages=_language_links(request, page, site),
            alternates=_alternates(request, page),
            breadcrumbs=_breadcrumbs(request, page),
        )

    if page is None or page.pk is None:
        # Plain views: the switcher translates the URL, which needs no database at all.
        value = PageShellData(languages=_language_links(request, None, site))
    else:
        name = published_cache.key("page", site.pk if site else None, current_language(), page.pk)
        value = published_cache.cached(name, compute)
    memo[key] = value
    return value


@dataclass(frozen=True)
class UntranslatedNotice:
    title: str
    url: str


def untranslated_notice(request) -> UntranslatedNotice | None:
    """The page a visitor left through the language switcher because it has no translation.

    The switcher links such a page to the nearest translated ancestor with `?fran=<id>`; the
    landing page then says that the page exists only in Swedish, with a link back to it.
    """
    if request is None:
        return None
    raw = request.GET.get(UNTRANSLATED_PARAM, "")
    if not raw.isdigit() or len(raw) > 18:
        return None
    if current_language() == settings.LANGUAGE_CODE:
        return None  # only the default language has pages without translations
    source = Page.objects.live().filter(pk=int(raw)).select_related("locale").first()
    if source is None or source.locale.language_code != settings.LANGUAGE_CODE:
        return None
    translated = Page.objects.live().filter(
        translation_key=source.translation_key, locale__language_code=current_language()
    )
    if translated.exists():  # a stale or hand-made link: the page has a translation now
        return None
    # Marked as Swedish inside a notice in another language, for screen readers.
    title = format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, source.title)
    return UntranslatedNotice(title, source.get_url(request) or "")
