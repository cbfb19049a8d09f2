"""A visitor's path through the public site in real Chromium: accessible, offline, strict CSP.

Each page is checked with axe-core (WCAG 2.1 A/AA; serious and critical violations fail),
must load nothing from another host, and must not trip the Content-Security-Policy
(no inline scripts or styles). Screenshots land in test-artifacts/screenshots/.
"""

import pytest

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback restores what migrations created (root page, site, groups), which a
    # transactional test's flush would otherwise wipe for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHALLENGE_INDEX_LINK = 'a[href$="/utmaningar/"]'


def assert_clean(browsing, name):
    assert not browsing.csp_violations(), f"CSP violations on {name}: {browsing.csp_violations()}"
    assert not browsing.foreign_requests(), f"{name} requested: {browsing.foreign_requests()}"


def open_first_challenge(browsing):
    browsing.goto("/")
    browsing.page.locator(CHALLENGE_INDEX_LINK).first.click()
    browsing.page.wait_for_load_state()
    index_url = browsing.page.url
    links = browsing.page.locator(
        'main a[href*="/utmaningar/"]:not([href$="/utmaningar/"]):not([href*="?"])'
    )
    assert links.count() > 0, f"no challenge links on {index_url}"
    links.first.click()
    browsing.page.wait_for_load_state()
    assert browsing.page.url != index_url
    return index_url


def test_home_page_is_accessible_and_loads_nothing_from_other_hosts(demo_content, browsing):
    response = browsing.goto("/")
    assert "default-src 'self'" in response.headers.get("content-security-policy", "")
    assert browsing.page.locator("html").get_attribute("lang") == "sv"
    assert browsing.page.locator("h1").count() == 1
    browsing.screenshot("home-sv")
    browsing.axe("home page")
    assert_clean(browsing, "home page")


def test_visitor_reaches_the_challenge_index_from_the_home_page(demo_content, browsing):
    browsing.goto("/")
    browsing.page.locator(CHALLENGE_INDEX_LINK).first.click()
    browsing.page.wait_for_load_state()
    assert browsing.page.url.endswith("/utmaningar/")
    assert browsing.page.locator("h1").count() == 1
    browsing.screenshot("challenge-index")
    browsing.axe("challenge index")
    assert_clean(browsing, "challenge index")


def test_visitor_opens_a_challenge_from_the_index(demo_content, browsing):
    open_first_challenge(browsing)
    assert browsing.page.locator("h1").count() == 1
    browsing.screenshot("challenge")
    browsing.axe("challenge page")
    assert_clean(browsing, "challenge page")


def test_language_switcher_shows_the_site_in_english(demo_content, browsing):
    browsing.goto("/")
    switcher = browsing.page.locator(
        'a[hreflang="en"], a[lang="en"], button[lang="en"], button[value="en"]'
    ).first
    assert switcher.count() == 1, "no link or button to switch to English"
    switcher.click()
    browsing.page.wait_for_load_state()
    assert browsing.page.locator("html").get_attribute("lang") == "en"
    skip_link = browsing.page.locator('a[href="#main"]').first.inner_text()
    assert "Hoppa" not in skip_link and "skip" in skip_link.lower(), (
        f"skip link is not in English: {skip_link!r}"
    )
    browsing.screenshot("home-en")
    browsing.axe("English home page")
    assert_clean(browsing, "English home page")


def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(demo_content, browsing):
    browsing.goto("/")
    browsing.page.keyboard.press("Tab")
    focused = browsing.page.evaluate(
        "() => ({href: document.activeElement.getAttribute('href'),"
        " visible: document.activeElement.getBoundingClientRect().height > 0})"
    )
    assert focused["href"] == "#main", f"first Tab focused {focused}"
    assert focused["visible"], "the focused skip link is not visible"
    browsing.screenshot("skip-link-focused")
    browsing.page.keyboard.press("Enter")
    assert browsing.page.evaluate("() => document.activeElement.id") == "main"
    assert_clean(browsing, "keyboard navigation")
