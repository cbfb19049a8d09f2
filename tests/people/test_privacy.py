"""Mina data: the export holds everything about the member and nothing about anyone else;
deleting an account removes personal data, anonymises commitments and logs only counts."""

import io
import json
import os
import zipfile

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from people.models import (
    Commitment,
    ConsentRecord,
    DeletionLog,
    OrganisationMembership,
    Profile,
    ProfileLink,
)
from people.selectors.organisations import organisations_without_admin
from people.services.privacy import account_delete, user_data_export
from people.services.profiles import consent_record
from tests.factories.base import DistrictFactory
from tests.factories.challenges import challenge
from tests.factories.people import (
    CommitmentFactory,
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _swedish_thread_language():
    # A request to /en/… leaves English active in the thread (LocaleMiddleware never
    # deactivates), and reverse() would then build /en/ URLs: start and end in Swedish.
    translation.activate("sv")
    yield
    translation.activate("sv")


User = get_user_model()
PASSWORD = "correct-horse-battery"  # tests/factories/base.py


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def rich_profile(media):
    """A member with something in every kind of personal data Umecom keeps."""
    profile = ProfileFactory(
        display_name="Anna Berg", bio="Cyklar året runt.", languages="svenska", visibility="public"
    )
    user = profile.user
    profile.skills.set(["Programmering"])
    profile.interests.set(["Cykling"])
    profile.districts.set([DistrictFactory(name="Haga")])
    ProfileLink.objects.create(profile=profile, label="Blogg", url="https://example.org/anna")
    profile.avatar.save("a.png", ContentFile(b"\x89PNG fake bytes"), save=True)
    consent_record(user=user, kind="privacy_policy", granted=True)
    SocialAccount.objects.create(user=user, provider="kommun", uid="anna-123", extra_data={})
    organisation = OrganisationFactory(name="Cykelföreningen")
    MembershipFactory(organisation=organisation, user=user, role="member")
    CommitmentFactory(challenge=challenge(title="Säkrare cykelvägar"), user=user)
    return profile


def export_of(user) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(user_data_export(user=user)))


def test_export_contains_the_members_data_and_a_readable_summary(rich_profile):
    archive = export_of(rich_profile.user)
    data = json.loads(archive.read("data.json"))

    assert set(archive.namelist()) >= {"data.json", "LASMIG.txt"}
    assert any(name.startswith("avatar/") for name in archive.namelist())
    assert data["account"]["email"] == rich_profile.user.email
    assert "password" not in data["account"]
    assert data["email_addresses"][0]["email"] == rich_profile.user.email
    assert data["profile"]["display_name"] == "Anna Berg"
    assert data["profile"]["skills"] == ["Programmering"]
    assert data["profile"]["interests"] == ["Cykling"]
    assert data["profile"]["districts"] == ["Haga"]
    assert data["profile"]["links"] == [{"label": "Blogg", "url": "https://example.org/anna"}]
    assert data["consents"][0]["kind"] == "privacy_policy"
    assert data["social_accounts"][0]["uid"] == "anna-123"
    assert data["organisation_memberships"][0]["organisation"] == "Cykelföreningen"
    assert data["commitments"][0]["challenge"] == "Säkrare cykelvägar"
    summary = archive.read("LASMIG.txt").decode()
    assert "Dina uppgifter i Umecom" in summary
    assert rich_profile.user.email in summary


def test_readable_summary_shows_labels_not_stored_values(rich_profile):
    """Issue 12: "Synlighet: public" meant nothing to the member."""
    summary = export_of(rich_profile.user).read("LASMIG.txt").decode()

    assert "Synlighet: Alla, även utan konto" in summary
    assert "public" not in summary
    assert "Jag är: Medborgare" in summary
    assert "- Cykelföreningen (Medlem)" in summary
    assert "- Säkrare cykelvägar: Väntar på svar" in summary
    assert "Åtagand" not in summary and "Anmälningar till utmaningar: 1" in summary


