"""Organisations: registering, editing, members, verification, listing, and bad input."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from people.models import MembershipRole, Organisation, OrganisationMembership
from people.services import organisations as services
from people.validators import normalise_org_number, validate_org_number
from tests.factories.people import (
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
    login,
    signed_in,
    staff_user,
    valid_org_number,
)
from umecom.roles import INNOVATION_TEAM

pytestmark = pytest.mark.django_db

VERIFIED_MARK = "Verifierad av Umeå kommun"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("212000-2627", None),  # Umeå kommun's own number shape: valid
        ("2120002627", None),  # without the hyphen
        (" 556036-0793 ", None),  # surrounding spaces are forgiven
        ("21200-2627", "format"),  # too short
        ("212000-262X", "format"),
        ("", "format"),
        ("212000-2628", "checksum"),  # wrong check digit
        ("850709-9805", "personal"),  # third digit < 2: a personnummer
    ],
)
def test_org_number_validation_table(value, code):
    if code is None:
        validate_org_number(value)
        assert (
            normalise_org_number(value)
            == value.strip().replace("-", "")[:6] + "-" + value.strip().replace("-", "")[6:]
        )
    else:
        with pytest.raises(ValidationError) as info:
            validate_org_number(value)
        assert info.value.code == code


def form_data(**overrides):
    data = {
        "name": "Bostäder i Norr AB",
        "kind": "company",
        "org_number": "5560360793",
        "description": "Vi hyr ut lägenheter på Ålidhem och Ersboda.",
        "website": "https://bostader.example.org",
        "offers": "lokaler, testmiljö",
        "needs": "ungdomsledare",
    }
    data.update(overrides)
    return data


def png_bytes(size=(800, 600), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 110, 140)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def person(client):
    return signed_in(client, "Sara Lindqvist")


def test_member_creates_organisation_and_becomes_its_admin(client, person):
    response = client.post(reverse("people:organisation_create"), form_data())
    org = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:organisation_detail", args=[org.slug])
    assert org.org_number == "556036-0793"  # normalised
    assert org.slug == "bostader-i-norr-ab"
    assert sorted(t.name for t in org.offers.all()) == ["lokaler", "testmiljö"]
    assert OrganisationMembership.objects.get(organisation=org).user == person
    assert OrganisationMembership.objects.get(organisation=org).role == MembershipRole.ADMIN


def test_anonymous_visitor_is_sent_to_login_to_create(client):
    response = client.get(reverse("people:organisation_create"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


@pytest.mark.parametrize(
    ("org_number", "message"),
    [
        ("556036-0794", "kontrollsiffran är fel"),
        ("12345", "tio siffror"),
        ("850709-9805", "personnummer"),
    ],
)
def test_bad_org_number_shows_message_and_keeps_input(client, person, org_number, message):
    response = client.post(reverse("people:organisation_create"), form_data(org_number=org_number))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Bostäder i Norr AB"' in html  # what was typed is kept
    assert not Organisation.objects.exists()


def test_duplicate_org_number_gets_a_clear_message_and_saves_nothing(client, person):
    OrganisationFactory(org_number="556036-0793", name="Första AB")
    response = client.post(
        reverse("people:organisation_create"), form_data(org_number="5560360793")
    )
    assert response.status_code == 200
    assert (
        "Det finns redan en organisation med det här organisationsnumret"
        in response.content.decode()
    )
    assert Organisation.objects.count() == 1
    assert not OrganisationMembership.objects.exists()


def test_service_turns_a_duplicate_race_into_a_validation_error():
    OrganisationFactory(org_number="556036-0793")
    creator = ProfileFactory().user
    with pytest.raises(ValidationError) as info:
        services.organisation_create(
            creator=creator, name="Tvilling AB", kind="company", org_number="556036-0793"
        )
    assert "org_number" in info.value.error_dict
    assert Organisation.objects.count() == 1


def test_too_long_description_is_refused(client, person):
    response = client.post(reverse("people:organisation_create"), form_data(description="x" * 2001))
    assert response.status_code == 200
    assert "2000" in response.content.decode() or "2 000" in response.content.decode()
    assert not Organisation.objects.exists()


def test_logo_that_is_not_an_image_is_refused(client, person):
    upload = SimpleUploadedFile("logo.png", b"<?php echo 'hej'; ?>", content_type="image/png")
    response = client.post(reverse("people:organisation_create"), {**form_data(), "logo": upload})
    assert response.status_code == 200
    assert "Filen är ingen bild" in response.content.decode()
    assert not Organisation.objects.exists()


def test_oversized_logo_is_refused(client, person):
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 1), "image/png")
    response = client.post(reverse("people:organisation_create"), {**form_data(), "logo": big})
    assert response.status_code == 200
    assert "högst 5 MB" in response.content.decode()
    assert not Organisation.objects.exists()


def test_logo_is_reencoded_at_most_400_pixels(client, person, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("anna-svensson.png", png_bytes((1200, 900)), "image/png")
    client.post(reverse("people:organisation_create"), {**form_data(), "logo": upload})
    org = Organisation.objects.get()
    assert "anna-svensson" not in org.logo.name  # the original name is not kept
    with Image.open(org.logo.path) as img:
        assert max(img.size) == 400 and img.format == "PNG"


def test_member_edits_the_description_but_not_the_name_or_number(client):
    """Issue 13: a plain member changed the name and number of a verified organisation."""
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    org = membership.organisation
    services.organisation_verify(organisation=org, by=staff_user(INNOVATION_TEAM))
    old_name, old_number = org.name, org.org_number
    login(client, membership.user)
    url = reverse("people:organisation_edit", args=[org.slug])

    form_page = client.get(url).content.decode()
    response = client.post(
        url, form_data(name="Nytt namn", org_number="5560360793", description="Ny text.")
    )

    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.name, org.org_number) == (old_name, old_number)
    assert org.description == "Ny text."
    assert org.is_verified
    assert "Bara organisationens administratörer kan ändra namn" in form_page


@pytest.mark.parametrize(
    ("change", "stays_verified"),
    [
        ({"name": "Nytt namn AB"}, False),
        ({"org_number": "5560360793"}, False),
        ({"description": "Bara en ny beskrivning."}, True),
    ],
)
def test_changing_name_or_number_takes_the_verification_back(change, stays_verified):
    """Issue 12: verification belongs to the name and number it was given for."""
    org = OrganisationFactory(name="Gamla namnet AB")
    services.organisation_verify(organisation=org, by=staff_user(INNOVATION_TEAM))

    services.organisation_update(organisation=org, **change)

    org.refresh_from_db()
    assert org.is_verified is stays_verified
    assert (org.verified_by is not None) is stays_verified


def test_admin_changing_the_name_over_http_sends_it_back_to_the_queue(client):
    membership = MembershipFactory(role=MembershipRole.ADMIN)
    org = membership.organisation
    services.organisation_verify(organisation=org, by=staff_user(INNOVATION_TEAM))
    login(client, membership.user)

    response = client.post(
        reverse("people:organisation_edit", args=[org.slug]),
        form_data(name="Nytt namn", org_number=org.org_number),
        follow=True,
    )

    org.refresh_from_db()
    assert org.name == "Nytt namn"
    assert not org.is_verified
    assert "inte längre verifierad" in response.content.decode()
    assert VERIFIED_MARK not in response.content.decode()


def test_the_org_number_help_text_example_does_not_pass_the_check():
    """Issue 12: the example was a real, valid number."""
    import re

    from people.models import Organisation as Org

    texts = [str(Org._meta.get_field("org_number").help_text)]
    with pytest.raises(ValidationError) as info:
        validate_org_number("x")
    texts.append(str(info.value.messages[0]))
    for text in texts:
        [example] = re.findall(r"\d{6}-\d{4}", text)
        with pytest.raises(ValidationError):
            validate_org_number(example)


def test_non_member_cannot_edit(client):
    org = OrganisationFactory()
    login(client, ProfileFactory().user)
    assert client.get(reverse("people:organisation_edit", args=[org.slug])).status_code == 403
    response = client.post(reverse("people:organisation_edit", args=[org.slug]), form_data())
    assert response.status_code == 403
    org.refresh_from_db()
    assert org.name != "Bostäder i Norr AB"


def test_unknown_slug_is_404(client):
    assert client.get(reverse("people:organisation_detail", args=["finns-inte"])).status_code == 404
    login(client, ProfileFactory().user)
    assert client.get(reverse("people:organisation_edit", args=["finns-inte"])).status_code == 404


# --- Members -------------------------------------------------------------------------------


@pytest.fixture
def org_admin(client):
    membership = MembershipFactory(role=MembershipRole.ADMIN)
    login(client, membership.user)
    return membership


def test_admin_changes_role_and_removes_member(client, org_admin):
    org = org_admin.organisation
    other = MembershipFactory(organisation=org, role=MembershipRole.MEMBER)
    url = reverse("people:organisation_member_change", args=[org.slug, other.pk])
    client.post(url, {"action": "role", "role": "admin"})
    other.refresh_from_db()
    assert other.role == MembershipRole.ADMIN
    client.post(url, {"action": "remove"})
    assert not OrganisationMembership.objects.filter(pk=other.pk).exists()


def test_last_admin_cannot_be_removed_or_demoted(client, org_admin):
    org = org_admin.organisation
    url = reverse("people:organisation_member_change", args=[org.slug, org_admin.pk])
    response = client.post(url, {"action": "role", "role": "member"}, follow=True)
    assert "minst en administratör" in response.content.decode()
    client.post(url, {"action": "remove"})
    org_admin.refresh_from_db()
    assert org_admin.role == MembershipRole.ADMIN


def test_any_member_may_leave_even_the_last_admin(client, org_admin):
    """Issue 13: leaving is never refused; an organisation without an admin goes to the
    innovation team's queue (organisations_without_admin)."""
    from people.selectors.organisations import organisations_without_admin

    org = org_admin.organisation
    member = MembershipFactory(organisation=org)
    page = client.get(reverse("people:organisation_leave", args=[org.slug])).content.decode()
    assert "Du är organisationens enda administratör" in page

    response = client.post(reverse("people:organisation_leave", args=[org.slug]))

    assert response.status_code == 302
    assert not OrganisationMembership.objects.filter(pk=org_admin.pk).exists()
    assert list(organisations_without_admin()) == [org]
    login(client, member.user)
    client.post(reverse("people:organisation_leave", args=[org.slug]))
    assert not OrganisationMembership.objects.filter(pk=member.pk).exists()


