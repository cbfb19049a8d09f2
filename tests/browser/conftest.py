"""Headless Chromium against pytest-django's live server, with axe-core and a no-leak check.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright's Python package; Playwright
never downloads a browser of its own here. axe-core comes from npm (package.json).
Without either, every test in this package is skipped with the reason printed by `-ra`.
"""

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("UMECOM_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Flags that keep Chromium from calling home (the machine has no internet and would be slow
# to refuse each attempt); the same set the CI image was probed with.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe is served from the live server's own origin (see `Browsing.axe`), so the page's strict
# `script-src 'self'` stays enforced while the checks run.
AXE_PATH = "/__axe__/axe.min.js"


def _missing_requirements() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (Debian/Ubuntu: apt-get install chromium)"
    if not AXE_JS.exists():
        return f"{AXE_JS.relative_to(ROOT)} is missing (run `npm ci`)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is missing (pip install -e '.[dev]')"
    return None


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    browser_items = [item for item in items if here in Path(item.fspath).parents]
    reason = _missing_requirements() if browser_items else None
    if reason is None:
        return
    if os.environ.get("UMECOM_REQUIRE_BROWSER_TESTS"):  # set by .ci/run: CI must not skip them
        raise pytest.UsageError(f"browser tests are required but cannot run: {reason}")
    print(f"\nSKIPPING {len(browser_items)} browser tests: {reason}")
    skip = pytest.mark.skip(reason=f"browser tests need Chromium and axe-core: {reason}")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture
def chromium(transactional_db, monkeypatch):
    # Function scope on purpose. While Playwright's sync API runs, the main thread sits in
    # another contextvars context with an asyncio loop: Django then hands out a different
    # connection object (asgiref locals are context-bound) and refuses ORM calls. So the
    # browser starts after the test database is set up (and the demo content loaded) and stops
    # before the database is flushed; the escape hatch below only covers the browser's lifetime.
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Browsing:
    """One browser context on the live server, recording every request it makes."""

    page: object
    base_url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    # Hosts a test sends the browser to on purpose (the loopback identity provider in
    # test_sso.py); any other host still counts as a leak.
    allowed_hosts: set[str] = field(default_factory=set)

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == 200, (
            f"GET {path} → {response.status if response else 'no response'}"
        )
        return response

    def foreign_requests(self) -> list[str]:
        # An empty record would make the no-leak check pass vacuously.
        assert self.requests, "no requests were recorded"
        allowed = {urlsplit(self.base_url).netloc, *self.allowed_hosts}
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in {"data", "blob", "about"}
            and urlsplit(url).netloc not in allowed
        ]

    def csp_violations(self) -> list[str]:
        return [m for m in self.console_errors if "Content Security Policy" in m]

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def axe(self, name: str) -> None:
        """Run axe-core's WCAG 2.1 A/AA rules; fail on serious or critical violations."""
        self.page.add_script_tag(url=self.base_url + AXE_PATH)
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = result["violations"]
        if violations:
            print(f"\naxe on {name} ({self.page.url}):\n{format_violations(violations)}")
        blocking = [v for v in violations if v.get("impact") in {"serious", "critical"}]
        assert not blocking, (
            f"{len(blocking)} serious/critical accessibility violation(s) on {name}:\n"
            + format_violations(blocking)
        )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v.get('impact')}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            target = json.dumps(node.get("target"))
            lines.append(f"      at {target}: {node.get('failureSummary', '').strip()}")
            lines.append(f"      html: {node.get('html', '')[:200]}")
        if len(v["nodes"]) > 5:
            lines.append(f"      … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.fixture
def browsing(live_server, chromium):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="sv-SE", java_script_enabled=True
    )
    axe_source = AXE_JS.read_text(encoding="utf-8")
    # Served as if from the site itself, so CSP `script-src 'self'` allows it.
    context.route(
        live_server.url + AXE_PATH,
        lambda route: route.fulfill(
            status=200, content_type="application/javascript", body=axe_source
        ),
    )
    page = context.new_page()
    session = Browsing(page=page, base_url=live_server.url)
    context.on("request", lambda request: session.requests.append(request.url))
    page.on(
        "console",
        lambda msg: session.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    yield session
    context.close()
    foreign = session.foreign_requests()
    assert not foreign, f"requests left the site: {foreign}"


@pytest.fixture
def demo_content(transactional_db):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
