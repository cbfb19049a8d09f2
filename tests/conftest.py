"""Shared fixtures. Factories are registered as fixtures (pytest-factoryboy), meinBerlin-style."""

from pytest_factoryboy import register

from tests.factories.base import DistrictFactory, ThemeFactory, UserFactory

register(UserFactory)
register(ThemeFactory)
register(DistrictFactory)
