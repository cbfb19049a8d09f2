"""The public idea pages over HTTP: proposing (drafts, double clicks, failed uploads, similar
ideas), lists (sort, filter, empty states, pinned query counts), bad ids and hostile text."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projects.models import Idea, IdeaStatus, IdeaSupport
from tests.factories import challenges as challenge_pages
from tests.factories.base import DistrictFactory, ThemeFactory
from tests.factories.ideas import IdeaFactory, accepted_coauthor
from tests.factories.people import ProfileFactory, signed_in
from umecom.notifications.services import notify

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
    "'';!--\"<XSS>=&{()}",
]


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Mötesplatser för unga", plan="open")


@pytest.fixture
def member(client):
    return signed_in(client, "Sara")


def png_bytes(exif: bool = False) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "teal").save(buffer, "JPEG" if exif else "PNG")
    return buffer.getvalue()


def propose(client, challenge, **data):
    fields = {"title": "Kvällsöppen skolgård", "summary": "Öppna skolgården för unga."}
    fields.update(data)
    return client.post(reverse("projects:idea_propose", args=[challenge.pk]), fields)


def test_a_draft_is_saved_and_submitted_later(client, challenge, member):
    response = propose(client, challenge, action="draft", similar_checked="1")
    idea = Idea.objects.get(author=member)
    assert response.status_code == 302 and idea.status == IdeaStatus.DRAFT
    assert client.get(reverse("projects:my_ideas")).content.decode().count(idea.title) == 1
    client.post(reverse("projects:idea_submit", args=[idea.pk]))
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.SUBMITTED


def test_a_double_clicked_submit_makes_one_idea(client, challenge, member):
    data = {"client_token": "token-1", "action": "submit", "similar_checked": "1"}
    first = propose(client, challenge, **data)
    second = propose(client, challenge, **data)
    assert Idea.objects.filter(author=member).count() == 1
    assert first["Location"] == second["Location"]


def test_a_failed_upload_keeps_what_was_typed(client, challenge, member):
    bad = SimpleUploadedFile("evil.png", b"not an image at all", content_type="image/png")
    response = propose(
        client,
        challenge,
        description="Min långa beskrivning",
        image=bad,
        image_alt="x",
        similar_checked="1",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kvällsöppen skolgård" in html and "Min långa beskrivning" in html
    assert "Välj bilden igen" in html
    assert not Idea.objects.exists()


def test_an_image_is_shrunk_renamed_and_stripped(client, challenge, member):
    upload = SimpleUploadedFile("anna-svensson.jpg", png_bytes(exif=True), "image/jpeg")
    propose(client, challenge, image=upload, image_alt="En skolgård", similar_checked="1")
    idea = Idea.objects.get(author=member)
    assert "anna" not in idea.image.name
    assert max(idea.image_width, idea.image_height) <= 1200


def test_similar_ideas_are_shown_on_submit_without_javascript(client, challenge, member):
    IdeaFactory(challenge=challenge, title="Kvällsöppen skolgård i Ersboda", summary="Skolgård")
    response = propose(client, challenge, action="submit")
    html = response.content.decode()
    assert response.status_code == 200 and "Liknande idéer" in html
    assert "Kvällsöppen skolgård i Ersboda" in html
    assert not Idea.objects.filter(author=member).exists()
    # The second press sends it anyway.
    response = propose(client, challenge, action="submit", similar_checked="1")
    assert Idea.objects.filter(author=member, status=IdeaStatus.SUBMITTED).exists()


def test_the_similar_endpoint_answers_json(client, challenge):
    IdeaFactory(challenge=challenge, title="Cykelbana längs älven", summary="Säkrare cykling")
    IdeaFactory(challenge=challenge, title="Bokcirkel", summary="Läsning", status="draft")
    url = reverse("projects:similar")
    data = client.get(url, {"utmaning": challenge.pk, "q": "cykelbana älven"}).json()
    assert [r["title"] for r in data["results"]] == ["Cykelbana längs älven"]
    assert client.get(url, {"utmaning": "-1", "q": "x"}).status_code == 404
    assert client.get(url, {"utmaning": "9" * 30, "q": "x"}).status_code == 404


def test_proposing_after_the_deadline_is_refused_with_a_message(client, member):
    closed = challenge_pages.challenge(title="Stängd", plan="open", idea_deadline_in=-1)
    response = propose(client, closed, similar_checked="1")
    assert "tar inte emot nya idéer" in response.content.decode()
    assert not Idea.objects.exists()


def test_proposing_is_rate_limited_with_a_clear_message(client, challenge, member, settings):
    settings.IDEA_RATE_LIMITS = {"idea_propose": "2/h/user"}
    for n in range(3):
        response = propose(client, challenge, title=f"Idé {n}", similar_checked="1")
    assert Idea.objects.filter(author=member).count() == 2
    assert "Vänta en stund" in response.content.decode()


@pytest.mark.parametrize("bad", ["0", "-1", "99999999", "9223372036854775808", "1" * 40, "abc"])
def test_every_idea_url_answers_404_to_bad_ids(client, member, bad):
    names = [
        "idea_detail", "idea_edit", "idea_submit", "idea_delete", "idea_support",
        "idea_follow", "idea_flag", "coauthor_invite", "coauthor_answer",
    ]  # fmt: skip
    for name in names:
        path = reverse(f"projects:{name}", args=[1]).replace("/1/", f"/{bad}/")
        # GET on a POST-only URL may say 405 first; it never reaches the database.
        assert client.get(path).status_code in (404, 405), path
        assert client.post(path).status_code == 404, path
    for name in ["idea_list", "idea_propose", "challenge_follow"]:
        path = reverse(f"projects:{name}", args=[1]).replace("/1/", f"/{bad}/")
        assert client.post(path).status_code == 404, path


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_description_help_shows_its_markup_examples_as_text(client, challenge, member, prefix):
    html = client.get(prefix + reverse("projects:idea_propose", args=[challenge.pk])).content
    html = html.decode()
    help_text = re.search(
        r'<div class="field__help" id="id_description_helptext">(.*?)</div>', html
    )
    assert help_text is not None
    shown = help_text.group(1)
    assert "&lt;ul&gt;&lt;li&gt;" in shown and "&lt;a href=…&gt;" in shown
    assert "&lt;strong&gt;" in shown
    assert "<" not in shown  # no real list, bold or link: an unclosed <a> linked the page
    assert html.count("<a ") == html.count("</a>")


def test_line_breaks_in_the_teams_reasons_are_kept_on_the_idea_and_in_notifications(
    client, challenge, member
):
    reason = "Tack för idén!\nVi behöver veta mer.\n<i>Hör av dig</i>"
    idea = IdeaFactory(
        challenge=challenge, author=member, status=IdeaStatus.RETURNED, status_reason=reason
    )
    notify(
        recipients=[member],
        kind="idea_status",
        payload={"idea": idea.pk, "title": idea.title, "status": "returned", "reason": reason},
    )
    shown = "Tack för idén!<br>Vi behöver veta mer.<br>&lt;i&gt;Hör av dig&lt;/i&gt;"
    assert shown in client.get(reverse("projects:idea_detail", args=[idea.pk])).content.decode()
    assert shown in client.get(reverse("notifications:list")).content.decode()


def test_hostile_text_is_escaped_everywhere(client, challenge, member):
    for n, payload in enumerate(XSS):
        propose(
            client,
            challenge,
            title=f"{payload} {n}",
            summary=payload,
            description=payload,
            tags=f"{payload}, ok",
            action="submit",
            client_token=f"t{n}",
            similar_checked="1",
        )
    Idea.objects.update(status=IdeaStatus.PUBLISHED)
    pages = [reverse("projects:idea_list", args=[challenge.pk]), challenge.url]
    pages += [
        reverse("projects:idea_detail", args=[pk])
        for pk in Idea.objects.values_list("pk", flat=True)
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), url
        assert "<svg/onload" not in html, url
    # Filters with hostile values never fail the list.
    response = client.get(
        reverse("projects:idea_list", args=[challenge.pk]),
        {"tema": XSS[0], "stadsdel": XSS[1], "idestatus": "draft", "sortera": XSS[2], "sida": "x"},
    )
    assert response.status_code == 200 and "<script>alert" not in response.content.decode()


def test_lists_sort_filter_and_hide_what_is_not_public(client, challenge):
    theme = ThemeFactory(name="Fritid")
    district = DistrictFactory(name="Ålidhem")
    popular = IdeaFactory(challenge=challenge, title="Populär", support_count=9)
    newest = IdeaFactory(challenge=challenge, title="Nyast")
    popular.themes.add(theme)
    newest.districts.add(district)
    IdeaFactory(challenge=challenge, title="Utkastet", status="draft")
    IdeaFactory(challenge=challenge, title="Avböjd", status="declined")
    IdeaFactory(challenge=challenge, title="Dold", moderation="hidden")
    url = reverse("projects:idea_list", args=[challenge.pk])

    def titles(**params):
        html = client.get(url, params).content.decode()
        return re.findall(r'idea-card__title"><a href="[^"]+">([^<]+)<', html)

    assert titles() == ["Nyast", "Populär"]
    assert titles(sortera="mest-stod") == ["Populär", "Nyast"]
    assert titles(tema=theme.slug) == ["Populär"]
    assert titles(stadsdel=district.slug) == ["Nyast"]
    assert titles(idestatus="archived") == []
    assert (
        "Inga idéer matchar filtren" in client.get(url, {"idestatus": "archived"}).content.decode()
    )


def test_empty_challenge_invites_the_first_idea(client, challenge):
    html = client.get(challenge.url).content.decode()
    assert (
        "Inga idéer ännu" in html and "Föreslå en idé" in html or "Logga in för att föreslå" in html
    )


def _many(challenge, n):
    theme = ThemeFactory(name="Trygghet")
    for i in range(n):
        idea = IdeaFactory(challenge=challenge, title=f"Idé {i}", support_count=i)
        idea.themes.add(theme)
        accepted_coauthor(idea)
        idea.tags.add("trygghet")


def test_list_query_count_does_not_grow_with_ideas(client, challenge, django_assert_num_queries):
    url = reverse("projects:idea_list", args=[challenge.pk])
    _many(challenge, 3)
    client.get(url)  # warm the shell and vocabularies caches, and the three cards
    with django_assert_num_queries(LIST_QUERIES) as small:
        client.get(url)
    _many(challenge, 20)
    # Twelve new cards to render: those ideas in full, their themes, their co-authors, once.
    with django_assert_num_queries(LIST_QUERIES + 3):
        client.get(url)
    with django_assert_num_queries(LIST_QUERIES) as big:
        client.get(url)
    assert len(small.captured_queries) == len(big.captured_queries)


def test_signed_in_list_adds_two_queries_of_ours(
    client, challenge, member, django_assert_max_num_queries
):
    _many(challenge, 12)
    url = reverse("projects:idea_list", args=[challenge.pk])
    client.get(url)
    # + session and user, Wagtail's user bar (two permission queries), and ours: the header's
    # unread count and "do I follow this challenge" (supports are an annotation, no query).
    with django_assert_max_num_queries(LIST_QUERIES + 6):
        assert client.get(url).status_code == 200


# With a warm published-content cache the shell and the cards cost nothing; what is left: the
# challenge and its phases, and the list: count, and the rows that name the cards.
LIST_QUERIES = 4


def test_support_follow_and_withdraw_over_http(client, challenge, member):
    idea = IdeaFactory(challenge=challenge)
    client.post(reverse("projects:idea_support", args=[idea.pk]), {"action": "support"})
    client.post(reverse("projects:idea_support", args=[idea.pk]), {"action": "support"})
    assert IdeaSupport.objects.filter(idea=idea).count() == 1
    assert Idea.objects.get(pk=idea.pk).support_count == 1
    html = client.get(reverse("projects:idea_detail", args=[idea.pk])).content.decode()
    assert "Ta tillbaka mitt stöd" in html
    client.post(reverse("projects:idea_support", args=[idea.pk]), {"action": "withdraw"})
    assert Idea.objects.get(pk=idea.pk).support_count == 0


def test_ideas_of_a_challenge_behind_a_view_restriction_are_not_listed(client, challenge):
    from wagtail.models import PageViewRestriction

    IdeaFactory(challenge=challenge, title="Bakom lösenordet")
    url = reverse("projects:idea_list", args=[challenge.pk])
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(
        page=challenge, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    response = client.get(url)
    assert response.status_code == 404
    assert "Bakom lösenordet" not in response.content.decode()


def test_supporting_is_rate_limited_with_a_clear_message(client, challenge, member, settings):
    settings.IDEA_RATE_LIMITS = {"idea_support": "1/h/user"}
    first, second = IdeaFactory(challenge=challenge), IdeaFactory(challenge=challenge)
    for idea in (first, second):
        response = client.post(
            reverse("projects:idea_support", args=[idea.pk]), {"action": "support"}, follow=True
        )
    assert IdeaSupport.objects.filter(user=member).count() == 1
    assert "Du har gett stöd många gånger på kort tid" in response.content.decode()


def test_someone_invited_to_co_author_a_draft_reads_it_and_answers_on_its_page(client, challenge):
    from projects.services import ideas as idea_services

    author = ProfileFactory(display_name="Nils Nykvist").user
    idea = IdeaFactory(challenge=challenge, author=author, title="Utkastet", status="draft")
    invited = ProfileFactory(display_name="Fatima Osman").user
    stranger = ProfileFactory().user
    idea_services.coauthor_invite(idea=idea, by=author, user=invited)
    url = reverse("projects:idea_detail", args=[idea.pk])
    client.force_login(stranger)
    assert client.get(url).status_code == 404  # a draft stays private ...
    client.force_login(invited)
    html = client.get(url).content.decode()
    assert "Utkastet" in html  # ... but the invited reads what they are asked to sign
    assert reverse("projects:coauthor_answer", args=[idea.pk]) in html
    client.post(reverse("projects:coauthor_answer", args=[idea.pk]), {"answer": "decline"})
    assert client.get(url).status_code == 404  # declined: private again
