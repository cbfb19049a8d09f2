"""Factories for people/: accounts, profiles, organisations and commitments."""

import factory
from allauth.account.models import EmailAddress

from people.models import Profile, Visibility
from people.validators import with_check_digit
from tests.factories.base import UserFactory


class VerifiedUserFactory(UserFactory):
    """A user who can log in at once: allauth demands a verified, primary EmailAddress."""

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


# --- Organisations and commitments ---------------------------------------------------------


def valid_org_number(seed: int) -> str:
    # "556…" like an aktiebolag; never a personnummer.
    return with_check_digit(f"556{seed % 1_000_000:06d}")


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


def signed_in(client, display_name: str, **profile):
    """A new person with a profile, signed in on `client`; returns the user."""
    user = ProfileFactory(display_name=display_name, **profile).user
    login(client, user)
    return user
