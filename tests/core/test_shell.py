"""The site shell: error pages, landmarks, language switching, form markup and the CSP."""

import re

import pytest
from django import forms
from django.template import Context, RequestContext, Template, loader
from django.utils import translation
from wagtail.models import Locale, Page, Site

from tests.core.broken_cache import BrokenCache
from umecom.core.models import ContentPage, HomePage, SiteFooter, SiteMenuItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def locales():
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return sv, en


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def site_tree(locales):
    """Wagtail root → Swedish HomePage (site root) with an English translation, and an
    "about" content page translated to English plus a "how it works" page in Swedish only."""
    sv, en = locales
    root = Page.get_first_root_node()
    home = HomePage(
        title="Umecom", slug="umecom-hem", hero_heading="Tillsammans för Umeå", locale=sv
    )
    root.add_child(instance=home)
    home = _publish(home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    home_en = _publish(home.copy_for_translation(en))

    about = ContentPage(title="Om Umecom", slug="om-umecom", intro="Om plattformen.")
    home.add_child(instance=about)
    about = _publish(about)
    about_en = about.copy_for_translation(en)
    about_en.title = "About Umecom"
    about_en = _publish(about_en)

    how = ContentPage(title="Så fungerar det", slug="sa-fungerar-det", intro="Steg för steg.")
    home.add_child(instance=how)
    how = _publish(how)
    footer = SiteFooter.for_site(site)
    footer.menu_items = [SiteMenuItem(page=how), SiteMenuItem(page=about)]
    footer.about_page = about
    footer.save()
    return {"home": home, "home_en": home_en, "about": about, "about_en": about_en, "how": how}


def _language_links(html: str) -> list[str]:
    return re.findall(r'<a class="language-switcher__link"[^>]*>', html)


# --- Error pages --------------------------------------------------------------------------


def test_unknown_swedish_url_gives_a_friendly_swedish_404(client, site_tree):
    response = client.get("/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="sv">' in html
    assert "Sidan finns inte" in html
    assert 'href="/"' in html  # back to the start page


def test_unknown_english_url_gives_a_404_in_english(client, site_tree):
    response = client.get("/en/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html
    # The switcher offers the same address in Swedish.
    assert 'href="/finns-inte/"' in html


def test_unknown_url_gives_404_on_a_fresh_database_without_a_home_page(client, locales):
    # A fresh database has only Wagtail's "Welcome" page; the shell must still render.
    for url in ("/finns-inte/", "/en/finns-inte/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert '<main id="main"' in response.content.decode()


def test_server_error_page_renders_without_request_or_database():
    with translation.override("sv"):
        html = loader.get_template("500.html").render()
    assert "Något gick fel" in html
    assert "/static/css/umecom.css" in html
    assert "style=" not in html


# --- Landmarks and shell ------------------------------------------------------------------


def test_base_template_has_skip_link_language_and_main_landmark(client, site_tree):
    html = client.get("/").content.decode()
    assert '<html lang="sv">' in html
    skip = html.index('class="skip-link" href="#main"')
    main = html.index('<main id="main"')
    assert skip < main
    assert "<header" in html and "<footer" in html
    assert 'aria-label="Huvudmeny"' in html


def _nav(html: str) -> str:
    return html[html.index('class="site-nav"') : html.index("</nav>")]


def test_primary_navigation_shows_the_pages_editors_picked_in_their_order(client, site_tree):
    nav = _nav(client.get("/").content.decode())
    assert nav.index('href="/sa-fungerar-det/">Så fungerar det<') < nav.index(
        'href="/om-umecom/">Om Umecom<'
    )
    assert 'href="/organisationer/"' in nav  # a view, always there
    assert "Utmaningar" not in nav  # not picked (and there is no challenge index here)


def test_english_menu_shows_the_translations_of_the_picked_pages(client, site_tree):
    nav = _nav(client.get("/en/").content.decode())
    assert 'href="/en/om-umecom/">About Umecom<' in nav
    # Not translated: the Swedish page is better than a missing link.
    assert 'href="/sa-fungerar-det/">Så fungerar det<' in nav


def test_menu_follows_the_setting_and_not_page_slugs(client, site_tree):
    footer = SiteFooter.for_site(site_tree["home"].get_site())
    footer.menu_items = [SiteMenuItem(page=site_tree["about"])]
    footer.save()
    nav = _nav(client.get("/").content.decode())
    assert 'href="/om-umecom/"' in nav
    assert "/sa-fungerar-det/" not in nav


def test_anonymous_visitor_sees_login_and_signup(client, site_tree):
    html = client.get("/").content.decode()
    assert 'href="/konto/login/"' in html
    assert 'href="/konto/signup/"' in html
    assert "Logga ut" not in html


def test_signed_in_member_logs_out_with_a_post_form(client, site_tree, user):
    client.force_login(user)
    html = client.get("/").content.decode()
    logout = re.search(r'<form method="post" action="(?P<action>[^"]+)">', html)
    assert logout is not None and logout["action"] == "/konto/logout/"
    assert "Logga in" not in html


def test_safe_url_gives_empty_string_for_unknown_url_names():
    html = Template(
        '{% load umecom_tags %}[{% safe_url "no-such:name" %}][{% safe_url "healthz" %}]'
    ).render(Context({}))
    assert html == "[][/healthz/]"


def test_site_shell_costs_no_queries_once_cached(client, site_tree, django_assert_num_queries):
    client.get("/om-umecom/")  # builds the shell: site, menu, footer, languages, breadcrumbs
    with django_assert_num_queries(1):  # the page itself, by its remembered route
        html = client.get("/om-umecom/").content.decode()
    assert 'href="/sa-fungerar-det/"' in _nav(html)
    assert 'href="/en/om-umecom/"' in html


@pytest.mark.parametrize(
    "change",
    ["publish", "unpublish", "move", "delete", "settings"],
)
def test_publishing_clears_the_cached_shell(client, site_tree, change):
    client.get("/")  # cached
    how = site_tree["how"]
    if change == "publish":
        how.title = "Så funkar det"
        how.save_revision().publish()
        expected, gone = ">Så funkar det<", ">Så fungerar det<"
    elif change == "unpublish":
        how.unpublish()
        expected, gone = 'href="/om-umecom/"', "/sa-fungerar-det/"
    elif change == "move":
        how.move(site_tree["about"], pos="last-child")
        expected, gone = 'href="/om-umecom/sa-fungerar-det/"', 'href="/sa-fungerar-det/"'
    elif change == "delete":
        how.delete()
        expected, gone = 'href="/om-umecom/"', "/sa-fungerar-det/"
    else:
        footer = SiteFooter.for_site(site_tree["home"].get_site())
        footer.menu_items = [SiteMenuItem(page=site_tree["about"])]
        footer.save()
        expected, gone = 'href="/om-umecom/"', "/sa-fungerar-det/"
    nav = _nav(client.get("/").content.decode())
    assert expected in nav
    assert gone not in nav


def test_shell_renders_when_the_cache_backend_raises(client, site_tree, monkeypatch, caplog):
    # Only the shell's cache breaks here: Wagtail's own use of the cache (site root paths,
    # renditions) is made outage-tolerant by the cache backend configuration itself.
    from umecom import published_cache

    monkeypatch.setattr(published_cache, "cache", BrokenCache())
    for _ in range(2):
        response = client.get("/om-umecom/")
        assert response.status_code == 200
        assert 'href="/sa-fungerar-det/"' in _nav(response.content.decode())
    outage = [r for r in caplog.records if "cache unavailable" in r.getMessage()]
    assert len(outage) == 1  # logged once, not on every lookup


# --- Language switcher --------------------------------------------------------------------


def test_language_switcher_links_to_the_translation_of_the_page(client, site_tree):
    html = client.get("/om-umecom/").content.decode()
    links = _language_links(html)
    assert len(links) == 1
    assert 'href="/en/om-umecom/"' in links[0]
    assert 'lang="en"' in links[0] and 'hreflang="en"' in links[0]
    assert ">English</a>" in html


def test_language_switcher_on_english_page_links_back_to_swedish(client, site_tree):
    response = client.get("/en/om-umecom/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    links = _language_links(html)
    assert len(links) == 1
    assert 'href="/om-umecom/"' in links[0] and 'hreflang="sv"' in links[0]
    assert ">Svenska</a>" in html


def test_language_follows_the_url_not_a_language_cookie(client, site_tree):
    client.cookies["django_language"] = "en"
    html = client.get("/om-umecom/").content.decode()
    assert '<html lang="sv">' in html
    assert 'href="/en/om-umecom/"' in html


def test_language_switcher_leads_an_untranslated_page_to_the_nearest_translated_one(
    client, site_tree
):
    html = client.get("/sa-fungerar-det/").content.decode()
    links = _language_links(html)
    assert len(links) == 1
    assert f'href="/en/?fran={site_tree["how"].pk}"' in links[0]


def test_english_landing_page_says_the_page_is_only_in_swedish(client, site_tree):
    html = client.get(f"/en/?fran={site_tree['how'].pk}").content.decode()
    assert '“<span lang="sv">Så fungerar det</span>” is only available in Swedish.' in html
    assert 'href="/sa-fungerar-det/" hreflang="sv">Read it in Swedish</a>' in html


@pytest.mark.parametrize("value", ["", "abc", "-1", "99999999", "9" * 25])
def test_landing_page_ignores_unknown_or_odd_source_pages(client, site_tree, value):
    response = client.get(f"/en/?fran={value}")
    assert response.status_code == 200
    assert "only available in Swedish" not in response.content.decode()


def test_landing_notice_is_not_shown_for_a_page_that_has_a_translation(client, site_tree):
    html = client.get(f"/en/?fran={site_tree['home'].pk}").content.decode()
    assert "only available in Swedish" not in html


def test_translated_page_declares_its_alternates_in_the_head(client, site_tree):
    html = client.get("/om-umecom/").content.decode()
    head = html[: html.index("</head>")]
    assert re.search(
        r'<link rel="alternate" hreflang="en" href="http://[^"]+/en/om-umecom/">', head
    )
    assert re.search(r'<link rel="alternate" hreflang="sv" href="http://[^"]+/om-umecom/">', head)
    x_default = r'<link rel="alternate" hreflang="x-default" href="http://[^"]+/om-umecom/">'
    assert re.search(x_default, head)


def test_untranslated_page_declares_no_alternates(client, site_tree):
    html = client.get("/sa-fungerar-det/").content.decode()
    assert 'rel="alternate"' not in html


def test_language_switcher_without_a_page_translates_the_url(rf, site_tree):
    request = rf.get("/konto/login/?next=/profil/")
    html = Template("{% load umecom_tags %}{% language_switcher %}").render(
        Context({"request": request})
    )
    assert 'href="/en/konto/login/?next=/profil/"' in html


# --- Form rendering -----------------------------------------------------------------------


class ExampleForm(forms.Form):
    name = forms.CharField(label="Namn", help_text="Som du vill synas för andra.")
    email = forms.EmailField(label="E-post", required=False)
    themes = forms.MultipleChoiceField(
        label="Teman",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Välj minst ett.",
    )
    accept = forms.BooleanField(label="Jag godkänner villkoren")

    def clean(self):
        raise forms.ValidationError("Formuläret kunde inte skickas.")


def test_invalid_field_is_marked_invalid_and_described_by_help_and_error():
    html = str(ExampleForm(data={"email": "inte-en-adress"}))
    name_input = re.search(r'<input type="text" name="name"[^>]*>', html)[0]
    assert 'aria-invalid="true"' in name_input
    assert 'aria-describedby="id_name_helptext id_name_error"' in name_input
    assert 'id="id_name_helptext"' in html and 'id="id_name_error"' in html
    assert '<label class="field__label" for="id_name">Namn</label>' in html
    email_input = re.search(r'<input type="email" name="email"[^>]*>', html)[0]
    assert (
        'aria-invalid="true"' in email_input and 'aria-describedby="id_email_error"' in email_input
    )


def test_valid_bound_field_is_not_marked_invalid():
    html = str(ExampleForm(data={"name": "Lisa", "themes": ["a"], "accept": "on"}))
    name_input = re.search(r'<input type="text" name="name"[^>]*>', html)[0]
    assert "aria-invalid" not in name_input
    assert 'aria-describedby="id_name_helptext"' in name_input


def test_checkbox_group_is_a_fieldset_described_by_help_and_error():
    html = str(ExampleForm(data={}))
    fieldset = re.search(r"<fieldset[^>]*>\s*<legend[^>]*>Teman", html)
    assert fieldset is not None
    assert 'aria-describedby="id_themes_helptext id_themes_error"' in fieldset[0]


def test_error_summary_lists_every_error_with_a_link_to_its_field():
    html = str(ExampleForm(data={}))
    summary = html[
        html.index('class="error-summary"') : html.index("</ul>", html.index("error-summary"))
    ]
    assert "Formuläret kunde inte skickas." in summary  # non-field error
    assert 'href="#id_name"' in summary
    assert 'href="#id_themes_0"' in summary  # a group links to its first option
    assert 'href="#id_accept"' in summary
    assert 'href="#id_email"' not in summary  # optional and empty: no error


def test_error_summary_is_shown_once_when_a_template_also_includes_it():
    form = ExampleForm(data={})
    html = Template('{% include "includes/form_errors.html" with form=form %}{{ form }}').render(
        Context({"form": form})
    )
    assert html.count('class="error-summary"') == 1


def test_unbound_form_has_no_error_summary_and_no_invalid_fields():
    html = str(ExampleForm())
    assert "error-summary" not in html
    assert "aria-invalid" not in html


# --- Content Security Policy --------------------------------------------------------------


def test_public_page_has_strict_csp_and_no_inline_styles_or_scripts(client, site_tree):
    response = client.get("/om-umecom/")
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    html = response.content.decode()
    assert "style=" not in html
    assert "<style" not in html
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script, script


def test_404_page_has_no_inline_styles(client, site_tree):
    response = client.get("/finns-inte/")
    assert "'unsafe-inline'" not in response.headers.get("Content-Security-Policy", "")
    assert "style=" not in response.content.decode()


# --- Shared includes ----------------------------------------------------------------------


def test_challenge_card_shows_status_deadline_and_taxonomy_without_extra_queries(
    rf, theme, district, django_assert_num_queries
):
    from challenges.selectors import challenge_queryset
    from tests.factories import challenges as build

    for n in range(3):
        build.challenge(
            title=f"Utmaning {n}",
            plan="open",
            idea_deadline_in=10,
            themes=[theme],
            districts=[district],
            hero_image=build.hero_image() if n == 0 else None,
        )
    challenges = list(challenge_queryset())
    request = rf.get("/")
    template = Template(
        '{% for c in challenges %}{% include "includes/challenge_card.html" with challenge=c %}'
        "{% endfor %}"
    )
    # The first render creates the image rendition and caches the site's root paths.
    template.render(Context({"challenges": challenges, "request": request}))
    # After that the cards need nothing more: status is annotated, themes, districts and
    # the image are prefetched by the selector, so no card adds a query.
    with django_assert_num_queries(0):
        html = template.render(Context({"challenges": challenges, "request": request}))
    assert html.count('class="badge badge--open"') == 3
    assert html.count('<h3 class="card__title">') == 3
    assert f">{theme.label}</li>" in html and f">{district.label}</li>" in html
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">\d{1,2} \w+ \d{4}</time>', html)
    assert html.count('alt=""') == 1  # the image is decorative next to its title


def test_pagination_keeps_filters_and_marks_the_current_page(rf):
    from django.core.paginator import Paginator

    page_obj = Paginator(list(range(100)), 10).page(5)
    request = rf.get("/utmaningar/", {"status": "open", "sida": "5"})
    html = Template('{% include "includes/pagination.html" %}').render(
        RequestContext(request, {"page_obj": page_obj})
    )
    assert 'href="?status=open&amp;sida=4" rel="prev"' in html
    assert 'href="?status=open&amp;sida=6" rel="next"' in html
    assert re.search(r'href="\?status=open&amp;sida=5" aria-current="page"', html)
    assert "…" in html  # pages far from the current one are elided


def test_optional_fields_say_so_unless_the_form_opts_out():
    class FilterForm(forms.Form):
        hide_optional_marker = True
        q = forms.CharField(label="Sök", required=False)

    assert "(frivilligt)" in str(ExampleForm())  # the e-mail field
    assert "(frivilligt)" not in str(FilterForm())


@pytest.mark.django_db
def test_admin_login_page_is_swedish_including_the_password_label(client):
    body = client.get("/admin/login/").content.decode()
    assert "Lösenord" in body
    assert ">\n            Password<" not in body and "Password<span" not in body


# --- Wagtail's userbar ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "group, shown", [(None, False), ("Redaktörer", True), ("Innovationsteamet", True)]
)
def test_userbar_shows_for_staff_and_never_for_citizens(client, site_tree, user, group, shown):
    from django.contrib.auth.models import Group

    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    html = client.get("/om-umecom/").content.decode()
    assert ('id="wagtail-userbar-template"' in html) is shown


def test_a_page_reads_the_cache_generation_once(client, site_tree, monkeypatch):
    """The shell asks for a dozen cached values; the generation is read once per request, not
    once per value (it doubled the round trips to Redis and halved the server's throughput)."""
    from umecom import published_cache

    client.get("/om-umecom/")  # warm: routes, menu, footer are cached from here on
    reads = []
    real_get = published_cache.cache.get

    def counting_get(key, *args, **kwargs):
        if key == published_cache.GENERATION_KEY:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(published_cache.cache, "get", counting_get)
    assert client.get("/om-umecom/").status_code == 200
    assert len(reads) == 1


def test_a_publish_inside_a_request_scope_moves_its_own_generation():
    from umecom import published_cache

    with published_cache.request_scope():
        before = published_cache._generation()
        published_cache.invalidate()
        after = published_cache._generation()
    assert before != after
    assert published_cache._generation() == after  # and every later request sees it too


def test_a_process_keeps_copies_of_cached_values_until_the_generation_moves(monkeypatch):
    """Values never change within a generation, so the process's own copy saves the round trip;
    each lookup gets its own copy, and a publish (a new generation) is never served old ones."""
    from umecom import published_cache

    calls = {"compute": 0, "shared_reads": 0}
    real_get = published_cache.cache.get

    def counting_get(key, *args, **kwargs):
        if key != published_cache.GENERATION_KEY:
            calls["shared_reads"] += 1
        return real_get(key, *args, **kwargs)

    def compute():
        calls["compute"] += 1
        return ["menu", calls["compute"]]

    monkeypatch.setattr(published_cache.cache, "get", counting_get)
    first = published_cache.cached("copies-test", compute)
    first.append("changed by a template")
    second = published_cache.cached("copies-test", compute)
    assert second == ["menu", 1]  # a copy: the first caller's change did not leak
    assert calls == {"compute": 1, "shared_reads": 1}  # the second came from the process
    published_cache.invalidate()
    assert published_cache.cached("copies-test", compute) == ["menu", 2]


def test_a_value_that_does_not_pickle_is_served_uncached_and_named_as_a_bug(caplog):
    from umecom import published_cache

    calls = []

    def compute():
        calls.append(1)
        return {"restrictions": lambda: []}  # what a served page carries: not picklable

    for _ in range(2):
        assert "restrictions" in published_cache.cached("unpicklable-test", compute)
    assert len(calls) == 2
    errors = [r for r in caplog.records if "cannot be pickled" in r.getMessage()]
    assert len(errors) == 1 and not [r for r in caplog.records if "unavailable" in r.getMessage()]
