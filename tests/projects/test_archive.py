"""Ideas are archived when their challenge completes: a daily command, idempotent, with a
history entry and the same notifications as archiving by hand."""

import io

import pytest
from django.core.management import call_command

from projects.models import IdeaFollow, IdeaStatus
from projects.notifications import register_kinds
from projects.services.ideas import archive_ideas_of_completed_challenges
from tests.factories import challenges as pages
from tests.factories.ideas import IdeaFactory
from tests.factories.people import ProfileFactory
from umecom.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kinds():
    register_kinds()


def test_completed_challenges_ideas_are_archived_once_and_people_hear_of_it():
    index = pages.challenge_index()
    done = pages.challenge(title="Avslutad", plan="completed", index=index)
    running = pages.challenge(title="Pågående", plan="open", index=index)
    published = IdeaFactory(challenge=done, status=IdeaStatus.PUBLISHED)
    shortlisted = IdeaFactory(challenge=done, status=IdeaStatus.SHORTLISTED)
    submitted = IdeaFactory(challenge=done, status=IdeaStatus.SUBMITTED, published_at=None)
    declined = IdeaFactory(challenge=done, status=IdeaStatus.DECLINED, published_at=None)
    elsewhere = IdeaFactory(challenge=running, status=IdeaStatus.PUBLISHED)
    follower = ProfileFactory().user
    IdeaFollow.objects.create(idea=published, user=follower)

    assert archive_ideas_of_completed_challenges() == 2

    for idea, status in [
        (published, IdeaStatus.ARCHIVED),
        (shortlisted, IdeaStatus.ARCHIVED),
        (submitted, IdeaStatus.SUBMITTED),  # never reviewed: the team still decides
        (declined, IdeaStatus.DECLINED),
        (elsewhere, IdeaStatus.PUBLISHED),
    ]:
        idea.refresh_from_db()
        assert idea.status == status, idea.title
    event = published.events.get()
    assert (event.kind, event.actor, event.from_status) == ("archived", None, "published")
    assert Notification.objects.filter(recipient=published.author, kind="idea_status").exists()
    assert Notification.objects.filter(recipient=follower, kind="followed_idea_status").exists()
    # Run again (cron runs daily): nothing more happens.
    assert archive_ideas_of_completed_challenges() == 0
    assert published.events.count() == 1


def test_the_command_says_how_many_it_archived():
    done = pages.challenge(title="Avslutad", plan="completed")
    IdeaFactory(challenge=done, status=IdeaStatus.PUBLISHED)
    out = io.StringIO()
    call_command("archive_ideas", stdout=out)
    assert out.getvalue().strip() == "1 idé(er) arkiverade"
