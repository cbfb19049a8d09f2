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
