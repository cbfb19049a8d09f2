"""The challenge page's "Projekt" section, registered into challenges/panels.py.

The challenge page has pinned query counts, so the list is kept in Django's cache per
challenge (plain dicts, the same for every visitor: a team-only project shows its title, goal
and team size, never who is in it) and dropped after any change to the challenge's projects,
their teams or roles commits (projects/signals_teams.py). A warm page costs no query; a cold
one, one. The cache is an accelerator: if it fails the list is computed.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import transaction

from ..selectors.teams import projects_of_challenge

logger = logging.getLogger(__name__)
TIMEOUT = 60 * 60


def cache_key(challenge_id: int) -> str:
    return f"umecom:projects:challenge:{challenge_id}"


def forget_on_commit(challenge_id: int | None) -> None:
    if challenge_id is None:
        return

    def forget():
        try:
            cache.delete(cache_key(challenge_id))
        except Exception as error:  # the entry expires on its own
            logger.warning("could not clear the projects of challenge %s: %s", challenge_id, error)

    transaction.on_commit(forget)


def _rows(challenge) -> list[dict]:
    return [
        {
            "pk": p.pk,
            "title": p.title,
            "goal": p.goal,
            "status": p.status,
            "status_label": str(p.get_status_display()),
            "member_count": p.member_count,
            "open_role_count": p.open_role_count,
            "max_team_size": p.max_team_size,
        }
        for p in projects_of_challenge(challenge)
    ]


def challenge_projects(challenge) -> list[dict]:
    key = cache_key(challenge.pk)
    try:
        rows = cache.get(key)
    except Exception:
        rows = None
    if rows is None:
        rows = _rows(challenge)
        try:
            cache.set(key, rows, TIMEOUT)
        except Exception as error:
            logger.warning("could not cache the projects of challenge %s: %s", challenge.pk, error)
    return rows


def challenge_projects_panel_context(*, request, page) -> dict | None:
    projects = challenge_projects(page)
    if not projects:
        return None
    return {"projects": projects, "challenge": page}
