"""One vocabulary on every page (issue 12): "E-postadress" (never allauth's "Epost-adress"),
"anmälan" (never "åtagande"), and "du" to a private person."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.factories.people import ProfileFactory, login

pytestmark = pytest.mark.django_db

ALLAUTH_SPELLING = re.compile(r"[Ee]post|[Ee]-post-adress|E-mail", re.UNICODE)


@pytest.fixture(autouse=True)
def _clean():
    translation.activate("sv")
    cache.clear()
    yield
    translation.activate("sv")
    cache.clear()


ANONYMOUS_PAGES = ["account_login", "account_signup", "account_reset_password"]
SIGNED_IN_PAGES = ["account_email", "account_change_password", "people:my_profile"]


def test_account_pages_spell_e_postadress_our_way(client):
    pages = {name: client.get(reverse(name)).content.decode() for name in ANONYMOUS_PAGES}
    login(client, ProfileFactory().user)
    pages |= {name: client.get(reverse(name)).content.decode() for name in SIGNED_IN_PAGES}

    wrong = {name: ALLAUTH_SPELLING.findall(html) for name, html in pages.items()}
    assert {name: hits for name, hits in wrong.items() if hits} == {}
    assert "E-postadresser" in pages["account_email"]
    assert "E-postadress" in pages["account_login"]


def test_adding_and_removing_an_address_answers_in_our_words(client):
    user = ProfileFactory().user
    login(client, user)

    added = client.post(
        reverse("account_email"), {"action_add": "", "email": "ny@example.org"}, follow=True
    )
    again = client.post(
        reverse("account_email"), {"action_add": "", "email": user.email}, follow=True
    )
    removed = client.post(
        reverse("account_email"), {"action_remove": "", "email": "ny@example.org"}, follow=True
    )

    for response in (added, again, removed):
        html = response.content.decode()
        assert not ALLAUTH_SPELLING.findall(html), ALLAUTH_SPELLING.findall(html)
    assert "Vi har skickat en bekräftelse till ny@example.org" in added.content.decode()
    assert "E-postadressen hör redan till ditt konto." in again.content.decode()
    assert "E-postadressen ny@example.org är borttagen." in removed.content.decode()


# Sources of user-facing Swedish text in the people app and the site's templates.
# people/wagtail_hooks.py is being split into people/admin/ by another helper; its menu label
# "Åtaganden" is reported there rather than edited here.
WORDING_SOURCES = [
    *Path(settings.BASE_DIR, "people").rglob("*.py"),
    *Path(settings.BASE_DIR, "templates").rglob("*.html"),
    *Path(settings.BASE_DIR, "templates").rglob("*.txt"),
]
NOT_OURS = {"wagtail_hooks.py"}


def test_no_user_facing_text_says_atagande():
    offenders = []
    for path in WORDING_SOURCES:
        if "migrations" in path.parts or path.name in NOT_OURS:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"[Åå]tagande", line):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert offenders == []
