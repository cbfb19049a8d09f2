"""The ideas admin: the review queue (filters, search, bulk actions, export), the per-idea
review, and the moderators' queue — each with hostile input."""

import pytest
from django.urls import reverse

from projects.models import Idea, IdeaFlag, IdeaStatus, Moderation
from tests.factories import challenges as challenge_pages
from tests.factories.ideas import IdeaFactory
from tests.factories.people import ProfileFactory, login, staff_user
from umecom.roles import INNOVATION_TEAM, MODERATORS

pytestmark = pytest.mark.django_db

HOSTILE = ["<script>alert(1)</script>", "' OR 1=1 --", "%", "\x00", "9" * 40, "-1", "😀" * 50]


@pytest.fixture
def world():
    challenge = challenge_pages.challenge(title="Trygga stråk", plan="open")
    submitted = [
        IdeaFactory(challenge=challenge, status=IdeaStatus.SUBMITTED, title=f"Inskickad {i}")
        for i in range(3)
    ]
    published = IdeaFactory(challenge=challenge, title="Publicerad")
    return {
        "challenge": challenge,
        "submitted": submitted,
        "published": published,
        "team": staff_user(INNOVATION_TEAM),
        "moderator": staff_user(MODERATORS),
    }


def test_the_team_publishes_and_declines_many_at_once(client, world):
    login(client, world["team"])
    ids = [str(i.pk) for i in world["submitted"][:2]]
    response = client.post(reverse("ideer:bulk"), {"action": "publish", "ids": ids})
    assert response.status_code == 302
    assert Idea.objects.filter(status=IdeaStatus.PUBLISHED).count() == 3
    # Decline needs a chosen template reason; the author reads it.
    last = world["submitted"][2]
    client.post(reverse("ideer:bulk"), {"action": "decline", "ids": [str(last.pk)]})
    assert Idea.objects.get(pk=last.pk).status == IdeaStatus.SUBMITTED
    client.post(
        reverse("ideer:bulk"),
        {
            "action": "decline",
            "ids": [str(last.pk), "abc", "-3", "9" * 30],
            "reason_template": "scope",
        },
    )
    last.refresh_from_db()
    assert last.status == IdeaStatus.DECLINED and "utanför" in last.status_reason
    # Ideas in the wrong status are skipped with a message, not a failure.
    response = client.post(
        reverse("ideer:bulk"), {"action": "shortlist", "ids": [str(last.pk)]}, follow=True
    )
    assert response.status_code == 200 and Idea.objects.get(pk=last.pk).status == "declined"


def test_moderators_look_but_cannot_decide_or_export(client, world):
    login(client, world["moderator"])
    assert client.get(reverse("ideer:index")).status_code == 200
    ids = [str(world["submitted"][0].pk)]
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    response = client.post(reverse("ideer:bulk"), {"action": "publish", "ids": ids})
    assert response.status_code in (302, 403)
    assert Idea.objects.get(pk=ids[0]).status == IdeaStatus.SUBMITTED
    assert client.get(reverse("ideer:index") + "?export=csv").status_code in (302, 403)
    response = client.get(reverse("ideer:review", args=[world["submitted"][0].pk]))
    assert response.status_code in (302, 403)


def test_moderators_see_only_what_was_public_in_the_admin(client, world):
    """Issue 14: drafts, submitted and returned ideas are between the authors and the team."""
    challenge = world["challenge"]
    draft = IdeaFactory(challenge=challenge, status=IdeaStatus.DRAFT, title="Hemligt utkast")
    returned = IdeaFactory(challenge=challenge, status=IdeaStatus.RETURNED, title="Returnerad idé")
    hidden = IdeaFactory(challenge=challenge, title="Dold idé", moderation=Moderation.HIDDEN)
    IdeaFlag.objects.create(idea=hidden, user=ProfileFactory().user, reason="spam")
    login(client, world["moderator"])
    html = client.get(reverse("ideer:index")).content.decode()
    assert "Publicerad" in html and "Dold idé" in html
    assert (
        "Hemligt utkast" not in html and "Returnerad idé" not in html and "Inskickad 0" not in html
    )
    for idea in (draft, returned, world["submitted"][0]):
        assert client.get(reverse("ideer:inspect", args=[idea.pk])).status_code == 404
        assert client.get(reverse("projects:idea_detail", args=[idea.pk])).status_code == 404
    assert client.get(reverse("ideer:inspect", args=[hidden.pk])).status_code == 200
    assert client.get(reverse("projects:idea_detail", args=[hidden.pk])).status_code == 200
    assert "Dold idé" in client.get(reverse("ideer_moderering:index")).content.decode()
    # The team still sees everything.
    client.logout()
    login(client, world["team"])
    html = client.get(reverse("ideer:index")).content.decode()
    assert "Hemligt utkast" in html and "Inskickad 0" in html
    assert client.get(reverse("ideer:inspect", args=[draft.pk])).status_code == 200