def test_organisations_without_admin_lists_only_those_with_no_admin(django_assert_num_queries):
    from people.selectors.organisations import organisations_without_admin

    with_admin = MembershipFactory(role=MembershipRole.ADMIN).organisation
    members_only = MembershipFactory(role=MembershipRole.MEMBER).organisation
    empty = OrganisationFactory()

    with django_assert_num_queries(1):
        rows = list(organisations_without_admin())

    assert set(rows) == {members_only, empty}
    assert with_admin not in rows
    assert {o.pk: o.member_count for o in rows} == {members_only.pk: 1, empty.pk: 0}


def test_member_who_is_not_admin_cannot_manage_members(client):
    member = MembershipFactory(role=MembershipRole.MEMBER)
    login(client, member.user)
    org = member.organisation
    assert client.get(reverse("people:organisation_members", args=[org.slug])).status_code == 403
    url = reverse("people:organisation_member_change", args=[org.slug, member.pk])
    assert client.post(url, {"action": "role", "role": "admin"}).status_code == 403
    member.refresh_from_db()
    assert member.role == MembershipRole.MEMBER


# --- Verification and listing --------------------------------------------------------------


def test_only_verified_organisations_show_the_verified_mark(client):
    org = OrganisationFactory(name="Ungdomsföreningen Framåt", kind="association")
    detail = reverse("people:organisation_detail", args=[org.slug])
    assert VERIFIED_MARK not in client.get(detail).content.decode()
    login(client, staff_user(INNOVATION_TEAM))
    client.post(reverse("people:organisation_verify", args=[org.slug]))
    org.refresh_from_db()
    assert org.is_verified
    assert VERIFIED_MARK in client.get(detail).content.decode()
    assert VERIFIED_MARK in client.get(reverse("people:organisation_list")).content.decode()