def test_english_export_has_an_english_summary_file(client, rich_profile):
    """Issue 12: in English the summary was still called LASMIG.txt."""
    client.force_login(rich_profile.user)
    download, my_data = reverse("people:download_my_data"), reverse("people:my_data")

    response = client.post("/en" + download)
    archive = zipfile.ZipFile(io.BytesIO(response.content))

    assert "README.txt" in archive.namelist()
    assert "LASMIG.txt" not in archive.namelist()
    summary = archive.read("README.txt").decode()
    assert "Visibility: Everyone, even without an account" in summary
    page = client.get("/en" + my_data).content.decode()
    assert "README.txt" in page and "LASMIG" not in page


def test_export_holds_open_invitations_to_the_persons_address(rich_profile):
    from people.services.invitations import invitation_create

    invitation_create(
        organisation=OrganisationFactory(name="Bokcirkeln"),
        email=rich_profile.user.email,
        role="admin",
    )

    archive = export_of(rich_profile.user)
    data = json.loads(archive.read("data.json"))

    assert data["organisation_invitations"][0]["organisation"] == "Bokcirkeln"
    assert data["organisation_invitations"][0]["role"] == "admin"
    assert "- Bokcirkeln (Administratör)" in archive.read("LASMIG.txt").decode()


def test_export_does_not_contain_another_members_data(rich_profile):
    other = ProfileFactory(display_name="Bertil Annan")
    other.skills.set(["Hemlig färdighet"])
    consent_record(user=other.user, kind="findable", granted=True)

    archive = export_of(rich_profile.user)
    everything = b"".join(archive.read(name) for name in archive.namelist())

    assert other.user.email.encode() not in everything
    assert b"Bertil Annan" not in everything
    assert "Hemlig färdighet".encode() not in everything


def test_download_needs_login_and_post(client, rich_profile):
    url = reverse("people:download_my_data")
    assert client.post(url).status_code == 302  # to login

    client.force_login(rich_profile.user)
    assert client.get(url).status_code == 405
    response = client.post(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert data["account"]["email"] == rich_profile.user.email


def test_my_data_page_lists_consents(client, rich_profile):
    client.force_login(rich_profile.user)

    page = client.get(reverse("people:my_data")).content.decode()

    assert "Ladda ner mina data" in page
    assert "Integritetspolicy" in page


# --- Deleting an account ---------------------------------------------------------------------


def test_deleting_removes_personal_data_and_anonymises_commitments(
    rich_profile, django_capture_on_commit_callbacks
):
    user = rich_profile.user
    avatar_path = rich_profile.avatar.path
    commitment = Commitment.objects.get(user=user)

    with django_capture_on_commit_callbacks(execute=True):
        log = account_delete(user=user)

    assert not User.objects.filter(pk=user.pk).exists()
    assert not Profile.objects.filter(pk=rich_profile.pk).exists()
    assert not ProfileLink.objects.exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    assert not SocialAccount.objects.exists()
    assert not ConsentRecord.objects.filter(user_id=user.pk).exists()
    assert not OrganisationMembership.objects.filter(user_id=user.pk).exists()
    commitment.refresh_from_db()
    assert commitment.user is None
    assert commitment.participant_name == "Borttagen användare"
    assert not os.path.exists(avatar_path)
    assert (log.anonymised_commitments, log.removed_memberships) == (1, 1)


def test_deletion_log_holds_counts_only(rich_profile):
    email, name = rich_profile.user.email, rich_profile.display_name

    account_delete(user=rich_profile.user)

    row = DeletionLog.objects.values().get()
    assert set(row) == {"id", "deleted_at", "anonymised_commitments", "removed_memberships"}
    assert email not in str(row) and name not in str(row)


def test_the_last_admin_of_an_organisation_may_still_delete_the_account(client, media):
    """Issue 13: deleting one's account is never blocked by what others did (someone could
    once add a person as the only admin without asking). The organisation goes to the
    innovation team's queue instead, and the delete page says so beforehand."""
    admin = ProfileFactory()
    organisation = OrganisationFactory(name="Solcellsgruppen")
    MembershipFactory(organisation=organisation, user=admin.user, role="admin")
    MembershipFactory(organisation=organisation, role="member")
    client.force_login(admin.user)

    page = client.get(reverse("people:delete_account")).content.decode()
    assert "Solcellsgruppen" in page
    assert "Du kan ändå radera kontot" in page

    response = client.post(reverse("people:delete_account"), {"confirmation": PASSWORD})

    assert response.status_code == 302
    assert not User.objects.filter(pk=admin.user.pk).exists()
    assert DeletionLog.objects.count() == 1
    assert list(organisations_without_admin()) == [organisation]
    assert organisations_without_admin().get().member_count == 1


def test_account_delete_service_never_refuses_a_last_admin(media):
    admin = ProfileFactory()
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=admin.user, role="admin")

    account_delete(user=admin.user)

    assert not User.objects.filter(pk=admin.user.pk).exists()
    assert list(organisations_without_admin()) == [organisation]