def test_members_do_not_get_into_the_ideas_admin(client, world):
    login(client, ProfileFactory().user)
    response = client.get(reverse("ideer:index"))
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_team_exports_the_queue(client, world, fmt):
    login(client, world["team"])
    response = client.get(reverse("ideer:index") + f"?export={fmt}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        assert "Inskickad 0" in body.decode("utf-8")
        assert "Rubrik" in body.decode("utf-8")
    else:
        assert body[:2] == b"PK"


def test_the_queue_survives_hostile_search_and_filters(client, world):
    login(client, world["team"])
    for value in HOSTILE:
        for param in ("q", "challenge", "status", "moderation", "ordering", "p"):
            response = client.get(reverse("ideer:index"), {param: value})
            # 400 only for a NUL byte (umecom.core.middleware.reject_nul_bytes).
            assert response.status_code == (400 if "\x00" in value else 200), (param, value)
    login(client, world["moderator"])
    for value in HOSTILE:
        response = client.get(reverse("ideer_moderering:index"), {"q": value})
        assert response.status_code == (400 if "\x00" in value else 200), value


def test_review_returns_with_reason_and_merges(client, world):
    login(client, world["team"])
    idea = world["submitted"][0]
    url = reverse("ideer:review", args=[idea.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"action": "return", "reason": "Beskriv platsen närmare"})
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.RETURNED
    other = IdeaFactory(challenge=world["challenge"], title="Dubblett")
    client.post(
        reverse("ideer:review", args=[other.pk]),
        {"action": "merge", "merge_into": world["published"].pk, "reason": "Samma"},
    )
    assert Idea.objects.get(pk=other.pk).merged_into_id == world["published"].pk


@pytest.mark.parametrize("bad", ["0", "99999999", "9223372036854775808"])
def test_admin_urls_with_bad_ids_answer_404(client, world, bad):
    login(client, world["team"])
    assert client.get(f"/admin/ideer/{bad}/granska/").status_code == 404
    login(client, world["moderator"])
    assert client.get(f"/admin/ideer-moderering/{bad}/bestam/").status_code == 404


def test_moderator_restores_a_hidden_idea_with_a_reason_the_author_sees(client, world):
    idea = world["published"]
    Idea.objects.filter(pk=idea.pk).update(moderation=Moderation.PENDING)
    for _ in range(3):
        IdeaFlag.objects.create(idea=idea, user=ProfileFactory().user, reason="spam")
    login(client, world["moderator"])
    listing = client.get(reverse("ideer_moderering:index")).content.decode()
    assert "Publicerad" in listing
    url = reverse("ideer_moderering:moderate", args=[idea.pk])
    client.post(url, {"decision": "restore", "reason": "Följer reglerna"})
    idea.refresh_from_db()
    assert idea.moderation == Moderation.RESTORED
    assert not IdeaFlag.objects.filter(idea=idea, resolved_at__isnull=True).exists()
    login(client, idea.author)
    html = client.get(reverse("projects:idea_detail", args=[idea.pk])).content.decode()
    assert "Följer reglerna" in html


def test_dashboard_per_challenge_shows_charts_and_tables(
    client, world, django_assert_max_num_queries
):
    login(client, world["team"])
    url = reverse("ideer:dashboard")
    client.get(url)
    response = client.get(url, {"utmaning": world["challenge"].pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Idéer per status" in html and "<svg" in html and "Visa som tabell" in html
    for bad in HOSTILE:
        assert client.get(url, {"utmaning": bad}).status_code == (400 if "\x00" in bad else 200)
    login(client, world["moderator"])
    assert client.get(url).status_code in (302, 403)


def test_the_queue_export_gives_local_times_to_the_second(client, world):
    import csv
    import datetime as dt
    import io

    idea = world["submitted"][0]
    created = dt.datetime(2026, 1, 15, 10, 30, 15, 123456, tzinfo=dt.UTC)
    Idea.objects.filter(pk=idea.pk).update(created_at=created)
    login(client, world["team"])
    response = client.get(reverse("ideer:index") + "?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    row = next(r for r in rows if r["Rubrik"] == idea.title)
    assert row["Skapad"] == "2026-01-15 11:30:15"  # Umeå's winter time, not UTC
    assert row["Status"] == "Inskickad"
