"""Factories for people/: accounts, profiles (and, appended by their owner, organisations)."""

import factory
from allauth.account.models import EmailAddress

from people.models import Profile, Visibility
from tests.factories.base import UserFactory


def verified_user(**kwargs):
    """A user who can log in at once: allauth demands a verified primary EmailAddress."""
    user = UserFactory(**kwargs)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


class VerifiedUserFactory(UserFactory):
    """UserFactory plus a verified, primary allauth EmailAddress."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(VerifiedUserFactory)
    display_name = factory.Sequence(lambda n: f"Person {n}")
    visibility = Visibility.MEMBERS
    bio = ""


# --- Organisations and commitments (organisations engineer) --------------------------------


def valid_org_number(seed: int) -> str:
    """A made-up organisation number with a correct check digit (third digit ≥ 2)."""
    from people.validators import luhn_ok

    body = f"556{seed % 1_000_000:06d}"  # "556…" like an aktiebolag; never a personnummer
    check = next(d for d in range(10) if luhn_ok(body + str(d)))
    digits = body + str(check)
    return f"{digits[:6]}-{digits[6:]}"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.Organisation"
        django_get_or_create = ("org_number",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = "company"
    org_number = factory.Sequence(valid_org_number)
    description = "Vi vill bidra till Umeå."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.OrganisationMembership"

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.LazyAttribute(lambda o: ProfileFactory().user)
    role = "member"


class CommitmentFactory(factory.django.DjangoModelFactory):
    """Needs `challenge=` (a ChallengePage, see tests/factories/challenges.py)."""

    class Meta:
        model = "people.Commitment"

    user = factory.LazyAttribute(lambda o: ProfileFactory().user)
    organisation = None
    offers = factory.LazyFunction(lambda: ["expertise"])
    message = "Vi vill gärna hjälpa till."
    status = "pending"


def staff_user(group_name: str, **kwargs):
    """A signed-up person in a staff group (umecom/roles.py); the group comes from a migration."""
    from django.contrib.auth.models import Group

    user = ProfileFactory(**kwargs).user
    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


def login(client, user) -> None:
    """force_login with the user as stored in the database (what the next request will load)."""
    user.refresh_from_db()
    client.force_login(user)
