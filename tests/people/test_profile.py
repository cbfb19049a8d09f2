"""Min profil (editing with validation), avatars, tag suggestions and who sees which profile."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from people.images import MAX_AVATAR_SIDE
from people.models import Visibility
from people.permissions import can_edit_profile, can_view_profile
from people.selectors.profiles import profile_for_detail
from tests.factories.base import DistrictFactory
from tests.factories.people import ProfileFactory, staff_user
from umecom.roles import INNOVATION_TEAM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _swedish_thread_language():
    # A request to /en/… leaves English active in the thread (LocaleMiddleware never
    # deactivates), and reverse() would then build /en/ URLs: start and end in Swedish.
    translation.activate("sv")
    yield
    translation.activate("sv")


def form_data(**overrides) -> dict:
    data = {
        "display_name": "Anna Berg",
        "actor_type": "citizen",
        "bio": "Jag gillar cyklar.",
        "languages": "svenska, engelska",
        "hours_per_month": "10",
        "visibility": "members",
        "skills": "Programmering, Design",
        "interests": "Cykling",
        "links-TOTAL_FORMS": "3",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "3",
    }
    for i in range(3):
        data[f"links-{i}-label"] = ""
        data[f"links-{i}-url"] = ""
    data.update(overrides)
    return data


def image_file(size=(1200, 800), fmt="JPEG", name="foto.jpg", exif=True) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    kwargs = {}
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "Kameratillverkare"  # Make
        tags[0x8298] = "Anna Berg"  # Copyright: personal data that must not survive
        kwargs["exif"] = tags.tobytes()
    image.save(buffer, fmt, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def profile(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return ProfileFactory(display_name="Före")


@pytest.fixture
def owner(client, profile):
    client.force_login(profile.user)
    return client


def test_owner_saves_every_field(owner, profile):
    district = DistrictFactory(name="Teg")
    data = form_data(districts=[district.pk], findable_for_projects="on")
    data.update({"links-0-label": "Min webbplats", "links-0-url": "https://example.org/anna"})

    response = owner.post(reverse("people:my_profile"), data)

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.display_name == "Anna Berg"
    assert profile.hours_per_month == 10
    assert sorted(profile.skills.names()) == ["Design", "Programmering"]
    assert list(profile.interests.names()) == ["Cykling"]
    assert list(profile.districts.all()) == [district]
    assert [(link.label, link.url) for link in profile.links.all()] == [
        ("Min webbplats", "https://example.org/anna")
    ]
    assert profile.findable_for_projects is True
    assert profile.user.consents.filter(kind="findable", granted=True).count() == 1


def test_too_long_bio_is_refused_and_keeps_what_was_typed(owner, profile):
    response = owner.post(reverse("people:my_profile"), form_data(bio="x" * 601))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Presentationen får vara högst 600 tecken. Nu är den 601 tecken." in page
    assert 'value="Anna Berg"' in page
    assert "Programmering, Design" in page
    profile.refresh_from_db()
    assert profile.display_name == "Före"
    assert list(profile.skills.names()) == []


def test_too_many_links_are_refused_and_nothing_is_saved(owner, profile):
    data = form_data(**{"links-TOTAL_FORMS": "4"})
    for i in range(4):
        data[f"links-{i}-label"] = f"Länk {i}"
        data[f"links-{i}-url"] = f"https://example.org/{i}"

    response = owner.post(reverse("people:my_profile"), data)

    assert response.status_code == 200
    assert "högst 3 länkar" in response.content.decode()
    profile.refresh_from_db()
    assert profile.display_name == "Före"
    assert profile.links.count() == 0


def test_link_needs_a_real_address(owner, profile):
    data = form_data(**{"links-0-label": "Skript", "links-0-url": "javascript:alert(1)"})

    response = owner.post(reverse("people:my_profile"), data)

    assert response.status_code == 200
    assert profile.links.count() == 0


def _summary(page: str) -> str:
    start = page.index('class="error-summary"')
    return page[start : page.index("</div>", start)]


def test_each_link_field_says_what_is_wrong_once_and_the_summary_lists_it(owner, profile):
    data = form_data(
        **{
            "links-0-label": "Skript",
            "links-0-url": "javascript:alert(1)",
            "links-1-label": "Min blogg",
            "links-1-url": "",
            "links-2-label": "",
            "links-2-url": "https://example.org/utan-text",
        }
    )

    page = owner.post(reverse("people:my_profile"), data).content.decode()

    https = "Ange en adress som börjar med https://."
    for generic in ("Fyll i en giltig URL", "Ange en giltig URL", "obligatoriskt"):
        assert generic not in page
    summary = _summary(page)
    assert "Något behöver rättas" in summary
    assert f'<a href="#id_links-0-url">Länk 1 – Adress: {https}</a>' in summary
    assert f'<a href="#id_links-1-url">Länk 2 – Adress: {https}</a>' in summary
    assert '<a href="#id_links-2-label">Länk 3 – Text: Skriv en text som beskriver länken.' in (
        summary
    )
    # Once in the summary and once at the field, not twice at the field.
    assert page.count(https) == 4
    assert profile.links.count() == 0


def test_the_link_errors_in_the_summary_are_in_english_under_en(owner, profile):
    data = form_data(**{"links-1-label": "My blog", "links-1-url": ""})

    page = owner.post("/en" + reverse("people:my_profile"), data).content.decode()

    assert "Link 2 – Address: Enter an address that starts with https://." in _summary(page)


def test_too_many_links_are_named_in_the_summary(owner, profile):
    data = form_data(**{"links-TOTAL_FORMS": "4"})
    for i in range(4):
        data[f"links-{i}-label"] = f"Länk {i}"
        data[f"links-{i}-url"] = f"https://example.org/{i}"

    page = owner.post(reverse("people:my_profile"), data).content.decode()

    assert "högst 3 länkar" in _summary(page)


def test_text_file_named_png_is_rejected_as_avatar(owner, profile):
    fake = SimpleUploadedFile("bild.png", b"inte en bild alls", content_type="image/png")

    response = owner.post(reverse("people:my_profile"), {**form_data(), "avatar": fake})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Filen är ingen bild vi kan använda" in page
    assert 'value="Anna Berg"' in page
    profile.refresh_from_db()
    assert not profile.avatar
    assert profile.display_name == "Före"


def test_oversized_avatar_is_rejected(owner, profile):
    big = SimpleUploadedFile("stor.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 1))

    response = owner.post(reverse("people:my_profile"), {**form_data(), "avatar": big})

    assert "högst 5 MB" in response.content.decode()
    profile.refresh_from_db()
    assert not profile.avatar


def test_gif_is_not_an_accepted_avatar_format(owner, profile):
    response = owner.post(
        reverse("people:my_profile"),
        {**form_data(), "avatar": image_file(fmt="GIF", name="a.gif", exif=False)},
    )

    assert "Filen är ingen bild vi kan använda" in response.content.decode()


def test_valid_avatar_is_resized_and_stripped_of_exif(owner, profile):
    response = owner.post(
        reverse("people:my_profile"), {**form_data(), "avatar": image_file(name="anna-berg.jpg")}
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert "anna-berg" not in profile.avatar.name
    with profile.avatar.open("rb") as stored:
        raw = stored.read()
    with Image.open(io.BytesIO(raw)) as image:
        assert max(image.size) <= MAX_AVATAR_SIDE
        assert image.size == (512, 341)
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
    assert b"Anna Berg" not in raw
    assert b"Kameratillverkare" not in raw


def test_replacing_the_avatar_deletes_the_old_file(
    owner, profile, django_capture_on_commit_callbacks
):
    owner.post(reverse("people:my_profile"), {**form_data(), "avatar": image_file()})
    profile.refresh_from_db()
    old = profile.avatar.name

    with django_capture_on_commit_callbacks(execute=True):
        owner.post(
            reverse("people:my_profile"),
            {**form_data(), "avatar": image_file(fmt="PNG", name="ny.png", exif=False)},
        )

    profile.refresh_from_db()
    assert profile.avatar.name.endswith(".png")
    assert not profile.avatar.storage.exists(old)


def test_profile_without_avatar_shows_initials_and_no_third_party_image(client, profile):
    profile.visibility = Visibility.PUBLIC
    profile.save()

    page = client.get(reverse("people:profile_detail", args=[profile.pk])).content.decode()

    assert "avatar--initials" in page
    assert "gravatar" not in page.lower()


# --- Who sees a profile ----------------------------------------------------------------------

ALLOWED, LOGIN, NOT_FOUND = 200, 302, 404
MATRIX = [
    # viewer, visibility, expected
    ("anonymous", Visibility.PUBLIC, ALLOWED),
    ("anonymous", Visibility.MEMBERS, LOGIN),
    ("anonymous", Visibility.HIDDEN, NOT_FOUND),
    ("member", Visibility.PUBLIC, ALLOWED),
    ("member", Visibility.MEMBERS, ALLOWED),
    ("member", Visibility.HIDDEN, NOT_FOUND),
    ("owner", Visibility.PUBLIC, ALLOWED),
    ("owner", Visibility.MEMBERS, ALLOWED),
    ("owner", Visibility.HIDDEN, ALLOWED),
    ("innovation_team", Visibility.PUBLIC, ALLOWED),
    ("innovation_team", Visibility.MEMBERS, ALLOWED),
    ("innovation_team", Visibility.HIDDEN, ALLOWED),
]


def viewer_for(role: str, profile):
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": lambda: AnonymousUser(),
        "member": lambda: ProfileFactory().user,
        "owner": lambda: profile.user,
        "innovation_team": lambda: staff_user(INNOVATION_TEAM),
    }[role]()


@pytest.mark.parametrize(("role", "visibility", "expected"), MATRIX)
def test_profile_visibility_matrix(client, role, visibility, expected):
    profile = ProfileFactory(visibility=visibility, display_name="Synlig Person")
    viewer = viewer_for(role, profile)
    if viewer.is_authenticated:
        client.force_login(viewer)

    response = client.get(reverse("people:profile_detail", args=[profile.pk]))

    assert response.status_code == expected
    assert can_view_profile(viewer, profile) is (expected == ALLOWED)
    if expected == LOGIN:
        assert response["Location"].startswith(reverse("account_login"))
    if expected == ALLOWED:
        assert "Synlig Person" in response.content.decode()


def test_email_is_never_shown_on_a_profile_even_to_its_owner(client):
    profile = ProfileFactory(visibility=Visibility.PUBLIC, bio="Hej")
    for viewer in (None, ProfileFactory().user, profile.user, staff_user(INNOVATION_TEAM)):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        page = client.get(reverse("people:profile_detail", args=[profile.pk])).content.decode()
        assert profile.user.email not in page


def test_unknown_profile_is_404(client):
    assert client.get(reverse("people:profile_detail", args=[999999])).status_code == 404


def test_only_the_owner_may_edit(client):
    profile = ProfileFactory()
    other = ProfileFactory()

    assert can_edit_profile(profile.user, profile)
    assert not can_edit_profile(other.user, profile)
    assert not can_edit_profile(staff_user(INNOVATION_TEAM), profile)
    # /profil/ always edits the signed-in member's own profile: there is no id to tamper with.
    client.force_login(other.user)
    client.post(reverse("people:my_profile"), form_data(display_name="Kapad"))
    profile.refresh_from_db()
    assert profile.display_name != "Kapad"


def _profile_with(n: int):
    profile = ProfileFactory(visibility=Visibility.PUBLIC, languages="svenska")
    profile.skills.set([f"kompetens {n}-{i}" for i in range(n)])
    profile.interests.set([f"intresse {n}-{i}" for i in range(n)])
    profile.districts.set([DistrictFactory() for _ in range(n)])
    for i in range(n):
        profile.links.create(label=f"L{i}", url=f"https://example.org/{i}")
    return profile


def test_profile_selector_loads_everything_the_page_shows_in_five_queries(
    django_assert_num_queries,
):
    profile = _profile_with(3)

    # profile+user, skills, interests, districts, links — then nothing per row.
    with django_assert_num_queries(5):
        loaded = profile_for_detail(pk=profile.pk)
        shown = (
            [t.name for t in loaded.skills.all()],
            [t.name for t in loaded.interests.all()],
            [d.label for d in loaded.districts.all()],
            [link.url for link in loaded.links.all()],
            loaded.user.pk,
        )

    assert [len(part) for part in shown[:4]] == [3, 3, 3, 3]


def test_public_profile_page_query_count_does_not_grow_with_tags_or_links(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, large = _profile_with(1), _profile_with(6)
    client.get(reverse("people:profile_detail", args=[small.pk]))  # warm site-wide settings

    counts = []
    for profile in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("people:profile_detail", args=[profile.pk]))
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


# --- Tag suggestions -------------------------------------------------------------------------


def test_tag_suggestions_come_from_the_asked_tag_set_only(client):
    viewer = ProfileFactory()
    other = ProfileFactory(visibility=Visibility.PUBLIC)
    other.skills.set(["Programmering", "Projektledning"])
    other.interests.set(["Promenader"])
    client.force_login(viewer.user)

    skills = client.get(reverse("people:tag_autocomplete"), {"typ": "kompetens", "q": "pro"})
    interests = client.get(reverse("people:tag_autocomplete"), {"typ": "intresse", "q": "pro"})

    assert skills.json() == {"tags": ["Programmering", "Projektledning"]}
    assert interests.json() == {"tags": ["Promenader"]}


def test_tags_only_on_hidden_profiles_are_not_suggested(client):
    viewer = ProfileFactory()
    ProfileFactory(visibility=Visibility.HIDDEN).skills.set(["Hemlig kompetens"])
    client.force_login(viewer.user)

    response = client.get(reverse("people:tag_autocomplete"), {"typ": "kompetens", "q": "hem"})

    assert response.json() == {"tags": []}


def test_unknown_tag_set_gives_a_clear_error_not_a_500(client):
    client.force_login(ProfileFactory().user)

    response = client.get(reverse("people:tag_autocomplete"), {"typ": "skor", "q": "x"})

    assert response.status_code == 400
    assert "typ=kompetens" in response.json()["error"]


def test_profile_form_offers_existing_tags_in_a_datalist(client):
    ProfileFactory(visibility=Visibility.MEMBERS).skills.set(["Snickeri"])
    client.force_login(ProfileFactory().user)

    page = client.get(reverse("people:my_profile")).content.decode()

    assert 'list="taggar-kompetens"' in page
    assert '<option value="Snickeri">' in page


def test_unrealistic_hours_per_month_is_refused(owner, profile):
    response = owner.post(reverse("people:my_profile"), form_data(hours_per_month="500"))

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    profile.refresh_from_db()
    assert profile.hours_per_month is None
    assert profile.display_name == "Före"


def test_too_many_tags_are_refused_with_a_clear_message(owner, profile):
    many = ", ".join(f"ord{i}" for i in range(16))

    response = owner.post(reverse("people:my_profile"), form_data(skills=many))

    assert "Ange högst 15 ord" in response.content.decode()
    assert list(profile.skills.names()) == []
