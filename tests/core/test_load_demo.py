"""`manage.py load_demo`: a complete bilingual site, and the same site when run again."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from challenges.models import ChallengeIndexPage, ChallengePage, ChallengePhase
from challenges.phases import status_of_rank
from challenges.selectors import status_annotation
from umecom.core.demo.challenge_content import CHALLENGES
from umecom.core.models import ContentPage, HomePage, SiteFooter
from umecom.taxonomy.models import District, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    # The demo writes image files; keep them out of the developer's var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def site_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "live_pages": Page.objects.live().count(),
        "phases": ChallengePhase.objects.count(),
        "images": get_image_model().objects.count(),
        "themes": Theme.objects.count(),
        "districts": District.objects.count(),
        "users": get_user_model().objects.count(),
        "email_addresses": EmailAddress.objects.count(),
        "sites": Site.objects.count(),
        "locales": Locale.objects.count(),
    }


def test_loading_the_demo_twice_gives_the_same_site_without_duplicates():
    load_demo()
    first = site_counts()
    output = load_demo()

    assert site_counts() == first
    assert first["images"] >= 5
    assert first["themes"] >= 5
    assert "[1/" in output and "klart" in output
    assert "umecom-demo" in output


def test_demo_offers_only_umea_districts():
    District.objects.create(slug="backa", name="Backa", municipality="Göteborg")  # older demo
    load_demo()

    assert set(District.objects.values_list("municipality", flat=True)) == {"Umeå"}
    assert {"ersboda", "mariehem", "alidhem", "tomtebo"} <= set(
        District.objects.values_list("slug", flat=True)
    )


def test_demo_replaces_the_welcome_page_with_a_home_page_at_the_default_site_root():
    load_demo()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale.language_code == "sv"
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    footer = SiteFooter.for_site(site)
    assert footer.privacy_page.slug == "integritetspolicy"
    assert footer.accessibility_page.slug == "tillganglighet"
    assert len(site.root_page.specific.how_it_works) >= 3


def test_demo_challenges_cover_at_least_four_statuses_today():
    load_demo()
    today = timezone.localdate()
    challenges = ChallengePage.objects.live().filter(locale__language_code="sv")

    statuses = {page.status_on(today) for page in challenges.specific()}
    ranks = challenges.annotate(**status_annotation(today)).values_list("status_rank", flat=True)
    annotated = {status_of_rank(rank) for rank in ranks}

    assert challenges.count() >= 4
    assert len(statuses) >= 4
    assert annotated == statuses  # the SQL rule agrees with the Python one for the demo data
    for spec in CHALLENGES:
        page = challenges.get(slug=spec.slug).specific
        assert page.status_on(today) == spec.expected_status, spec.slug
        assert page.hero_image is not None
        assert page.themes.exists() and page.districts.exists()
        assert page.phases.count() == 4
        kinds = {block.block_type for block in page.body}
        assert {"heading", "paragraph", "facts", "quote", "image", "call_to_action"} <= kinds


def test_demo_has_live_english_translations_with_the_same_slugs():
    load_demo()

    english = ChallengePage.objects.live().filter(locale__language_code="en")
    assert english.exists()
    for page in english:
        source = page.get_translation(Locale.objects.get(language_code="sv"))
        assert page.slug == source.slug
        assert page.title != source.title  # really translated, not just copied
    assert ChallengeIndexPage.objects.live().get(locale__language_code="en").slug == "utmaningar"
    assert HomePage.objects.live().filter(locale__language_code="en").exists()


def test_demo_staff_can_log_in_with_verified_email_addresses(client):
    load_demo()

    for username in ["admin", "redaktor", "innovation", "moderator"]:
        user = get_user_model().objects.get(username=username)
        assert user.check_password("umecom-demo")
        assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
    assert get_user_model().objects.get(username="admin").is_superuser
    assert (
        get_user_model().objects.get(username="redaktor").groups.filter(name="Redaktörer").exists()
    )
    assert client.login(username="admin", password="umecom-demo")


def test_every_demo_page_answers_200_in_swedish_and_english(client):
    load_demo()
    pages = list(Page.objects.live().type(ChallengePage, ChallengeIndexPage, ContentPage, HomePage))
    urls = [page.url for page in pages]

    assert "/en/utmaningar/unga-och-gangkriminalitet/" in urls
    assert "/" in urls and "/en/" in urls
    assert {"/en/om-umecom/", "/en/integritetspolicy/", "/en/tillganglighet/"} <= set(urls)
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode(), page.url
