"""Idea cards are cached (projects/cards.py): whatever a card shows must still be current, and
nothing about one visitor may reach another."""

import pytest
from django.urls import reverse
from django.utils import translation

from projects.services import ideas as services
from tests.factories import challenges as challenge_pages
from tests.factories.base import ThemeFactory
from tests.factories.ideas import IdeaFactory, accepted_coauthor
from tests.factories.people import ProfileFactory, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Mötesplatser för unga", plan="open")


def _list(client, challenge) -> str:
    response = client.get(reverse("projects:idea_list", args=[challenge.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_your_support_shows_only_to_you(client, challenge):
    idea = IdeaFactory(challenge=challenge, title="Kvällsöppen skolgård")
    supporter = ProfileFactory(display_name="Stina").user
    services.idea_support(idea=idea, user=supporter)
    login(client, supporter)
    assert "Du stöder idén" in _list(client, challenge)
    other = ProfileFactory(display_name="Omar").user
    login(client, other)
    html = _list(client, challenge)
    assert "Kvällsöppen skolgård" in html and "Du stöder idén" not in html
    client.logout()
    html = _list(client, challenge)
    assert "Du stöder idén" not in html and "viewer-supports" not in html


def test_a_cached_card_follows_its_idea(client, challenge):
    theme = ThemeFactory(name="Fritid")
    idea = IdeaFactory(challenge=challenge, title="Kvällsöppen skolgård")
    idea.themes.add(theme)
    html = _list(client, challenge)
    assert "0 stöder" in html and "Fritid" in html

    services.idea_support(idea=idea, user=ProfileFactory().user)
    assert "1 stöder" in _list(client, challenge)

    accepted_coauthor(idea, ProfileFactory(display_name="Ines Medförfattare").user)
    assert "Ines Medförfattare" in _list(client, challenge)

    theme.name = "Fritid och kultur"
    theme.save()  # a theme's name is shared by every card: a new generation of the cache
    assert "Fritid och kultur" in _list(client, challenge)

    idea.title = "Kvällsöppen skolgård med café"
    idea.save()
    assert "Kvällsöppen skolgård med café" in _list(client, challenge)


def test_an_authors_new_name_shows_on_the_card(client, challenge):
    author = ProfileFactory(display_name="Kim").user
    IdeaFactory(challenge=challenge, author=author)
    assert "Av Kim" in _list(client, challenge)
    author.profile.display_name = "Kim Andersson"
    author.profile.save()
    assert "Av Kim Andersson" in _list(client, challenge)


def test_a_coauthors_new_name_or_departure_shows_on_the_card(client, challenge):
    idea = IdeaFactory(challenge=challenge, author=ProfileFactory(display_name="Kim").user)
    ines = ProfileFactory(display_name="Ines").user
    accepted_coauthor(idea, ines)
    other = accepted_coauthor(idea, ProfileFactory(display_name="Olle").user)
    assert "Av Kim, Ines, Olle" in _list(client, challenge)
    ines.profile.display_name = "Ines Berg"
    ines.profile.save()
    assert "Av Kim, Ines Berg, Olle" in _list(client, challenge)
    other.user.delete()  # an account deleted: its co-authorship goes with it
    html = _list(client, challenge)
    assert "Av Kim, Ines Berg" in html and "Olle" not in html


def test_cards_are_in_the_visitors_language(client, challenge):
    IdeaFactory(challenge=challenge)
    assert "0 stöder" in _list(client, challenge)
    with translation.override("en"):
        url = reverse("projects:idea_list", args=[challenge.pk])
    assert url.startswith("/en/")
    html = client.get(url).content.decode()
    assert '<html lang="en"' in html
    assert "0 stöder" not in html and "0 support" in html
