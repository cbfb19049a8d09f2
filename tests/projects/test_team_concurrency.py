"""Two accepts racing for the last place in a team leave one new member: joining takes the
project's row lock (select_for_update), so the second sees a full team.

Needs PostgreSQL (SQLite serialises writers, so it cannot show a race); on SQLite the test is
skipped with that reason. CI runs the suite on PostgreSQL.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from projects.models import JoinRequest, ProjectInvitation
from projects.services import teams as services
from tests.factories import challenges as challenge_pages
from tests.factories.people import ProfileFactory
from tests.factories.teams import ProjectFactory, invitable_user


def _race(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes = []

    def run(action):
        from django.db import connections

        try:
            barrier.wait()
            action()
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_accepts_of_the_last_place_leave_one_member():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so no race can happen")
    challenge = challenge_pages.challenge(title="Trygga stråk", plan="teams")
    project = ProjectFactory(challenge=challenge, max_team_size=2)  # the lead and one more
    lead = project.lead_user
    asks = [
        JoinRequest.objects.create(project=project, user=ProfileFactory().user, message="Hej")
        for _ in range(2)
    ]
    invitation = ProjectInvitation.objects.create(
        project=project, user=invitable_user(), invited_by=lead
    )

    def accept(ask):
        return lambda: services.join_request_answer(
            join_request=JoinRequest.objects.get(pk=ask.pk), by=lead, accept=True
        )

    def answer():
        services.invitation_answer(
            invitation=ProjectInvitation.objects.get(pk=invitation.pk),
            user=invitation.user,
            accept=True,
        )

    outcomes = _race(accept(asks[0]), accept(asks[1]), answer)
    assert sorted(outcomes) == ["ok", "refused", "refused"]
    assert project.memberships.count() == 2
