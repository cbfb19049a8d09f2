"""The demo's district list is Umeå's (issue 12: it offered Backa and Norra Hisingen, Göteborg)."""

import pytest

from umecom.core.demo.taxonomy import ensure_taxonomy
from umecom.taxonomy.models import District

pytestmark = pytest.mark.django_db


def test_demo_districts_are_all_in_umea():
    ensure_taxonomy()

    municipalities = set(District.objects.values_list("municipality", flat=True))
    names = set(District.objects.values_list("name", flat=True))

    assert municipalities == {"Umeå"}
    assert not names & {"Backa", "Norra Hisingen"}
