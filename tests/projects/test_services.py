"""The idea lifecycle through its services: drafts, submission, the team's decisions, history,
merging, co-authors, support, flags and moderation, and the notifications they send."""

import pytest
from django.core import mail

from projects.models import (
    ChallengeFollow,
    EventKind,
    Idea,
    IdeaFollow,
    IdeaStatus,
    IdeaSupport,
    Moderation,
)
from projects.services import ideas as services
from tests.factories import challenges as challenge_pages
from tests.factories.ideas import IdeaFactory
from tests.factories.people import ProfileFactory, staff_user
from umecom.notifications.models import Notification
from umecom.roles import INNOVATION_TEAM, MODERATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Trygga stråk på Ålidhem", plan="open")


@pytest.fixture
def author():
    return ProfileFactory(display_name="Amina").user


@pytest.fixture
def team():
    return staff_user(INNOVATION_TEAM)


def _draft(challenge, author, **kw):
    return services.idea_create(
        challenge=challenge,
        author=author,
        title=kw.pop("title", "Belysning längs cykelvägen"),
        summary=kw.pop("summary", "Mer ljus gör stråket tryggare på kvällen."),
        **kw,
    )


def test_a_draft_is_submitted_then_published_and_every_step_is_in_the_history(
    challenge, author, team
):
    idea = _draft(challenge, author, tags=["belysning", "trygghet"])
    assert idea.status == IdeaStatus.DRAFT
    assert IdeaFollow.objects.filter(idea=idea, user=author).exists()  # authors follow
    services.idea_submit(idea=idea, by=author)
    services.idea_transition(idea=idea, by=team, action="publish")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED and idea.published_at is not None
    kinds = list(idea.events.values_list("kind", "actor_id"))
    assert kinds == [
        (EventKind.CREATED, author.pk),
        (EventKind.SUBMITTED, author.pk),
        (EventKind.PUBLISHED, team.pk),
    ]
    assert sorted(t.name for t in idea.tags.all()) == ["belysning", "trygghet"]
    # The author hears about it in-app.
    assert Notification.objects.filter(recipient=author, kind="idea_status").count() == 1


def test_return_and_decline_need_a_reason_that_is_kept(challenge, author, team):
    idea = _draft(challenge, author, submit=True)
    with pytest.raises(services.IdeaError):
        services.idea_transition(idea=idea, by=team, action="decline", reason="  ")
    services.idea_transition(idea=idea, by=team, action="return", reason="Beskriv platsen")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.RETURNED and idea.status_reason == "Beskriv platsen"
    assert idea.events.last().reason == "Beskriv platsen"
    # Returned: the author edits and submits again.
    services.idea_update(idea=idea, by=author, title="Ny rubrik", summary="Ny text")
    services.idea_submit(idea=idea, by=author)
    services.idea_transition(idea=idea, by=team, action="decline", reason="Finns redan")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.DECLINED
    with pytest.raises(services.IdeaError):
        services.idea_update(idea=idea, by=author, title="x", summary="y")


def test_only_the_team_decides_and_only_from_the_right_status(challenge, author, team):
    idea = _draft(challenge, author)
    with pytest.raises(services.IdeaError):
        services.idea_transition(idea=idea, by=team, action="publish")  # still a draft
    services.idea_submit(idea=idea, by=author)
    with pytest.raises(services.IdeaError):
        services.idea_transition(idea=idea, by=author, action="publish")
    services.idea_transition(idea=idea, by=team, action="publish")
    follower = ProfileFactory().user
    services.idea_follow(idea=Idea.objects.get(pk=idea.pk), user=follower)
    services.idea_transition(idea=idea, by=team, action="shortlist")
    assert Notification.objects.filter(recipient=follower, kind="followed_idea_status").exists()
    services.idea_transition(idea=idea, by=team, action="archive")
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.ARCHIVED


def test_new_ideas_are_refused_after_the_deadline(author):
    closed = challenge_pages.challenge(title="Stängd", plan="open", idea_deadline_in=-1)
    with pytest.raises(services.IdeaError, match="tar inte emot"):
        _draft(closed, author)


def test_the_same_form_token_twice_makes_one_idea(challenge, author):
    first = _draft(challenge, author, client_token="abc123")
    second = _draft(challenge, author, client_token="abc123")
    assert first.pk == second.pk
    assert Idea.objects.filter(author=author).count() == 1


def test_description_is_sanitised_and_plain_text_becomes_paragraphs(challenge, author):
    idea = _draft(
        challenge,
        author,
        description='Hej<script>alert(1)</script>\n\n<a href="javascript:x()" onclick="y">l</a>'
        "<strong>fet</strong>",
    )
    assert "<script" not in idea.description and "javascript:" not in idea.description
    assert "onclick" not in idea.description
    assert idea.description.startswith("<p>Hej")
    assert "<strong>fet</strong>" in idea.description


