"""Deleting a user from the Wagtail admin goes through the same privacy service as self-deletion."""

import pytest

from people.models import DeletionLog, MembershipRole, OrganisationMembership, Profile
from people.selectors.organisations import organisations_without_admin
from tests.factories import challenges as build
from tests.factories.people import (
    CommitmentFactory,
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("chef", "chef@example.org", "pw-123456789")


def test_admin_deletion_anonymises_commitments_and_logs_without_personal_data(client, superuser):
    profile = ProfileFactory(display_name="Ada Lund")
    commitment = CommitmentFactory(user=profile.user, challenge=build.challenge())
    client.force_login(superuser)

    response = client.post(f"/admin/users/delete/{profile.user.pk}/")

    assert response.status_code == 302
    assert not Profile.objects.filter(pk=profile.pk).exists()
    commitment.refresh_from_db()
    assert commitment.user is None
    log = DeletionLog.objects.get()
    assert log.anonymised_commitments == 1
    assert "Ada" not in str(log.__dict__) and "@" not in str(log.__dict__)


def test_admin_deletes_the_last_admin_of_an_organisation_which_goes_to_the_queue(client, superuser):
    """Issue 13: deleting an account is never blocked by an organisation's roles."""
    profile = ProfileFactory()
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=profile.user, role=MembershipRole.ADMIN)
    client.force_login(superuser)

    response = client.post(f"/admin/users/delete/{profile.user.pk}/", follow=True)

    assert response.status_code == 200
    assert not OrganisationMembership.objects.filter(organisation=organisation).exists()
    assert DeletionLog.objects.count() == 1
    assert list(organisations_without_admin()) == [organisation]