def test_list_filters_by_kind_and_ignores_a_malformed_filter(client):
    OrganisationFactory(name="Företaget AB", kind="company")
    OrganisationFactory(name="Idrottsklubben", kind="association")
    url = reverse("people:organisation_list")
    html = client.get(url, {"slag": "association"}).content.decode()
    assert "Idrottsklubben" in html and "Företaget AB" not in html
    response = client.get(url, {"slag": "<script>", "sida": "nej"})
    assert response.status_code == 200
    assert "Idrottsklubben" in response.content.decode()


def test_list_shows_an_empty_state(client):
    html = client.get(reverse("people:organisation_list")).content.decode()
    assert "Ingen organisation har registrerat sig ännu." in html


def test_list_is_paginated(client):
    for i in range(14):
        OrganisationFactory(name=f"Org {i:02d}")
    url = reverse("people:organisation_list")
    first = client.get(url).content.decode()
    second = client.get(url, {"sida": 2}).content.decode()
    assert "Org 00" in first and "Org 13" not in first
    assert "Org 13" in second and "Org 00" not in second
    assert "?sida=2" in first and 'rel="prev"' in second


def _orgs_with_tags(n, district):
    for i in range(n):
        org = OrganisationFactory(name=f"Org {i}")
        org.districts.add(district)
        org.offers.add("lokaler", "data")
        MembershipFactory(organisation=org)


