import pytest
from django.core.cache import cache

from projects.matchmaking import calibration, exposure, index


@pytest.fixture(autouse=True)
def fresh_matchmaking_index():
    """Each test starts without a cached index (the database rolls back, the cache does not)."""
    cache.clear()
    index.reset_local()
    exposure.reset_local()
    calibration.reset_local()
    yield
    index.reset_local()
    exposure.reset_local()
    calibration.reset_local()
