"""Template tags for the site shell: safe URLs, navigation, language switching, error summary.

Load with `{% load umecom_tags %}`. The shell renders on every page, so each lookup here is
memoised on the request: a page pays for navigation and translations once, not per use.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.forms.widgets import RadioSelect
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

register = template.Library()

# Pages the primary navigation links to, found by the slug of their Swedish original (the
# English copy made by `copy_for_translation` shares its translation_key, whatever its slug).
HOW_IT_WORKS_SLUG = "sa-fungerar-det"
ABOUT_SLUG = "om-umecom"


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str


@register.simple_tag
def safe_url(name: str, *args, **kwargs) -> str:
    """`{% url %}` that yields "" instead of failing when the URL name does not exist (yet).

    Lets the shell link to optional features, e.g. `{% safe_url "people:my_profile" as url %}`
    followed by `{% if url %}…{% endif %}`.
    """
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def _memo(request, key: str, compute):
    """Cache a value on the request (or compute it every time when there is no request)."""
    if request is None:
        return compute()
    cache = request.__dict__.setdefault("_umecom_shell_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _current_language() -> str:
    # LocaleMiddleware activates the language from the URL prefix ("/en/…" → en, none → sv).
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _locale_for(code: str, request=None) -> Locale | None:
    def compute() -> Locale | None:
        return Locale.objects.filter(language_code=code).first()

    return _memo(request, f"locale:{code}", compute)


def _wagtail_page(context) -> Page | None:
    # `page` is a Wagtail page on page views; other views may use the name for a Paginator page.
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _shell_pages(request) -> dict[str, Page]:
    """The challenge index, "how it works" and "about" pages in the active language.

    Two queries at most: the Swedish originals, then their live translations.
    """

    def compute() -> dict[str, Page]:
        from challenges.models import ChallengeIndexPage

        originals: dict[str, Page] = {}
        default_locale = _locale_for(settings.LANGUAGE_CODE, request)
        if default_locale is None:
            return {}
        index = (
            ChallengeIndexPage.objects.live()
            .filter(locale=default_locale)
            .order_by("depth", "path")
            .first()
        )
        if index is not None:
            originals["challenges"] = index
        for page in (
            Page.objects.live()
            .filter(locale=default_locale, slug__in=[HOW_IT_WORKS_SLUG, ABOUT_SLUG])
            .order_by("-depth")  # the shallowest page of a slug wins
        ):
            key = "how_it_works" if page.slug == HOW_IT_WORKS_SLUG else "about"
            originals[key] = page
        language = _current_language()
        if language == settings.LANGUAGE_CODE or not originals:
            return originals
        translated = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                locale__language_code=language,
                translation_key__in=[p.translation_key for p in originals.values()],
            )
        }
        # An untranslated page is still better than a missing link: fall back to Swedish.
        return {key: translated.get(p.translation_key, p) for key, p in originals.items()}

    return _memo(request, f"shell_pages:{_current_language()}", compute)


@register.simple_tag(takes_context=True)
def primary_nav(context) -> list[NavItem]:
    """Items of the main navigation; pages that do not exist are left out."""
    request = context.get("request")
    pages = _shell_pages(request)
    labels = [
        ("challenges", _("Utmaningar")),
        ("how_it_works", _("Så fungerar det")),
        ("about", _("Om Umecom")),
    ]
    path = request.path if request else ""
    items = []
    for key, label in labels:
        page = pages.get(key)
        if page is None:
            continue
        url = page.get_url(request)
        if not url:
            continue
        current = bool(path) and path.startswith(url)
        items.append(NavItem(label=str(label), url=url, current=current))
    # Organisations are plain views, not pages: insert after "Utmaningar".
    try:
        url = reverse("people:organisation_list")
    except NoReverseMatch:
        return items
    position = 1 if items and pages.get("challenges") is not None else 0
    items.insert(
        position, NavItem(label=str(_("Organisationer")), url=url, current=path.startswith(url))
    )
    return items


@register.simple_tag(takes_context=True)
def shell_url(context, key: str) -> str:
    """URL of a shell page in the active language: "challenges", "how_it_works" or "about".

    "" when the page does not exist, so templates can write `{% if url %}`.
    """
    request = context.get("request")
    page = _shell_pages(request).get(key)
    return (page.get_url(request) or "") if page is not None else ""


@register.simple_tag(takes_context=True)
def localized_url(context, page) -> str:
    """URL of `page` in the active language (its live translation, else the page itself).

    For the footer's links, whose targets editors pick once in the Swedish site settings.
    """
    if not isinstance(page, Page):
        return ""
    request = context.get("request")

    def compute() -> str:
        language = _current_language()
        target = page
        if page.locale_id and language != settings.LANGUAGE_CODE:
            translation = (
                Page.objects.live()
                .filter(translation_key=page.translation_key, locale__language_code=language)
                .first()
            )
            target = translation or page
        if not target.live:
            return ""
        return target.get_url(request) or ""

    return _memo(request, f"localized_url:{page.pk}:{_current_language()}", compute)


def _home_in(request, locale: Locale) -> Page | None:
    site = Site.find_for_request(request) if request is not None else None
    root = site.root_page if site else None
    if root is None:
        return None
    if root.locale_id == locale.pk:
        return root
    return Page.objects.live().filter(translation_key=root.translation_key, locale=locale).first()


def _language_links(context) -> list[LanguageLink]:
    request = context.get("request")
    current = _current_language()
    page = _wagtail_page(context)
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url = ""
        locale = _locale_for(code, request)
        if page is not None and locale is not None:
            translation = page.get_translation_or_none(locale)
            if translation is None or not translation.live:
                translation = _home_in(request, locale)
            if translation is not None:
                url = translation.get_url(request) or ""
        if not url and request is not None:
            here = _request_path_on_this_site(request)
            url = translate_url(here, code)
            if url == here:  # not translatable (e.g. a 404): the other language's home page
                url = ""
        if not _stays_on_this_site(url):
            url = _home_url(request, locale, code)
        if url:
            links.append(LanguageLink(code=code, name=name, url=url))
    return links


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


def _home_url(request, locale: Locale | None, code: str) -> str:
    home = _home_in(request, locale) if locale is not None else None
    url = (home.get_url(request) or "") if home is not None else ""
    return (
        url
        if _stays_on_this_site(url)
        else ("/" if code == settings.LANGUAGE_CODE else f"/{code}/")
    )


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    """Links to this page in the other languages (or their home page when not translated)."""
    return {"links": _language_links(context)}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context) -> dict:
    """`<link rel="alternate" hreflang>` for every live translation of the current page."""
    page = _wagtail_page(context)
    request = context.get("request")
    if page is None:
        return {"alternates": []}
    translations = list(
        Page.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    if len(translations) < 2:
        return {"alternates": []}
    alternates = []
    for translation in translations:
        url = translation.get_full_url(request)
        if url:
            alternates.append({"code": translation.locale.language_code, "url": url})
            if translation.locale.language_code == settings.LANGUAGE_CODE:
                # Visitors whose language the site lacks get the Swedish original.
                alternates.append({"code": "x-default", "url": url})
    return {"alternates": alternates}


@register.simple_tag(takes_context=True)
def error_summary_once(context, form) -> bool:
    """True the first time it is asked about `form` in a request, False afterwards.

    `{{ form }}` includes the error summary, and a template that lays out fields by hand
    includes it too; this keeps a page from showing the same summary twice.
    """
    if form is None or not getattr(form, "errors", None):
        return False
    if getattr(form, "_umecom_error_summary_shown", False):
        return False
    form._umecom_error_summary_shown = True
    return True


@register.simple_tag
def field_anchor(field) -> str:
    """The id an error-summary link should jump to: the input, or a group's first option."""
    widget = field.field.widget
    if not field.auto_id or field.is_hidden:
        return ""
    if isinstance(widget, RadioSelect):  # radio buttons and checkbox lists
        return widget.id_for_label(field.auto_id, index="0")
    return field.id_for_label or f"{field.auto_id}_0"  # MultiWidget parts are suffixed _0, _1


@register.simple_tag
def elided_pages(page_obj) -> list:
    """Page numbers around the current one, with `…` gaps (Paginator.ELLIPSIS)."""
    paginator = page_obj.paginator
    return list(paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))
