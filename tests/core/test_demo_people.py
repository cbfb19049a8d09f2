"""The demo's people, organisations and commitments: believable, valid, idempotent."""

import pytest
from django.contrib.auth import authenticate

from people.models import Commitment, CommitmentStatus, Organisation, Profile, User
from people.selectors.commitments import challenge_participants
from people.validators import validate_org_number
from tests.factories import challenges as challenge_pages
from umecom.core.demo.people import ORGANISATIONS, PEOPLE, ensure_people
from umecom.taxonomy.models import ActorType

pytestmark = pytest.mark.django_db


def test_demo_org_numbers_are_valid():
    for spec in ORGANISATIONS:
        validate_org_number(spec.number)


def test_demo_loads_every_actor_type_and_is_idempotent():
    page = challenge_pages.challenge(title="Trygghet", plan="open", slug="trygghet-alidhem-centrum")
    summary = ensure_people()
    counts = (User.objects.count(), Organisation.objects.count(), Commitment.objects.count())
    ensure_people()
    assert (
        User.objects.count(),
        Organisation.objects.count(),
        Commitment.objects.count(),
    ) == counts
    assert counts[0] == len(PEOPLE) and counts[1] == len(ORGANISATIONS)
    assert set(Profile.objects.values_list("actor_type", flat=True)) == set(ActorType.values)
    assert Organisation.objects.filter(verified_at__isnull=False).exists()
    assert Organisation.objects.filter(verified_at__isnull=True).exists()
    assert all(o.memberships.filter(role="admin").exists() for o in Organisation.objects.all())
    # Only the commitments for the challenge that exists were made; the rest were skipped.
    assert Commitment.objects.filter(challenge=page).count() == 5
    assert "hoppades över" in summary
    groups = {
        g.key: [p.name for p in g.participants] for g in challenge_participants(challenge=page)
    }
    assert "Bostäder i Norr AB" in groups["company"]
    assert "En medborgare" in groups["citizen"]  # the hidden profile stays anonymous
    assert Commitment.objects.filter(status=CommitmentStatus.PENDING).exists()


def test_demo_people_sign_in_by_email_with_the_documented_password():
    ensure_people()
    user = authenticate(email="amira.yusuf@example.org", password="umecom-demo")
    assert user is not None and user.email == "amira.yusuf@example.org"
    assert user.emailaddress_set.filter(verified=True, primary=True).exists()


def test_demo_usernames_are_never_taken_from_email_addresses():
    ensure_people()
    for user in User.objects.all():
        local_part = user.email.partition("@")[0].lower()
        assert local_part not in user.username.lower(), user.username


def test_an_earlier_demos_email_derived_username_is_replaced():
    User.objects.create_user(username="amira.yusuf", email="amira.yusuf@example.org")
    ensure_people()
    user = User.objects.get(email="amira.yusuf@example.org")
    assert user.username != "amira.yusuf"
