"""Background work of the projects app, run by the task worker (see umecom/tasks.py)."""

from __future__ import annotations

from django_tasks import task

from umecom.tasks import QUEUE_BACKEND


@task(backend=QUEUE_BACKEND)
def refresh_calibration() -> None:
    """Learn the matchmaking calibration again from past projects (seconds at 100,000
    people: never in a page view). Queued by `calibration.current` when it is missing or old."""
    from .matchmaking import calibration, index

    pool, _index = index.get_index()
    calibration.refresh(pool)
