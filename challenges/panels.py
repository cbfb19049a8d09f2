"""Sections an upper app adds to the challenge page (ideas, later teams), so that challenges/
never imports them: the upper app registers a template and a context function from its
AppConfig.ready(), the way people/services/privacy.py's `register_export_section` works.

(A small hook; the foundation work may replace it with a fuller "challenge page panels"
registry — keep the call shape `register_challenge_panel(key, template=, context=, order=)`.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ChallengePanel:
    key: str
    template: str
    context: Callable[..., dict]  # context(request=…, page=…) -> dict
    order: int = 100


_panels: dict[str, ChallengePanel] = {}


def register_challenge_panel(
    key: str, *, template: str, context: Callable[..., dict], order: int = 100
) -> None:
    _panels[key] = ChallengePanel(key, template, context, order)


def challenge_panels(*, request, page) -> list[dict]:
    """What the page template includes: [{"template": …, "context": {…}}] in order."""
    if page.pk is None:  # an admin preview of a page never saved: nothing can link to it
        return []
    return [
        {"key": p.key, "template": p.template, "context": p.context(request=request, page=page)}
        for p in sorted(_panels.values(), key=lambda p: p.order)
    ]
