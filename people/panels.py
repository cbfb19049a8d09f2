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
from people.selectors.commitments import ChallengeCommitments, challenge_commitments


def _commitments(request, page) -> ChallengeCommitments:
    """Both panels' commitments from one query, read once per request and page."""
    memo = request.__dict__.setdefault("_umecom_challenge_commitments", {})
    if page.pk not in memo:
        memo[page.pk] = challenge_commitments(challenge=page, viewer=getattr(request, "user", None))
    return memo[page.pk]


def signup_panel(*, request, page) -> dict | None:
    signups = _commitments(request, page).signups
    accepting = challenge_accepts_commitments(page)
    if not signups and not accepting:
        return None
    return {"challenge": page, "accepting": accepting, "signups": signups}


def participation_panel(*, request, page) -> dict:
    return {
        "challenge": page,
        "groups": _commitments(request, page).participants,
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
