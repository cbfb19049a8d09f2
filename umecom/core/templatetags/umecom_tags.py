"""Template tags for the site shell: safe URLs, navigation, language switching, breadcrumbs.

Load with `{% load umecom_tags %}`. The data comes from `umecom.core.shell`, cached until an
editor publishes, so the shell costs no queries on a warm cache.
"""

from __future__ import annotations

from django import template
from django.forms.widgets import RadioSelect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from umecom import published_cache
from umecom.core import shell
from umecom.core.signals import works_in_admin

register = template.Library()


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


def _wagtail_page(context) -> Page | None:
    # `page` is a Wagtail page on page views; other views may use the name for a Paginator page.
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def primary_nav(context) -> list[shell.NavItem]:
    """Items of the main navigation: the pages editors picked in "Meny och sidfot"."""
    return shell.primary_nav(context.get("request"))


@register.simple_tag(takes_context=True)
def site_shell(context) -> shell.ShellData:
    """Home, challenge register, "how it works" and footer URLs in the active language."""
    return shell.shell(context.get("request"))


@register.simple_tag(takes_context=True)
def shell_url(context, key: str) -> str:
    """URL of a shell page in the active language: "challenges", "how_it_works", "home".

    "" when the page does not exist, so templates can write `{% if url %}`.
    """
    data = shell.shell(context.get("request"))
    return {
        "home": data.home_url,
        "challenges": data.challenges_url,
        "how_it_works": data.how_it_works_url,
        "about": data.about_url,
    }.get(key, "")


@register.simple_tag(takes_context=True)
def footer_contact(context) -> str:
    return shell.footer_contact_html(context.get("request"))


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    """Links to this page in the other languages (or the nearest translated page, saying so)."""
    data = shell.page_shell(context.get("request"), _wagtail_page(context))
    return {"links": data.languages}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context) -> dict:
    """`<link rel="alternate" hreflang>` for every live translation of the current page."""
    data = shell.page_shell(context.get("request"), _wagtail_page(context))
    return {"alternates": [{"code": code, "url": url} for code, url in data.alternates]}


@register.simple_tag(takes_context=True)
def untranslated_notice(context):
    """What the visitor came from when "English" led here from an untranslated page."""
    return shell.untranslated_notice(context.get("request"))


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *trail, page=None, current: str = "") -> dict:
    """Breadcrumbs from the home page down to the current page.

    `{% breadcrumbs page=page %}` for a Wagtail page (its ancestors, cached);
    `{% breadcrumbs "Organisationer" list_url organisation.name org_url current="Redigera" %}`
    for a plain view: label, URL pairs after the home page, then the current page's name.
    """
    request = context.get("request")
    if page is not None:
        crumbs = list(shell.page_shell(request, page).breadcrumbs)
        return {"crumbs": crumbs, "current": page.title if crumbs else ""}
    crumbs = [shell.Crumb(_("Startsida"), shell.shell(request).home_url)]
    labels, urls = trail[::2], trail[1::2]
    crumbs += [shell.Crumb(str(label), url) for label, url in zip(labels, urls, strict=True)]
    return {"crumbs": crumbs, "current": current}


@register.simple_tag(takes_context=True)
def error_summary_once(context, form, formset=None) -> bool:
    """True the first time it is asked about `form` in a request, False afterwards.

    `{{ form }}` includes the error summary, and a template that lays out fields by hand
    includes it too; this keeps a page from showing the same summary twice. A formset laid
    out beside the form (`summary_formset` in includes/form_errors.html) counts too: its
    errors alone are reason enough for the summary.
    """
    has_errors = bool(getattr(form, "errors", None)) or bool(
        formset and formset.is_bound and formset.total_error_count()
    )
    if not has_errors:
        return False
    marker = form if form is not None else formset
    if getattr(marker, "_umecom_error_summary_shown", False):
        return False
    marker._umecom_error_summary_shown = True
    return True


@register.simple_tag
def formset_error_items(formset) -> list[dict]:
    """The errors of a formset's rows for the error summary, in order: the row's number, its
    field (None for an error of the whole row), the anchor to jump to and the message. Rows
    marked for deletion are left out, as the formset's own validation leaves them out."""
    if not formset or not formset.is_bound:
        return []
    items = []
    for number, form in enumerate(formset.forms, start=1):
        if formset.can_delete and formset._should_delete_form(form):
            continue
        for error in form.non_field_errors():
            items.append({"number": number, "field": None, "anchor": "", "error": error})
        for field in form.visible_fields():
            for error in field.errors:
                anchor = field_anchor(field)
                items.append({"number": number, "field": field, "anchor": anchor, "error": error})
    return items


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


@register.simple_tag(takes_context=True)
def staff_userbar(context) -> str:
    """Wagtail's userbar ("edit this page") for staff only.

    Wagtail's own tag asks the permission backend on every page for every signed-in visitor
    (two queries). Only a member of a staff group or a superuser ever passes Wagtail's check
    (umecom/roles.py), and whether one is stays in the cache (umecom.core.signals).
    """
    request = context.get("request")
    if not works_in_admin(getattr(request, "user", None)):
        return ""
    from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

    return wagtailuserbar(context)


class PublishedFragmentNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on: list):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context) -> str:
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            # A preview shows an editor's unpublished draft: never cache it, never serve a copy.
            return self.nodelist.render(context)
        values = [value.resolve(context) for value in self.vary_on]
        name = published_cache.key("fragment", self.name, get_language() or "", *values)
        html = published_cache.lookup(name)
        if html is None:
            html = self.nodelist.render(context)
            published_cache.store(name, html)
        return html


@register.tag
def published_fragment(parser, token):
    """Render the enclosed template once and keep it until an editor publishes.

        {% published_fragment "challenge-facts" page.pk page.last_published_at today %}
          …
        {% endpublished_fragment %}

    For markup that shows published content only, never anything about the visitor (no user,
    messages, CSRF token or form). The copy is kept in `umecom.published_cache` (cleared on
    every publish, unpublish, move, setting, theme, district or image change) under the name,
    the active language and the values after it: list everything else the markup depends on
    (the day, when it shows a status or days left). Previews are rendered, never cached.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name")
    nodelist = parser.parse(("endpublished_fragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return PublishedFragmentNode(nodelist, name, [parser.compile_filter(b) for b in bits[2:]])
