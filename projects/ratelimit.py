"""Rate limits on proposing, supporting and flagging, with allauth's cache-based limiter (the
one that already guards log-in), configured by `IDEA_RATE_LIMITS` in allauth's rate syntax.

allauth's public `consume()` reads only its own account settings, so this calls the function
behind it with our own configuration.
"""

from __future__ import annotations

from allauth.core.internal import ratelimit as _allauth
from django.conf import settings

DEFAULT_RATE_LIMITS = {
    "idea_propose": "10/h/user,30/d/user",
    "idea_support": "60/h/user",
    "idea_flag": "10/h/user",
}


def rates() -> dict[str, str]:
    return {**DEFAULT_RATE_LIMITS, **getattr(settings, "IDEA_RATE_LIMITS", {})}


def allowed(request, action: str) -> bool:
    """Consume one hit of `action` for the signed-in user; False when the limit is reached."""
    usage = _allauth.consume(
        request, app="projects", action=action, config=rates(), user=request.user
    )
    return usage is not None
