"""The challenge page: status, timeline with the current phase, body blocks and its links."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from challenges.phases import PhaseKind
from tests.factories import challenges as build
from tests.factories.base import DistrictFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def body_with_every_block(image_id: int, page_id: int) -> str:
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "Bakgrund", "level": "h2"}},
            {"type": "heading", "value": {"text": "Det här vet vi", "level": "h3"}},
            {"type": "paragraph", "value": "<p>Unga i <b>Ersboda</b> saknar mötesplatser.</p>"},
            {
                "type": "image",
                "value": {
                    "image": image_id,
                    "alt_text": "Ungdomar på en skatepark",
                    "caption": "Skateparken i Ersboda",
                    "credit": "Foto: Umeå kommun",
                },
            },
            {
                "type": "quote",
                "value": {"quote": "Vi vill ha någonstans att vara.", "attribution": "Elev, 15 år"},
            },
            {
                "type": "facts",
                "value": {
                    "heading": "I siffror",
                    "facts": [
                        {
                            "figure": "93 %",
                            "label": "vill ha fler mötesplatser",
                            "source": "Enkät 2025",
                        }
                    ],
                },
            },
            {
                "type": "media",
                "value": {
                    "url": "https://video.example.org/film",
                    "title": "Film om Ersboda",
                    "description": "Fem minuter om området.",
                    "provider": "Exempelvideo",
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Har du en idé?",
                    "text": "Berätta för oss.",
                    "button_label": "Läs mer",
                    "page": page_id,
                    "url": "",
                },
            },
        ]
    )


@pytest.fixture
def challenge(theme_factory, district_factory):
    index = build.challenge_index()
    image = build.hero_image(title="Skatepark", description="Ungdomar på en skatepark")
    page = build.challenge(
        title="Hur kan unga i Ersboda få fler mötesplatser?",
        plan=[(PhaseKind.IDEAS, -10, 20), (PhaseKind.TEAMS, 21, 40), (PhaseKind.RESULTS, 41, 60)],
        idea_deadline_in=12,
        themes=[theme_factory(name="Unga", slug="unga")],
        districts=[district_factory(name="Ersboda", slug="ersboda")],
        hero_image=image,
        contact_name="Kim Berg",
        contact_email="fritid@umea.example",
        wanted_actor_types=["company", "association", "bogus"],
        body=body_with_every_block(image.pk, index.pk),
    )
    page.wanted_skills.add("ungdomsarbete")
    page.save_revision().publish()
    return page


@pytest.fixture
def html(client, challenge):
    response = client.get(challenge.url)
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_title_summary_and_status_badge(html):
    assert "<h1" in html and "Hur kan unga i Ersboda få fler mötesplatser?" in html
    assert "En kort sammanfattning av utmaningen." in html
    assert '<span class="badge badge--open">Öppen för idéer</span>' in html


def test_timeline_marks_the_current_phase_as_the_current_step(html):
    items = re.findall(r'<li class="timeline__item([^"]*)"([^>]*)>', html)
    assert items == [(" timeline__item--current", ' aria-current="step"'), ("", ""), ("", "")]
    start = timezone.localdate() - dt.timedelta(days=10)
    assert f'<time datetime="{start.isoformat()}">' in html  # dates are machine-readable
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', html)


def test_past_phases_are_marked_past(client):
    page = build.challenge(plan="in_progress")
    html = client.get(page.url).content.decode()
    classes = re.findall(r'<li class="timeline__item([^"]*)"', html)
    assert classes == [" timeline__item--past", " timeline__item--past", " timeline__item--current"]


def test_between_two_phases_timeline_and_status_both_show_the_coming_phase(client):
    page = build.challenge(plan=[(PhaseKind.IDEAS, -30, -5), (PhaseKind.TEAMS, 5, 30)])
    html = client.get(page.url).content.decode()
    assert '<span class="badge badge--teams">Team bildas</span>' in html
    items = re.findall(r'<li class="timeline__item([^"]*)"([^>]*)>', html)
    assert items == [
        (" timeline__item--past", ""),
        (" timeline__item--current", ' aria-current="step"'),
    ]
    assert "Nästa fas" in html and "Pågår nu" not in html


def test_own_sign_ups_and_the_join_action_are_at_the_top_of_the_page(client):
    from people.models import Commitment, CommitmentStatus
    from tests.factories.people import ProfileFactory

    page = build.challenge(
        plan="open", body=json.dumps([{"type": "paragraph", "value": "<p>x</p>"}])
    )
    anonymous = client.get(page.url).content.decode()
    hero_end = anonymous.index('<div class="container section">')
    assert anonymous.index("Gå med i utmaningen") < hero_end  # in the hero, before the body

    person = ProfileFactory().user
    Commitment.objects.create(challenge=page, user=person, status=CommitmentStatus.PENDING)
    client.force_login(person)
    html = client.get(page.url).content.decode()
    box = html[html.index('class="action-panel"') : html.index('<div class="container section">')]
    assert "Dina anmälningar" in box and "Du själv" in box and "Väntar på svar" in box
    assert f'href="/utmaningar-delta/{page.pk}/"' in box


def test_completed_challenge_has_no_current_step(client):
    page = build.challenge(plan="completed")
    html = client.get(page.url).content.decode()
    assert 'aria-current="step"' not in html
    assert "badge--completed" in html
    # Without a deadline of its own, the end of the ideas phase is the deadline.
    assert "Inlämningen av idéer är stängd." in html


def test_open_challenge_counts_the_days_left(html):
    assert "12 dagar kvar" in html
    assert "Skicka in idéer senast" in html


def test_deadline_passed_says_ideas_are_closed(client):
    page = build.challenge(plan="open", idea_deadline_in=-1)
    html = client.get(page.url).content.decode()
    assert "Inlämningen av idéer är stängd." in html
    assert "dagar kvar" not in html
    assert "Skicka in idéer senast" not in html


def test_hero_image_has_alt_text(html):
    assert re.search(r'<img[^>]+alt="Ungdomar på en skatepark"[^>]*>', html)


def test_heading_blocks_keep_their_level(html):
    assert re.search(r"<h2[^>]*>Bakgrund</h2>", html)
    assert re.search(r"<h3[^>]*>Det här vet vi</h3>", html)


def test_body_blocks_render_with_their_semantics(html):
    assert "Unga i <b>Ersboda</b> saknar mötesplatser." in html
    assert re.search(r'<figure class="figure">\s*<img[^>]+alt="Ungdomar på en skatepark"', html)
    assert "<figcaption>" in html and "Foto: Umeå kommun" in html
    assert re.search(
        r"<blockquote[^>]*>.*Vi vill ha någonstans att vara\..*</blockquote>", html, re.S
    )
    assert "<cite>Elev, 15 år</cite>" in html
    assert re.search(r'<dd class="facts__figure">93 %</dd>', html)
    assert '<aside class="cta">' in html and "Har du en idé?" in html


def test_external_media_is_a_link_never_an_iframe(html):
    assert "<iframe" not in html
    assert re.search(r'<a href="https://video.example.org/film" rel="noopener[^"]*">', html)
    assert "Länken leder till en annan webbplats" in html


def test_themes_and_districts_link_to_the_filtered_index(html):
    assert 'href="/utmaningar/?tema=unga"' in html
    assert 'href="/utmaningar/?stadsdel=ersboda"' in html


def test_wanted_actor_types_and_skills_are_listed_by_label(html):
    assert "Vilka vi söker" in html
    assert '<li class="chip">Företag</li>' in html
    assert '<li class="chip">Förening</li>' in html
    assert "bogus" not in html
    assert "ungdomsarbete" in html


def test_department_contact_and_breadcrumbs(html):
    assert "Fritidsförvaltningen" in html
    assert 'href="mailto:fritid@umea.example"' in html
    assert re.search(
        r'<nav class="breadcrumbs".*href="/utmaningar/".*aria-current="page"', html, re.S
    )


# Pinned on SQLite and PostgreSQL, with a warm cache (the site shell, the page's route, its
# view restrictions and the rendered timeline, body and facts panel come from it until an
# editor publishes), its phases too. Anonymous: is the remembered page still live at its
# revision, the accepted participants and the idea list (the rows that name its cards). A
# signed-in member adds the session and the user; their unread count, the challenges they
# follow and whether they work in the admin (Wagtail's userbar) are cached per person, and
# their own sign-ups come with the participants (challenge_commitments).
CHALLENGE_PAGE_QUERIES = {"anonymous": 3, "member": 5}


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_page_query_count_is_pinned_and_does_not_grow_with_phases_or_vocabularies(
    client, django_assert_num_queries, visitor
):
    small = build.challenge(title="Liten utmaning", plan="open", hero_image=build.hero_image())
    big = build.challenge(
        title="Stor utmaning",
        plan="in_progress",
        themes=[ThemeFactory() for _ in range(4)],
        districts=[DistrictFactory() for _ in range(5)],
    )
    if visitor == "member":
        from tests.factories.people import ProfileFactory

        client.force_login(ProfileFactory().user)
    for page in (small, big):
        for _ in range(2):  # warm-up: renditions, the site shell and the page's route
            client.get(page.url)
    with django_assert_num_queries(CHALLENGE_PAGE_QUERIES[visitor]):
        assert client.get(small.url).status_code == 200
    with django_assert_num_queries(CHALLENGE_PAGE_QUERIES[visitor]):
        assert client.get(big.url).status_code == 200


def test_preview_of_an_unsaved_challenge_marks_only_the_current_phase():
    """Wagtail previews pages that are not saved yet, so their phases have no primary keys."""
    from challenges.models import ChallengePage, ChallengePhase

    index = build.challenge_index()
    today = timezone.localdate()
    page = ChallengePage(
        title="Förhandsvisning",
        slug="forhandsvisning",
        summary="Ny utmaning.",
        department="Kultur",
        locale=index.locale,
        depth=index.depth + 1,
        path=index.path + "9999",
    )
    page.phases = [
        ChallengePhase(kind=PhaseKind.IDEAS, start_date=today, end_date=today + dt.timedelta(9)),
        ChallengePhase(
            kind=PhaseKind.TEAMS,
            start_date=today + dt.timedelta(10),
            end_date=today + dt.timedelta(20),
        ),
    ]
    response = page.make_preview_request()
    assert response.status_code == 200
    assert response.content.decode().count('aria-current="step"') == 1


def test_publishing_a_change_shows_in_the_cached_facts_and_timeline(client):
    page = build.challenge(title="Cachad utmaning", plan="open", department="Kulturförvaltningen")
    assert "Kulturförvaltningen" in client.get(page.url).content.decode()  # cached now
    page.department = "Fritidsförvaltningen"
    phases = list(page.phases.all())
    phases[0].description = "Vi samlar idéer på biblioteket."
    page.phases = phases
    page.themes = [ThemeFactory(name="Kultur")]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Kulturförvaltningen" not in html
    assert "Fritidsförvaltningen" in html
    assert "Vi samlar idéer på biblioteket." in html
    assert ">Kultur<span" in html


def test_publishing_new_phase_dates_changes_the_status_of_the_cached_page(client):
    """The phases come from the published cache: a publish brings the new dates at once."""
    page = build.challenge(title="Fasbyte", plan="open")
    html = client.get(page.url).content.decode()
    assert "Öppen för idéer" in html
    phases = list(page.phases.all())
    today = timezone.localdate()
    for phase in phases:  # every phase in the past: the challenge is completed
        span = phase.end_date - phase.start_date
        phase.end_date = today - dt.timedelta(days=10)
        phase.start_date = phase.end_date - span
    page.phases = phases
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Öppen för idéer" not in html


def test_renaming_a_district_shows_on_the_cached_page(client):
    district = DistrictFactory(name="Teg")
    page = build.challenge(plan="open", districts=[district])
    assert ">Teg<span" in client.get(page.url).content.decode()
    district.name = "Västra Teg"
    district.save()
    assert ">Västra Teg<span" in client.get(page.url).content.decode()


def test_a_new_day_updates_the_cached_timeline_and_days_left(client, monkeypatch):
    page = build.challenge(plan="open", idea_deadline_in=5)
    facts = r'class="challenge__days-left">\s*{} dagar kvar'
    assert re.search(facts.format(5), client.get(page.url).content.decode())
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert re.search(facts.format(4), client.get(page.url).content.decode())


def test_a_preview_of_a_draft_is_never_served_from_or_stored_in_the_cache(rf):
    from django.template import Context, Template

    template = Template(
        '{% load umecom_tags %}{% published_fragment "t" page_id %}{{ text }}'
        "{% endpublished_fragment %}"
    )
    live, preview = rf.get("/"), rf.get("/")
    preview.is_preview = True
    assert template.render(Context({"request": live, "page_id": 1, "text": "publicerad"})) == (
        "publicerad"
    )
    draft = Context({"request": preview, "page_id": 1, "text": "utkast"})
    assert template.render(draft) == "utkast"
    again = Context({"request": live, "page_id": 1, "text": "annat"})
    assert template.render(again) == "publicerad"  # the live copy, untouched by the preview


@pytest.mark.parametrize("kind", ["image", "document"])
def test_changing_an_image_or_document_clears_the_published_cache(kind):
    """Cached cards and pages hold renditions' and documents' addresses."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from umecom import published_cache

    if kind == "image":
        item = build.hero_image()
    else:
        item = get_document_model().objects.create(
            title="Rapport", file=ContentFile(b"%PDF-1.4", name="rapport.pdf")
        )
    published_cache.store("probe", "kvar")
    item.title = "Ny titel"
    item.save()
    assert published_cache.lookup("probe") is None
