"""One support per person even when two requests race: the unique constraint decides.

Needs PostgreSQL (SQLite serialises writers, so it cannot show a race); on SQLite the test is
skipped with that reason. CI runs the suite on PostgreSQL.
"""

import threading

import pytest
from django.db import connection

from projects.models import Idea, IdeaSupport
from projects.services import ideas as services
from tests.factories import challenges as challenge_pages
from tests.factories.ideas import IdeaFactory
from tests.factories.people import ProfileFactory


@pytest.mark.django_db(transaction=True)
def test_racing_supports_by_one_person_make_one_row_and_count_one():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so no race can happen")
    challenge = challenge_pages.challenge(title="Trygga stråk", plan="open")
    idea = IdeaFactory(challenge=challenge)
    supporter = ProfileFactory().user
    barrier = threading.Barrier(8)
    outcomes = []

    def click():
        from django.db import connections

        try:
            barrier.wait()
            services.idea_support(idea=Idea.objects.get(pk=idea.pk), user=supporter)
            outcomes.append("ok")
        except services.IdeaError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1 and outcomes.count("refused") == 7
    assert IdeaSupport.objects.filter(idea=idea, user=supporter).count() == 1
    assert Idea.objects.get(pk=idea.pk).support_count == 1
