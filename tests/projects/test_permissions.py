"""Who may do what with an idea: roles × actions × idea statuses, as function calls and over
HTTP, driven by one table (meinBerlin's rules tests are the model), so the views cannot drift
from projects/permissions.py."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projects import permissions
from projects.models import (
    Idea,
    IdeaAttachment,
    IdeaEvent,
    IdeaFlag,
    IdeaFollow,
    IdeaStatus,
    IdeaSupport,
    Moderation,
)
from tests.factories import challenges as challenge_pages
from tests.factories.ideas import IdeaFactory, accepted_coauthor
from tests.factories.people import ProfileFactory, login, staff_user
from umecom.roles import INNOVATION_TEAM, MODERATORS

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "author", "coauthor", "innovation_team", "moderator"]
SIGNED_IN = set(ROLES) - {"anonymous"}
AUTHORS = {"author", "coauthor"}
STAFF = {"innovation_team", "moderator"}
# "hidden" is a published idea that a moderator has hidden.
STATES = [s.value for s in IdeaStatus] + ["hidden"]
PUBLIC = {"published", "shortlisted", "merged", "archived"}
ACTIVE = {"published", "shortlisted"}

# action → (statuses where anyone is allowed at all, roles allowed there)
TABLE = {
    "view": None,  # see allowed(): public to everyone, otherwise authors and the team
    "download": None,  # an attachment or the image: exactly who may view the idea
    "edit": ({"draft", "submitted", "returned"}, AUTHORS),
    "submit": ({"draft", "returned"}, AUTHORS),
    "support": (ACTIVE, SIGNED_IN - AUTHORS),
    "follow": (PUBLIC, SIGNED_IN),
    "flag": (PUBLIC, SIGNED_IN - AUTHORS),
    "review": (set(STATES), {"innovation_team"}),
    "moderate": (set(STATES), {"moderator"}),
}


def allowed(role: str, action: str, state: str) -> bool:
    if action in ("view", "download"):
        # Issue 14: drafts, submitted, returned and declined ideas are seen only by their
        # authors and the innovation team; moderators see what was public (hidden included).
        if state in PUBLIC or role in AUTHORS | {"innovation_team"}:
            return True
        return role == "moderator" and state == "hidden"
    states, roles = TABLE[action]
    return state in states and role in roles


CASES = [(action, state) for action in TABLE for state in STATES]


def tiny_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def world():
    challenge = challenge_pages.challenge(title="Mötesplatser på Ersboda", plan="open")
    author = ProfileFactory(display_name="Amina").user
    idea = IdeaFactory(
        challenge=challenge,
        author=author,
        title="Öppna skolgårdar",
        image=SimpleUploadedFile("skolgard.png", tiny_png(), "image/png"),
    )
    IdeaAttachment.objects.create(
        idea=idea,
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"),
        name="plan.pdf",
        content_type="application/pdf",
        size=13,
    )
    coauthor = accepted_coauthor(idea).user
    users = {
        "anonymous": None,
        "member": ProfileFactory().user,
        "author": author,
        "coauthor": coauthor,
        "innovation_team": staff_user(INNOVATION_TEAM),
        "moderator": staff_user(MODERATORS),
    }
    return {"challenge": challenge, "idea": idea, "users": users}


def set_state(idea: Idea, state: str) -> Idea:
    if state == "hidden":
        Idea.objects.filter(pk=idea.pk).update(
            status=IdeaStatus.PUBLISHED, moderation=Moderation.HIDDEN
        )
    else:
        Idea.objects.filter(pk=idea.pk).update(status=state, moderation="")
    return Idea.objects.select_related("challenge").get(pk=idea.pk)


def by_function(action: str, user, idea: Idea) -> bool:
    user = user or AnonymousUser()
    return {
        "view": lambda: permissions.can_view_idea(user, idea),
        "download": lambda: permissions.can_view_attachment(user, idea),
        "edit": lambda: permissions.can_edit_idea(user, idea),
        "submit": lambda: permissions.can_submit_idea(user, idea),
        "support": lambda: permissions.can_support_idea(user, idea),
        "follow": lambda: permissions.can_follow_idea(user, idea),
        "flag": lambda: permissions.can_flag_idea(user, idea),
        "review": lambda: permissions.can_review_idea(user),
        "moderate": lambda: permissions.can_moderate_idea(user),
    }[action]()


@pytest.mark.parametrize(("action", "state"), CASES)
def test_permission_functions_match_the_table(world, action, state):
    idea = set_state(world["idea"], state)
    for role in ROLES:
        user = world["users"][role]
        if user is not None:
            user.__dict__.pop("_umecom_groups", None)
        got = by_function(action, user, Idea.objects.select_related("challenge").get(pk=idea.pk))
        assert got is allowed(role, action, state), f"{role} {action} {state}"


def _http(client, action: str, idea: Idea, user):
    """Do `action` over HTTP; return (response, happened or None)."""
    if action == "view":
        return client.get(reverse("projects:idea_detail", args=[idea.pk])), None
    if action == "download":
        attachment = idea.attachments.get()
        response = client.get(reverse("projects:attachment", args=[idea.pk, attachment.pk]))
        image = client.get(reverse("projects:idea_image", args=[idea.pk]))
        assert image.status_code == response.status_code
        return response, None
    if action == "edit":
        response = client.post(
            reverse("projects:idea_edit", args=[idea.pk]),
            {"title": "Ändrad rubrik", "summary": "Ny sammanfattning", "action": "save"},
        )
        return response, Idea.objects.filter(pk=idea.pk, title="Ändrad rubrik").exists()
    if action == "submit":
        # A new "submitted" history row: an idea already submitted must not count as done.
        before = IdeaEvent.objects.filter(idea=idea, kind="submitted").count()
        response = client.post(reverse("projects:idea_submit", args=[idea.pk]))
        return response, IdeaEvent.objects.filter(idea=idea, kind="submitted").count() > before
    if action == "support":
        response = client.post(
            reverse("projects:idea_support", args=[idea.pk]), {"action": "support"}
        )
        return response, IdeaSupport.objects.filter(idea=idea, user=user).exists()
    if action == "follow":
        response = client.post(reverse("projects:idea_follow", args=[idea.pk]), {"follow": "1"})
        return response, IdeaFollow.objects.filter(idea=idea, user=user).exists()
    if action == "flag":
        response = client.post(
            reverse("projects:idea_flag", args=[idea.pk]), {"reason": "spam", "comment": ""}
        )
        return response, IdeaFlag.objects.filter(idea=idea, user=user).exists()
    raise AssertionError(action)


HTTP_ACTIONS = ["view", "download", "edit", "submit", "support", "follow", "flag"]
HTTP_STATES = ["draft", "submitted", "published", "returned", "declined", "hidden"]


@pytest.mark.parametrize(("action", "state"), [(a, s) for a in HTTP_ACTIONS for s in HTTP_STATES])
def test_http_obeys_the_same_table(client, world, action, state):
    for role in ROLES:
        idea = set_state(world["idea"], state)
        # Authors follow their own idea when they write it; start every role from nothing.
        IdeaFollow.objects.filter(idea=idea).delete()
        IdeaSupport.objects.filter(idea=idea).delete()
        IdeaFlag.objects.filter(idea=idea).delete()
        Idea.objects.filter(pk=idea.pk).update(title="Öppna skolgårdar")
        client.logout()
        user = world["users"][role]
        if user is not None:
            login(client, user)
        response, happened = _http(client, action, idea, user)
        ok = allowed(role, action, state)
        where = f"{role} {action} {state}"
        if action in ("view", "download"):
            assert response.status_code == (200 if ok else 404), where
            continue
        if ok:
            assert response.status_code in (200, 302), where
            assert happened, where
        else:
            assert not happened, where
            if role == "anonymous":
                assert response.status_code == 302 and "login" in response["Location"], where
            else:
                # Ideas one may not see do not exist (404); visible ones refuse (403).
                assert response.status_code in (403, 404), where


def test_ideas_are_refused_after_the_challenge_deadline(world):
    closed = challenge_pages.challenge(title="Stängd", plan="open", idea_deadline_in=-1)
    member = world["users"]["member"]
    assert permissions.can_propose_idea(member, world["challenge"])
    assert not permissions.can_propose_idea(member, closed)
    assert not permissions.can_propose_idea(AnonymousUser(), world["challenge"])
