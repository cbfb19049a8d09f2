"""people/demo.py: believable, valid, idempotent demo data."""

import io

import pytest
from django.contrib.auth import authenticate

from people.demo import ORGANISATIONS, PEOPLE, load_people_demo
from people.models import Commitment, CommitmentStatus, Organisation, Profile, User
from people.selectors.commitments import challenge_participants
from people.validators import validate_org_number
from tests.factories import challenges as challenge_pages
from umecom.taxonomy.models import ActorType

pytestmark = pytest.mark.django_db


def test_demo_org_numbers_are_valid():
    for spec in ORGANISATIONS:
        validate_org_number(spec.number)


def test_demo_loads_every_actor_type_and_is_idempotent():
    page = challenge_pages.challenge(title="Trygghet", plan="open", slug="trygghet-alidhem-centrum")
    out = io.StringIO()
    load_people_demo(stdout=out)
    counts = (User.objects.count(), Organisation.objects.count(), Commitment.objects.count())
    load_people_demo(stdout=io.StringIO())
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
    assert "hoppades över" in out.getvalue()
    groups = {
        g.key: [p.name for p in g.participants] for g in challenge_participants(challenge=page)
    }
    assert "Bostäder i Norr AB" in groups["company"]
    assert "En medborgare" in groups["citizen"]  # the hidden profile stays anonymous
    assert Commitment.objects.filter(status=CommitmentStatus.PENDING).exists()


def test_demo_people_can_log_in_with_the_documented_password():
    load_people_demo(stdout=io.StringIO())
    user = authenticate(username="amira.yusuf@example.org", password="umecom-demo")
    if user is None:  # allauth's backend is keyed on e-mail; Django's on username
        user = authenticate(username="amira.yusuf", password="umecom-demo")
    assert user is not None and user.email == "amira.yusuf@example.org"
    assert user.emailaddress_set.filter(verified=True, primary=True).exists()
