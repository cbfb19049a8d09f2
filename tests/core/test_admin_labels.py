"""The Wagtail admin speaks Swedish and shows values as words (issue 12).

Inspect views used to show Django's default labels ("Decided at", "Created at"), Python values
("None", "False", "['mentoring', 'volunteers']") and taggit's English help text. Each test here
renders the pages as the superuser in Swedish and looks for what staff must not see.
"""

import re
from html import unescape

import pytest
from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.models import Orderable, Page

from people.models import Commitment, Organisation, Profile
from projects.models import Idea, IdeaStatus
from tests.factories import challenges as challenge_pages
from tests.factories.base import DistrictFactory, ThemeFactory
from tests.factories.ideas import IdeaFactory
from tests.factories.people import (
    CommitmentFactory,
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
)
from umecom.core.admin_display import EMPTY

pytestmark = pytest.mark.django_db

# Django's default labels for the fields the admin shows, and what Python prints for values.
ENGLISH = [
    "Decided at",
    "Decided by",
    "Created at",
    "Updated at",
    "Verified by",
    "Submitted at",
    "Published at",
    "A comma-separated list of tags",
]
RAW_VALUES = ["None", "True", "False", "['", "→ 1", "→ 2", "→ 3"]

APPS_IN_THE_ADMIN = ["people", "projects", "taxonomy", "challenges"]


def _own_fields(model):
    """Fields this project declares (Wagtail's page and ordering fields are Wagtail's)."""
    inherited = {f.name for f in Page._meta.get_fields()} | {"sort_order"}
    for field in model._meta.get_fields():
        if field.auto_created or getattr(field, "model", None) is not model:
            continue
        if field.name == "id" or field.name in inherited and issubclass(model, Page | Orderable):
            continue
        if isinstance(field, GenericRelation):  # Wagtail's revisions and search index rows
            continue
        yield field


def _models():
    for label in APPS_IN_THE_ADMIN:
        for model in apps.get_app_config(label).get_models():
            if not issubclass(model, TaggedItemBase):  # taggit's join rows: never shown
                yield model


def test_every_field_has_a_translatable_swedish_label_and_help_text():
    missing = []
    for model in _models():
        for field in _own_fields(model):
            where = f"{model.__name__}.{field.name}"
            if not isinstance(field.verbose_name, Promise):
                missing.append(f"{where}: label {field.verbose_name!r}")
            if field.help_text and not isinstance(field.help_text, Promise):
                missing.append(f"{where}: help text {field.help_text!r}")
            if isinstance(field, TaggableManager) and "comma-separated" in str(field.help_text):
                missing.append(f"{where}: taggit's English help text")
    assert missing == []


def test_english_admin_gets_english_labels():
    field = Commitment._meta.get_field("decided_at")
    with translation.override("en"):
        assert str(field.verbose_name) == "answered"
    assert str(field.verbose_name) == "besvarad"


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("root", "root@example.com", "secret")
    )
    return client


@pytest.fixture
def rows():
    challenge = challenge_pages.challenge(title="Trygga stråk", plan="open")
    district = DistrictFactory(name="Ålidhem")
    ThemeFactory(name="Trygghet")
    profile = ProfileFactory(display_name="Maja Öberg", bio="")
    profile.districts.add(district)
    organisation = OrganisationFactory(name="Bostäder i Norr AB", kind="company", website="")
    organisation.offers.add("cykelverkstad")
    MembershipFactory(organisation=organisation, role="admin", user=profile.user)
    commitment = CommitmentFactory(
        challenge=challenge,
        user=profile.user,
        organisation=organisation,
        offers=["mentoring", "volunteers"],
    )
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.PUBLISHED, submitted_at=None)
    return {
        "challenge": challenge,
        "profile": profile,
        "organisation": organisation,
        "commitment": commitment,
        "idea": idea,
    }


