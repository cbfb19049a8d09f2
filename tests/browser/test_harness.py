"""The browser checks themselves can fail: a planted accessibility bug and a planted leak."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_axe_check_fails_on_an_unlabelled_form_field(browsing):
    browsing.goto("/healthz/")
    # DOM changes from the test driver are not inline scripts, so CSP does not interfere.
    browsing.page.evaluate(
        """() => {
            document.documentElement.lang = 'sv';
            document.title = 'axe self-test';
            document.body.innerHTML = '<main><h1>Test</h1><form><input type="text"></form></main>';
        }"""
    )
    with pytest.raises(AssertionError, match="label"):
        browsing.axe("page with an unlabelled input")


def test_csp_and_no_leak_checks_both_see_an_image_from_another_host(browsing):
    browsing.goto("/healthz/")
    assert not browsing.csp_violations()
    browsing.page.evaluate(
        """() => new Promise(resolve => {
            const img = document.createElement('img');
            img.onerror = resolve;
            img.src = 'http://cdn.example.invalid/tracker.png';
            document.body.appendChild(img);
        })"""
    )
    assert any("cdn.example.invalid" in message for message in browsing.csp_violations())
    assert browsing.foreign_requests() == ["http://cdn.example.invalid/tracker.png"]
    # Forget the planted request so the fixture's own no-leak check passes at teardown.
    browsing.requests[:] = [url for url in browsing.requests if "example.invalid" not in url]