def test_deletion_erases_the_persons_message_from_every_commitment(rich_profile):
    """Issue 12: the free-text message (often signed) goes with the person; the admin no
    longer shows it after the account is deleted."""
    user = rich_profile.user
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=user, role="member")
    for_org = CommitmentFactory(
        challenge=challenge(title="Gröna tak"),
        user=user,
        organisation=organisation,
        message="Hälsningar, Anna Berg, 070-123 45 67",
    )
    own = Commitment.objects.get(user=user, organisation=None)
    Commitment.objects.filter(pk=own.pk).update(message="Mvh Anna Berg")

    account_delete(user=user)

    for commitment in (own, for_org):
        commitment.refresh_from_db()
        assert commitment.user is None
        assert commitment.message == ""
    assert not Commitment.objects.filter(message__contains="Anna").exists()


def test_deleted_persons_accepted_commitment_shows_as_borttagen_anvandare(rich_profile):
    """Issue 12: the delete page promises "Borttagen användare"; the challenge page showed
    nothing at all."""
    from people.selectors.commitments import challenge_participants

    commitment = Commitment.objects.get(user=rich_profile.user)
    Commitment.objects.filter(pk=commitment.pk).update(status="accepted")
    page = commitment.challenge

    account_delete(user=rich_profile.user)

    names = [p.name for g in challenge_participants(challenge=page) for p in g.participants]
    assert names == ["Borttagen användare"]


def test_deletion_forgets_invitations_to_the_persons_addresses(rich_profile):
    from people.models import OrganisationInvitation
    from people.services.invitations import invitation_create

    invitation_create(
        organisation=OrganisationFactory(), email=rich_profile.user.email.upper(), role="member"
    )

    account_delete(user=rich_profile.user)

    assert not OrganisationInvitation.objects.exists()


def test_an_admin_with_a_co_admin_may_delete(media):
    admin = ProfileFactory()
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=admin.user, role="admin")
    MembershipFactory(organisation=organisation, role="admin")

    account_delete(user=admin.user)

    assert organisation.memberships.count() == 1


def test_delete_view_needs_the_right_password(client, media):
    profile = ProfileFactory()
    client.force_login(profile.user)

    response = client.post(reverse("people:delete_account"), {"confirmation": "fel"})

    assert response.status_code == 200
    assert "Lösenordet stämmer inte" in response.content.decode()
    assert User.objects.filter(pk=profile.user.pk).exists()


def test_delete_view_deletes_logs_out_and_confirms(client, media):
    profile = ProfileFactory()
    client.force_login(profile.user)

    response = client.post(
        reverse("people:delete_account"), {"confirmation": PASSWORD}, follow=True
    )

    assert not User.objects.filter(pk=profile.user.pk).exists()
    assert not response.context["user"].is_authenticated
    messages = [str(m) for m in response.context["messages"]]
    assert any("Ditt konto och dina uppgifter är raderade" in m for m in messages)
    assert DeletionLog.objects.count() == 1


def test_account_without_password_confirms_by_typing_radera(client, media):
    profile = ProfileFactory()
    profile.user.set_unusable_password()
    profile.user.save()
    client.force_login(profile.user)

    wrong = client.post(reverse("people:delete_account"), {"confirmation": "radera"})
    assert "Skriv RADERA med versaler" in wrong.content.decode()

    client.post(reverse("people:delete_account"), {"confirmation": "RADERA"})
    assert not User.objects.filter(pk=profile.user.pk).exists()


def test_deleting_in_english_lands_on_the_english_home_page(client, media):
    profile = ProfileFactory()
    client.force_login(profile.user)
    url = "/en" + reverse("people:delete_account")

    response = client.post(url, {"confirmation": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/en/"
