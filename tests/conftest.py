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


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the migrated rows (serialized_rollback).

    A transactional test flushes the database afterwards; without serialized rollback Django
    then re-runs post_migrate (content types, permissions), and the next test that does
    restore the serialized rows collides with them (UNIQUE on django_content_type). Making it
    the rule for all of them keeps the order of tests irrelevant, whichever worker runs them.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        transactional = (marker is not None and marker.kwargs.get("transaction")) or (
            "transactional_db" in fixtures or "live_server" in fixtures
        )
        if not transactional or (marker is not None and marker.kwargs.get("serialized_rollback")):
            continue
        kwargs = dict(marker.kwargs) if marker is not None else {}
        kwargs.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)
