"""Facts about one person shown on every page are cached per person (their unread count, the
challenges they follow, whether they work in the admin): each must change on the next page
after what it depends on changes, through the real cache and the services."""

import re

import pytest
from django.contrib.auth.models import Group

from projects.services import ideas as idea_services
from tests.factories import challenges as challenge_pages
from tests.factories.people import signed_in
from umecom import roles
from umecom.notifications.models import Notification
from umecom.notifications.services import mark_read, notify

pytestmark = pytest.mark.django_db(transaction=True)  # after-commit forgetting runs for real


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Trygga stråk på Ålidhem", plan="open")


@pytest.fixture
def person(client):
    return signed_in(client, "Mira")


def _unread(html: str) -> int:
    badge = re.search(r'class="count-badge">(\d+)<', html)
    return int(badge.group(1)) if badge else 0


def test_the_unread_count_follows_new_and_read_notifications(client, challenge, person):
    assert _unread(client.get(challenge.url).content.decode()) == 0  # now cached
    notify(recipients=[person], kind="idea_published", payload={})
    notify(recipients=[person], kind="idea_published", payload={})
    assert _unread(client.get(challenge.url).content.decode()) == 2
    first = Notification.objects.filter(recipient=person).earliest("pk")
    mark_read(user=person, notification_ids=[first.pk])
    assert _unread(client.get(challenge.url).content.decode()) == 1
    mark_read(user=person)
    assert _unread(client.get(challenge.url).content.decode()) == 0


def test_following_a_challenge_shows_on_the_next_page(client, challenge, person):
    assert "Följ utmaningen" in client.get(challenge.url).content.decode()  # now cached
    idea_services.challenge_follow(challenge=challenge, user=person)
    assert "Sluta följa utmaningen" in client.get(challenge.url).content.decode()
    idea_services.challenge_follow(challenge=challenge, user=person, follow=False)
    html = client.get(challenge.url).content.decode()
    assert "Följ utmaningen" in html and "Sluta följa" not in html


@pytest.mark.parametrize("side", ["user.groups", "group.user_set"])
def test_the_admin_bar_follows_group_membership(client, challenge, person, side):
    def shows_bar() -> bool:
        return "wagtail-userbar" in client.get(challenge.url).content.decode()

    assert not shows_bar()  # now cached
    team = Group.objects.get(name=roles.INNOVATION_TEAM)
    team.user_set.add(person) if side == "group.user_set" else person.groups.add(team)
    assert shows_bar()
    team.user_set.clear() if side == "group.user_set" else person.groups.remove(team)
    assert not shows_bar()
    person.is_superuser = True
    person.save()
    assert shows_bar()
