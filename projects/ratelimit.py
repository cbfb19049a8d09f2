"""Rate limits on proposing, supporting and flagging ideas, through the site's one limiter
(umecom/ratelimit.py), configured by `IDEA_RATE_LIMITS` in allauth's rate syntax."""

from __future__ import annotations

from umecom import ratelimit

DEFAULT_RATE_LIMITS = {
    "idea_propose": "10/h/user,30/d/user",
    "idea_support": "60/h/user",
    "idea_flag": "10/h/user",
}


def rates() -> dict[str, str]:
    return ratelimit.rates(DEFAULT_RATE_LIMITS, "IDEA_RATE_LIMITS")


def allowed(request, action: str) -> bool:
    """Count one `action` for the signed-in user; False when the limit is reached."""
    return ratelimit.hit(request, scope="projects", action=action, rates=rates())
