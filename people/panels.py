"""People's panels on the challenge page, registered into `challenges.panels`.

`challenges` sits below people/ and must not include its templates; PeopleConfig.ready()
registers these instead (the way `register_export_section` works the other way round).

- "Var med" (slot `actions`, at the top): your own pending and accepted sign-ups, and the
  way to join while the challenge takes sign-ups. The join form itself is people's view.
- "Med i utmaningen" (slot `main`, after the body): the accepted participants.
"""

from __future__ import annotations

from challenges.panels import register_page_panel
from people.permissions import challenge_accepts_commitments
from people.selectors.commitments import challenge_participants, signups_of


def signup_panel(*, request, page) -> dict | None:
    user = getattr(request, "user", None)
    signups = signups_of(user=user, challenge=page)
    accepting = challenge_accepts_commitments(page)
    if not signups and not accepting:
        return None
    return {"challenge": page, "accepting": accepting, "signups": signups}


def participation_panel(*, request, page) -> dict:
    viewer = getattr(request, "user", None)
    return {
        "challenge": page,
        "groups": challenge_participants(challenge=page, viewer=viewer),
        "accepting": challenge_accepts_commitments(page),
    }


def register() -> None:
    register_page_panel(
        "people.signups",
        slot="actions",
        template="people/includes/challenge_signups.html",
        get_context=signup_panel,
    )
    register_page_panel(
        "people.participation",
        slot="main",
        template="people/includes/challenge_participants.html",
        get_context=participation_panel,
    )
