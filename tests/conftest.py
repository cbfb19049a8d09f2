"""Shared fixtures. Factories are registered as fixtures (pytest-factoryboy), meinBerlin-style."""

import pytest
from django.utils import translation
from pytest_factoryboy import register

from tests.factories.base import DistrictFactory, ThemeFactory, UserFactory

register(UserFactory)
register(ThemeFactory)
register(DistrictFactory)


@pytest.fixture(autouse=True)
def _swedish_by_default():
    """Every test starts in Swedish; a request to /en/ must not leak English into the next one."""
    translation.activate("sv")
    yield
    translation.activate("sv")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the cached site shell must not outlive its data."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Uploads from tests never land in the working tree's var/ folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
