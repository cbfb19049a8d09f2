"""The innovation team's Wagtail admin: listings, search, filters, CSV export, verify, dashboard."""

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import CommitmentStatus, Profile
from tests.factories import challenges as challenge_pages
from tests.factories.base import DistrictFactory
from tests.factories.people import (
    CommitmentFactory,
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
    login,
    staff_user,
)
from umecom.roles import EDITORS, INNOVATION_TEAM, MODERATORS

pytestmark = pytest.mark.django_db


def denied(response) -> bool:
    """Wagtail answers a PermissionDenied in its views with a redirect to the dashboard."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and (
        response["Location"] == reverse("wagtailadmin_home") or "login" in response["Location"]
    )


INDEXES = [
    "deltagare_personer:index",
    "deltagare_organisationer:index",
    "deltagare_ataganden:index",
]


@pytest.fixture
def data():
    challenge = challenge_pages.challenge(title="Trygga stråk på Ålidhem", plan="open")
    alidhem = DistrictFactory(name="Ålidhem")
    profile = ProfileFactory(display_name="Maja Öberg")
    profile.districts.add(alidhem)
    Profile.objects.filter(pk=profile.pk).update(actor_type="researcher")
    housing = OrganisationFactory(name="Bostäder i Norr AB", kind="company")
    housing.districts.add(alidhem)
    OrganisationFactory(name="Ungdomsföreningen Framåt", kind="association")
    MembershipFactory(organisation=housing, role="admin", user=profile.user)
    commitment = CommitmentFactory(challenge=challenge, user=profile.user, organisation=housing)
    return {"profile": profile, "housing": housing, "commitment": commitment, "district": alidhem}


@pytest.mark.parametrize("url_name", INDEXES)
def test_innovation_team_sees_every_listing(client, data, url_name):
    login(client, staff_user(INNOVATION_TEAM))
    response = client.get(reverse(url_name))
    assert response.status_code == 200


@pytest.mark.parametrize("url_name", INDEXES)
def test_normal_member_is_kept_out_of_the_admin(client, data, url_name):
    login(client, ProfileFactory().user)
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.parametrize("url_name", INDEXES)
def test_editor_with_admin_access_gets_403(client, data, url_name):
    login(client, staff_user(EDITORS))
    assert denied(client.get(reverse(url_name)))
    assert denied(client.get(reverse(url_name), {"export": "csv"}))


@pytest.mark.parametrize("url_name", INDEXES)
def test_moderator_may_view_but_not_export(client, data, url_name):
    login(client, staff_user(MODERATORS))
    listing = client.get(reverse(url_name))
    assert listing.status_code == 200
    assert "export=csv" not in listing.content.decode()
    assert denied(client.get(reverse(url_name), {"export": "csv"}))


def test_search_and_filters_narrow_the_organisation_listing(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    url = reverse("deltagare_organisationer:index")
    html = client.get(url, {"q": "Norr"}).content.decode()
    assert "Bostäder i Norr AB" in html and "Ungdomsföreningen Framåt" not in html
    html = client.get(url, {"kind": "association"}).content.decode()
    assert "Ungdomsföreningen Framåt" in html and "Bostäder i Norr AB" not in html
    html = client.get(url, {"districts": data["district"].pk}).content.decode()
    assert "Bostäder i Norr AB" in html and "Ungdomsföreningen Framåt" not in html
    html = client.get(url, {"verified": "true"}).content.decode()
    assert "Bostäder i Norr AB" not in html


def test_people_listing_filters_by_actor_type_and_district(client, data):
    login(client, staff_user(INNOVATION_TEAM, display_name="Teamet"))
    url = reverse("deltagare_personer:index")
    html = client.get(url, {"actor_type": "researcher"}).content.decode()
    assert "Maja Öberg" in html and "Teamet" not in html
    html = client.get(url, {"districts": data["district"].pk}).content.decode()
    assert "Maja Öberg" in html and "Teamet" not in html


def test_commitment_listing_filters_by_status(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    url = reverse("deltagare_ataganden:index")
    assert "Bostäder i Norr AB" in client.get(url, {"status": "pending"}).content.decode()
    assert "Bostäder i Norr AB" not in client.get(url, {"status": "accepted"}).content.decode()


def csv_of(client, url_name):
    response = client.get(reverse(url_name), {"export": "csv"})
    assert response.status_code == 200
    assert "text/csv" in response["Content-Type"]
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_exports_contain_data_but_email_only_in_commitments(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    people = csv_of(client, "deltagare_personer:index")
    orgs = csv_of(client, "deltagare_organisationer:index")
    commitments = csv_of(client, "deltagare_ataganden:index")
    email = data["profile"].user.email
    assert "Maja Öberg" in people and "Forskare" in people and "Ålidhem" in people
    assert "Bostäder i Norr AB" in orgs and data["housing"].org_number in orgs
    assert "Bostäder i Norr AB" in commitments and "Expertis" in commitments
    assert email in commitments
    assert "@" not in people and "@" not in orgs  # data minimisation


def test_verify_action_in_the_admin(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    org = data["housing"]
    url = reverse("deltagare_organisationer:verify", args=[org.pk])
    form = client.get(url).content.decode()
    assert 'name="verified" value="1"' in form
    assert client.post(url, {"verified": "1"}).status_code == 302
    org.refresh_from_db()
    assert org.is_verified
    listing = client.get(reverse("deltagare_organisationer:index")).content.decode()
    assert "Ta bort verifiering" in listing
    assert 'name="verified" value="0"' in client.get(url).content.decode()


def test_a_double_submitted_verify_does_not_undo_itself(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    org = data["housing"]
    url = reverse("deltagare_organisationer:verify", args=[org.pk])
    client.post(url, {"verified": "1"})
    org.refresh_from_db()
    first_verified_at = org.verified_at
    response = client.post(url, {"verified": "1"}, follow=True)
    org.refresh_from_db()
    assert org.is_verified and org.verified_at == first_verified_at
    assert "redan verifierad" in response.content.decode()
    client.post(url, {"verified": "0"})
    client.post(url, {"verified": "0"})
    org.refresh_from_db()
    assert not org.is_verified


def test_verify_without_a_wanted_state_changes_nothing(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    org = data["housing"]
    url = reverse("deltagare_organisationer:verify", args=[org.pk])
    for bad in ({}, {"verified": "yes"}, {"verified": ""}):
        response = client.post(url, bad)
        assert response.status_code == 302 and response["Location"] == url
    org.refresh_from_db()
    assert not org.is_verified


def test_commitments_cannot_be_edited_or_added_directly(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    commitment = data["commitment"]
    assert denied(client.get(reverse("deltagare_ataganden:edit", args=[commitment.pk])))
    assert denied(client.get(reverse("deltagare_ataganden:add")))
    listing = client.get(reverse("deltagare_ataganden:index")).content.decode()
    assert reverse("deltagare_ataganden:decide", args=[commitment.pk]) in listing


def test_dashboard_shows_the_participation_mix_with_numbers(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    accepted = CommitmentFactory(
        challenge=data["commitment"].challenge, status=CommitmentStatus.ACCEPTED
    )
    assert accepted.pk
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Vilka är med på Umecom?" in html
    assert 'role="img"' in html and "<svg" in html
    assert "Personer per slags deltagare" in html
    assert "Forskare: 1" in html  # the accessible summary carries the numbers
    assert "Ålidhem: 1" in html
    assert "Företag: 1" in html and "Förening: 1" in html
    assert "<table" in html  # table fallback


def test_dashboard_panel_is_hidden_from_editors(client, data):
    login(client, staff_user(EDITORS))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Vilka är med på Umecom?" not in response.content.decode()


def test_participation_mix_takes_three_queries(data, django_assert_num_queries):
    from people.selectors.commitments import participation_mix

    with django_assert_num_queries(3):
        charts = participation_mix()
    assert [c.key for c in charts] == ["actor_type", "district", "org_kind"]
    assert {b.label: b.value for b in charts[2].bars}["Företag"] == 1


def test_edit_and_inspect_views_open_for_the_innovation_team(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    org, profile, commitment = data["housing"], data["profile"], data["commitment"]
    urls = [
        reverse("deltagare_organisationer:edit", args=[org.pk]),
        reverse("deltagare_organisationer:inspect", args=[org.pk]),
        reverse("deltagare_organisationer:add"),
        reverse("deltagare_personer:edit", args=[profile.pk]),
        reverse("deltagare_personer:inspect", args=[profile.pk]),
        reverse("deltagare_ataganden:inspect", args=[commitment.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_admin_form_normalises_the_org_number(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    org = data["housing"]
    response = client.post(
        reverse("deltagare_organisationer:edit", args=[org.pk]),
        {
            "name": org.name,
            "slug": org.slug,
            "kind": "company",
            "org_number": "5560360793",
            "description": "",
            "website": "",
            "offers": "lokaler",
            "needs": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    org.refresh_from_db()
    assert org.org_number == "556036-0793"


def test_a_staff_edit_of_name_or_number_takes_the_verification_back(client, data):
    login(client, staff_user(INNOVATION_TEAM))
    org = data["housing"]
    org.verified_at = timezone.now()
    org.save(update_fields=["verified_at"])
    form = {
        "name": org.name,
        "slug": org.slug,
        "kind": "company",
        "org_number": org.org_number,
        "description": "ändrad beskrivning",
        "website": "",
        "offers": "lokaler",
        "needs": "",
    }
    url = reverse("deltagare_organisationer:edit", args=[org.pk])
    assert client.post(url, form).status_code == 302
    org.refresh_from_db()
    assert org.verified_at is not None  # other fields leave the verification alone

    assert client.post(url, {**form, "name": "Bostäder i Söder AB"}).status_code == 302
    org.refresh_from_db()
    assert org.verified_at is None


def test_organisations_without_an_admin_are_a_filter_next_to_verification(client, data):
    from people.selectors.organisations import organisations_without_admin

    orphan = OrganisationFactory(name="Ensamma föreningen", kind="association")
    MembershipFactory(organisation=orphan, role="member")
    # "Ungdomsföreningen Framåt" has no members at all; "Bostäder i Norr AB" has an admin.
    assert set(organisations_without_admin().values_list("name", flat=True)) == {
        "Ensamma föreningen",
        "Ungdomsföreningen Framåt",
    }
    login(client, staff_user(INNOVATION_TEAM))
    url = reverse("deltagare_organisationer:index")
    html = client.get(url, {"without_admin": "true"}).content.decode()
    assert "Ensamma föreningen" in html and "Bostäder i Norr AB" not in html
    html = client.get(url, {"without_admin": "false"}).content.decode()
    assert "Bostäder i Norr AB" in html and "Ensamma föreningen" not in html


def test_dashboard_lists_sign_ups_waiting_and_accepts_in_one_click(client, data, mailoutbox):
    login(client, staff_user(INNOVATION_TEAM))
    commitment = data["commitment"]
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Anmälningar som väntar på svar" in html
    assert "Bostäder i Norr AB" in html and "Trygga stråk på Ålidhem" in html
    decide = reverse("deltagare_ataganden:decide", args=[commitment.pk])
    assert f'action="{decide}"' in html
    response = client.post(decide, {"decision": "accept", "from": "dashboard"})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.ACCEPTED
    assert (
        "Inga anmälningar väntar på svar."
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_moderators_inspecting_an_organisation_see_no_member_list(client, data):
    member = data["profile"].user
    Profile.objects.filter(pk=data["profile"].pk).update(visibility="hidden")
    login(client, staff_user(MODERATORS))
    url = reverse("deltagare_organisationer:inspect", args=[data["housing"].pk])
    html = client.get(url).content.decode()
    assert "Bostäder i Norr AB" in html
    assert member.username not in html
    assert data["profile"].display_name not in html


def test_moderators_do_not_get_the_answer_panel(client, data):
    login(client, staff_user(MODERATORS))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Anmälningar som väntar på svar" not in html


def test_waiting_sign_ups_take_two_queries_however_many(data, django_assert_num_queries):
    from people.selectors.commitments import commitments_awaiting_decision

    for _ in range(12):
        CommitmentFactory(challenge=data["commitment"].challenge)
    with django_assert_num_queries(2):
        rows, total = commitments_awaiting_decision(limit=10)
        names = [c.participant_name for c in rows]
    assert len(names) == 10 and total == 13


def test_hidden_profiles_are_not_in_the_moderators_people_admin(client, data):
    hidden = ProfileFactory(display_name="Dold Person", visibility="hidden")
    shown = data["profile"]
    login(client, staff_user(MODERATORS))
    listing = client.get(reverse("deltagare_personer:index")).content.decode()
    assert shown.display_name in listing
    assert "Dold Person" not in listing
    searched = client.get(reverse("deltagare_personer:index"), {"q": "Dold"}).content.decode()
    assert "Dold Person" not in searched
    for view in ("inspect", "history", "usage"):
        assert client.get(reverse(f"deltagare_personer:{view}", args=[hidden.pk])).status_code == (
            404
        ), view
    assert client.get(reverse("deltagare_personer:inspect", args=[shown.pk])).status_code == 200


def test_the_innovation_team_still_sees_hidden_profiles(client, data):
    hidden = ProfileFactory(display_name="Dold Person", visibility="hidden")
    login(client, staff_user(INNOVATION_TEAM))
    assert "Dold Person" in client.get(reverse("deltagare_personer:index")).content.decode()
    inspect = client.get(reverse("deltagare_personer:inspect", args=[hidden.pk]))
    assert inspect.status_code == 200
    assert "Dold Person" in csv_of(client, "deltagare_personer:index")


def _csv_rows(client, url_name):
    import csv
    import io

    header, *rows = csv.reader(io.StringIO(csv_of(client, url_name)))
    return [dict(zip(header, row, strict=True)) for row in rows]


def _xlsx_rows(client, url_name):
    import io

    from openpyxl import load_workbook

    response = client.get(reverse(url_name), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_exports_say_yes_and_no_and_give_local_times_to_the_second(client, data):
    import datetime as dt

    # 10:30:15.123456 UTC on a winter day is 11:30:15 in Umeå.
    created = dt.datetime(2026, 1, 15, 10, 30, 15, 123456, tzinfo=dt.UTC)
    Profile.objects.filter(pk=data["profile"].pk).update(
        findable_for_projects=True, invitable_to_teams=False, created_at=created
    )
    housing = data["housing"]
    type(housing).objects.filter(pk=housing.pk).update(verified_at=timezone.now())
    login(client, staff_user(INNOVATION_TEAM))

    people = {r["Namn"]: r for r in _csv_rows(client, "deltagare_personer:index")}
    maja = people["Maja Öberg"]
    assert (maja["Sökbar för projekt"], maja["Kan bjudas in"]) == ("Ja", "Nej")
    assert maja["Skapad"] == "2026-01-15 11:30:15"
    orgs = {r["Namn"]: r for r in _csv_rows(client, "deltagare_organisationer:index")}
    assert orgs["Bostäder i Norr AB"]["Verifierad"] == "Ja"
    assert orgs["Ungdomsföreningen Framåt"]["Verifierad"] == "Nej"
    for row in _csv_rows(client, "deltagare_ataganden:index"):
        assert "+00:00" not in row["Anmäld"] and "." not in row["Anmäld"]

    people = {r["Namn"]: r for r in _xlsx_rows(client, "deltagare_personer:index")}
    maja = people["Maja Öberg"]
    assert (maja["Sökbar för projekt"], maja["Kan bjudas in"]) == ("Ja", "Nej")
    assert maja["Skapad"] == dt.datetime(2026, 1, 15, 11, 30, 15)
    orgs = {r["Namn"]: r for r in _xlsx_rows(client, "deltagare_organisationer:index")}
    assert orgs["Bostäder i Norr AB"]["Verifierad"] == "Ja"