def _text(html: str) -> str:
    html = re.sub(r"<(script|svg|template)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _details(response) -> str:
    """The inspect view's list of fields (what staff read), as text."""
    assert response.status_code == 200
    match = re.search(r"<dl>.*</dl>", response.content.decode(), re.S)
    assert match, "the inspect view lists no fields"
    return _text(match.group(0))


def _assert_swedish(text: str, *, raw=RAW_VALUES):
    assert [w for w in ENGLISH if w in text] == []
    assert [w for w in raw if w in text] == []


INSPECT = [
    ("deltagare_ataganden:inspect", "commitment"),
    ("deltagare_personer:inspect", "profile"),
    ("deltagare_organisationer:inspect", "organisation"),
    ("ideer:inspect", "idea"),
]


@pytest.mark.parametrize("url_name,row", INSPECT, ids=[r for _, r in INSPECT])
def test_inspect_views_show_swedish_labels_and_readable_values(admin_client, rows, url_name, row):
    response = admin_client.get(reverse(url_name, args=[rows[row].pk]))
    text = _details(response)
    _assert_swedish(text)
    assert EMPTY in text  # every fixture row leaves at least one field empty


def test_a_commitment_reads_as_names_and_offer_labels(admin_client, rows):
    commitment = rows["commitment"]
    response = admin_client.get(reverse("deltagare_ataganden:inspect", args=[commitment.pk]))
    text = _details(response)
    assert "Mentorskap, Volontärer" in text
    assert "Besvarad – " in text and "Anmäld " in text
    assert "Bostäder i Norr AB → Trygga stråk" in _text(response.content.decode())


def test_a_profile_answers_yes_or_no(admin_client, rows):
    response = admin_client.get(reverse("deltagare_personer:inspect", args=[rows["profile"].pk]))
    text = _details(response)
    assert "Andra får hitta mig för projekt Nej" in text
    assert "Kort presentation –" in text


@pytest.mark.parametrize(
    "url",
    [
        lambda r: reverse("deltagare_organisationer:edit", args=[r["organisation"].pk]),
        lambda r: reverse("deltagare_personer:edit", args=[r["profile"].pk]),
        lambda r: reverse("wagtailadmin_pages:edit", args=[r["challenge"].pk]),
        lambda r: "/admin/snippets/taxonomy/theme/add/",
        lambda r: "/admin/snippets/taxonomy/district/add/",
    ],
    ids=["organisation", "profile", "challenge", "theme", "district"],
)
def test_edit_forms_have_swedish_labels_and_help(admin_client, rows, url):
    response = admin_client.get(url(rows))
    assert response.status_code == 200
    # Edit pages carry hidden counters that print None; the form's words are what matters.
    _assert_swedish(_text(response.content.decode()), raw=["True", "False"])


def test_tag_fields_explain_themselves_in_swedish(admin_client, rows):
    url = reverse("deltagare_organisationer:edit", args=[rows["organisation"].pk])
    text = _text(admin_client.get(url).content.decode())
    assert text.count("Ord eller korta fraser, åtskilda med kommatecken.") == 2  # offers, needs


LISTINGS = [
    "deltagare_personer:index",
    "deltagare_organisationer:index",
    "deltagare_ataganden:index",
    "ideer:index",
    "ideer_moderering:index",
    "wagtailsnippets_taxonomy_theme:list",
    "wagtailsnippets_taxonomy_district:list",
]


@pytest.mark.parametrize("url_name", LISTINGS)
def test_listings_have_swedish_columns_filters_and_yes_no(admin_client, rows, url_name):
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    # Wagtail's tick and cross columns name their icon after the value (read out loud).
    assert not re.search(r'w-sr-only">\s*(True|False|None)\s*<', html)
    _assert_swedish(_text(html), raw=["True", "False"])


def test_the_moderators_queue_is_titled_after_what_it_lists(admin_client, rows):
    response = admin_client.get(reverse("ideer_moderering:index"))
    assert "<title>Anmälda idéer" in response.content.decode()


def test_the_models_behind_the_admin_are_covered():
    covered = set(_models())
    assert {Profile, Organisation, Commitment, Idea} <= covered