def test_merging_carries_supporters_and_followers_over_once(challenge, author, team):
    target = IdeaFactory(challenge=challenge)
    source = IdeaFactory(challenge=challenge, author=author)
    both = ProfileFactory().user
    only_source = ProfileFactory().user
    for user in (both, only_source):
        services.idea_support(idea=source, user=user)
        services.idea_follow(idea=source, user=user)
    services.idea_support(idea=target, user=both)
    services.idea_merge(idea=source, into=target, by=team, reason="Samma idé")
    target.refresh_from_db()
    assert target.support_count == 2
    assert set(IdeaSupport.objects.filter(idea=target).values_list("user_id", flat=True)) == {
        both.pk,
        only_source.pk,
    }
    assert IdeaFollow.objects.filter(idea=target, user=only_source).exists()
    source.refresh_from_db()
    assert source.status == IdeaStatus.MERGED and source.merged_into_id == target.pk


def test_support_once_withdraw_and_milestone_notification(challenge, author, settings):
    idea = IdeaFactory(challenge=challenge, author=author)
    supporter = ProfileFactory().user
    services.idea_support(idea=idea, user=supporter)
    with pytest.raises(services.IdeaError, match="redan"):
        services.idea_support(idea=idea, user=supporter)
    assert Idea.objects.get(pk=idea.pk).support_count == 1
    with pytest.raises(services.IdeaError):
        services.idea_support(idea=idea, user=author)  # not one's own
    assert services.idea_unsupport(idea=idea, user=supporter)
    assert Idea.objects.get(pk=idea.pk).support_count == 0
    Idea.objects.filter(pk=idea.pk).update(support_count=9)
    services.idea_support(idea=idea, user=supporter)
    n = Notification.objects.get(recipient=author, kind="support_milestone")
    assert n.payload["count"] == 10


def test_coauthors_are_invited_accept_and_then_may_edit(challenge, author):
    idea = _draft(challenge, author)
    friend = ProfileFactory(display_name="Johan").user
    services.coauthor_invite(idea=idea, by=author, user=friend)
    assert Notification.objects.filter(recipient=friend, kind="coauthor_invitation").exists()
    from projects import permissions

    assert not permissions.can_edit_idea(friend, Idea.objects.get(pk=idea.pk))
    services.coauthor_answer(idea=idea, user=friend, accept=True)
    assert permissions.can_edit_idea(friend, Idea.objects.get(pk=idea.pk))
    with pytest.raises(services.IdeaError):
        services.coauthor_answer(idea=idea, user=friend, accept=True)


def test_three_flags_hide_an_idea_until_a_moderator_restores_it(challenge, author, settings):
    settings.IDEA_FLAG_THRESHOLD = 3
    idea = IdeaFactory(challenge=challenge, author=author)
    flaggers = [ProfileFactory().user for _ in range(3)]
    services.idea_flag(idea=idea, user=flaggers[0], reason="spam")
    with pytest.raises(services.IdeaError):
        services.idea_flag(idea=idea, user=flaggers[0], reason="spam")  # independent only
    services.idea_flag(idea=idea, user=flaggers[1], reason="spam")
    assert Idea.objects.get(pk=idea.pk).is_public
    services.idea_flag(idea=idea, user=flaggers[2], reason="offensive")
    idea.refresh_from_db()
    assert idea.moderation == Moderation.PENDING and not idea.is_public
    moderator = staff_user(MODERATORS)
    with pytest.raises(services.IdeaError):
        services.idea_moderate(idea=idea, by=author, hide=False, reason="nej")
    services.idea_moderate(idea=idea, by=moderator, hide=False, reason="Inget fel på idén")
    idea.refresh_from_db()
    assert idea.is_public and idea.moderation_reason == "Inget fel på idén"
    n = Notification.objects.get(recipient=author, kind="idea_moderated")
    assert n.payload["reason"] == "Inget fel på idén"


def test_followers_of_a_challenge_hear_of_new_published_ideas_by_email(
    challenge, author, team, django_capture_on_commit_callbacks
):
    follower = ProfileFactory(email_frequency="immediate").user
    ChallengeFollow.objects.create(challenge=challenge, user=follower)
    idea = _draft(challenge, author, submit=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_transition(idea=idea, by=team, action="publish")
    assert Notification.objects.filter(recipient=follower, kind="challenge_new_idea").exists()
    sent = [m for m in mail.outbox if follower.email in m.to]
    assert len(sent) == 1
    assert "List-Unsubscribe" in sent[0].extra_headers
    assert sent[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