def test_organisation_list_selector_takes_three_queries(django_assert_num_queries):
    from people.selectors.organisations import organisation_list
    from tests.factories.base import DistrictFactory

    _orgs_with_tags(8, DistrictFactory(name="Ålidhem"))
    with django_assert_num_queries(3):  # organisations + districts + offers
        rows = [
            (o.name, o.member_count, [d.label for d in o.districts.all()], list(o.offers.all()))
            for o in organisation_list()
        ]
    assert len(rows) == 8 and all(r[1] == 1 and r[2] == ["Ålidhem"] for r in rows)


def test_list_page_query_count_does_not_grow_with_organisations(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.base import DistrictFactory

    district = DistrictFactory(name="Ålidhem")
    url = reverse("people:organisation_list")
    _orgs_with_tags(2, district)
    client.get(url)  # warm per-process caches (site, locale) before measuring
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _orgs_with_tags(9, district)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("lokaler") == 11
    assert len(many) == len(few)


def test_valid_org_number_helper_makes_valid_numbers():
    for seed in range(50):
        validate_org_number(valid_org_number(seed))


def test_hidden_profiles_are_not_named_as_members_to_outsiders(client):
    from people.models import Visibility

    org = OrganisationFactory(name="Föreningen Framåt", kind="association")
    MembershipFactory(
        organisation=org,
        role="admin",
        user=ProfileFactory(display_name="Öppen Olle", visibility=Visibility.PUBLIC).user,
    )
    hidden = MembershipFactory(
        organisation=org,
        user=ProfileFactory(display_name="Dold Dora", visibility=Visibility.HIDDEN).user,
    )
    detail = reverse("people:organisation_detail", args=[org.slug])
    outsider_view = client.get(detail).content.decode()
    assert "Öppen Olle" in outsider_view and "Dold Dora" not in outsider_view
    assert "Och 1 medlem till." in outsider_view
    login(client, hidden.user)
    assert "Dold Dora" in client.get(detail).content.decode()  # fellow members see everyone


def test_replacing_the_logo_deletes_the_old_file_after_commit(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    membership = MembershipFactory(role=MembershipRole.ADMIN)
    login(client, membership.user)
    org = membership.organisation
    url = reverse("people:organisation_edit", args=[org.slug])
    data = form_data(name=org.name, org_number=org.org_number)
    first = SimpleUploadedFile("a.png", png_bytes((500, 500)), "image/png")
    client.post(url, {**data, "logo": first})
    org.refresh_from_db()
    old_path = org.logo.path
    second = SimpleUploadedFile("b.jpg", png_bytes((300, 300), "JPEG"), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "logo": second})
    org.refresh_from_db()
    import os

    assert org.logo.name.endswith(".jpg")
    assert os.path.exists(org.logo.path) and not os.path.exists(old_path)
