"""Factories for ideas (projects/). Ideas need `challenge=` (see tests/factories/challenges.py)."""

import factory
from django.utils import timezone

from projects.models import Idea, IdeaCoAuthor, IdeaStatus, IdeaSupport
from tests.factories.people import ProfileFactory


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    author = factory.LazyAttribute(lambda o: ProfileFactory().user)
    title = factory.Sequence(lambda n: f"Idé nummer {n}")
    summary = "Fler mötesplatser för unga på kvällarna."
    description = "<p>Öppna skolgårdarna på kvällarna.</p>"
    status = IdeaStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdeaSupport

    user = factory.LazyAttribute(lambda o: ProfileFactory().user)


def accepted_coauthor(idea, user=None) -> IdeaCoAuthor:
    return IdeaCoAuthor.objects.create(
        idea=idea, user=user or ProfileFactory().user, status="accepted"
    )
