import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from umecom.taxonomy.models import District, Theme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    # Hashed when built, so no post-generation save is needed (and none can be forgotten).
    password = factory.django.Password("correct-horse-battery")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Stadsdel {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
