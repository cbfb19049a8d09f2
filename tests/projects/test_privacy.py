"""Ideas in "Mina data" and in account deletion: published ideas stay under "Borttagen
användare" with their co-authors, drafts go, supports and follows go, counts stay right — all
inside account_delete's transaction."""

import pytest
from django.urls import reverse

from people.services.privacy import account_delete, user_data
from projects.models import ChallengeFollow, Idea, IdeaFollow, IdeaStatus, IdeaSupport
from projects.services import ideas as services
from tests.factories import challenges as challenge_pages
from tests.factories.ideas import IdeaFactory, accepted_coauthor
from tests.factories.people import ProfileFactory
from umecom.notifications.models import Notification
from umecom.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    challenge = challenge_pages.challenge(title="Trygga stråk", plan="open")
    person = ProfileFactory(display_name="Amina").user
    published = IdeaFactory(challenge=challenge, author=person, title="Publicerad idé")
    coauthor = accepted_coauthor(published).user
    draft = IdeaFactory(challenge=challenge, author=person, status=IdeaStatus.DRAFT)
    other = IdeaFactory(challenge=challenge, title="Någon annans")
    services.idea_support(idea=other, user=person)
    services.idea_follow(idea=other, user=person)
    ChallengeFollow.objects.create(challenge=challenge, user=person)
    notify(recipients=[person], kind="idea_status", payload={"idea": 1, "title": "x"})
    return locals()


def test_mina_data_holds_ideas_supports_follows_and_notifications(world):
    data = user_data(user=world["person"])
    assert {i["title"] for i in data["ideas"]} == {"Publicerad idé", world["draft"].title}
    assert data["idea_supports"][0]["idea"] == "Någon annans"
    assert data["follows"]["challenges"] == ["Trygga stråk"]
    assert len(data["notifications"]) == 1


def test_deleting_an_account_keeps_published_ideas_and_removes_the_rest(client, world):
    person = world["person"]
    account_delete(user=person)
    published = Idea.objects.get(pk=world["published"].pk)
    assert published.author is None and published.author_name == "Borttagen användare"
    assert not Idea.objects.filter(pk=world["draft"].pk).exists()
    assert not IdeaSupport.objects.filter(idea=world["other"]).exists()
    assert Idea.objects.get(pk=world["other"].pk).support_count == 0
    assert not IdeaFollow.objects.filter(user_id=person.pk).exists()
    assert not ChallengeFollow.objects.exists()
    assert not Notification.objects.filter(recipient_id=person.pk).exists()
    html = client.get(reverse("projects:idea_detail", args=[published.pk])).content.decode()
    assert "Borttagen användare" in html
    assert world["coauthor"].profile.display_name in html  # co-authors stay
