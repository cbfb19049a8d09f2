"""The innovation team's Wagtail tools beyond the workflow: scheduled publishing and preview."""

import datetime as dt
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import challenges as build

pytestmark = pytest.mark.django_db


def test_a_challenge_scheduled_for_the_past_goes_live_when_publish_scheduled_runs():
    page = build.challenge(title="Hur gör vi Teg tryggare?", publish=False)
    assert not page.live
    page.go_live_at = timezone.now() + dt.timedelta(seconds=2)
    revision = page.save_revision()
    revision.publish()  # with a future go-live time Wagtail only schedules it
    page.refresh_from_db()
    assert not page.live

    # Real time passes (no clock mocking): the cron job then finds the revision due.
    time.sleep(max(0.0, (page.go_live_at - timezone.now()).total_seconds()) + 0.2)
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115

    page.refresh_from_db()
    assert page.live


def test_a_challenge_scheduled_for_the_future_stays_offline(client):
    page = build.challenge(title="Hur når vi fler unga på Ålidhem?", publish=False)
    page.go_live_at = timezone.now() + dt.timedelta(days=2)
    page.save_revision().publish()
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.refresh_from_db()
    assert not page.live
    assert client.get("/utmaningar/hur-nar-vi-fler-unga-pa-alidhem/").status_code == 404


def test_editor_can_preview_an_unpublished_draft_in_the_admin(client, django_user_model):
    page = build.challenge(title="Utkast: mötesplatser i Mariehem", publish=False)
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "pw-123456789")
    client.force_login(admin)
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert "Utkast: mötesplatser i Mariehem" in response.content.decode()


def test_revisions_keep_earlier_versions_of_a_challenge():
    page = build.challenge(title="Första versionen")
    page.title = "Andra versionen"
    page.save_revision().publish()
    titles = [r.as_object().title for r in page.revisions.order_by("created_at")]
    assert titles[0] == "Första versionen"
    assert titles[-1] == "Andra versionen"
