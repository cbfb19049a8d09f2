"""Template tags for challenge pages and organisation marks.

`{% challenge_participants page %}` renders "Med i utmaningen" for a ChallengePage: accepted
commitments grouped by kind of participant (one query, see the selector), and a
"Gå med" link while the challenge takes commitments.
"""

from django import template

from people.permissions import challenge_accepts_commitments
from people.selectors.commitments import challenge_participants as select_participants

register = template.Library()


@register.inclusion_tag("people/includes/challenge_participants.html", takes_context=True)
def challenge_participants(context, page):
    from challenges.models import ChallengePage

    challenge = getattr(page, "specific", page)
    if not isinstance(challenge, ChallengePage):
        return {"groups": [], "challenge": None, "accepting": False}
    request = context.get("request")
    viewer = getattr(request, "user", None)
    return {
        "challenge": challenge,
        "groups": select_participants(challenge=challenge, viewer=viewer),
        "accepting": challenge_accepts_commitments(challenge),
        "request": request,
    }


@register.simple_tag(takes_context=True)
def sso_connections(context, accounts) -> list[tuple]:
    """`{% sso_connections form.accounts as rows %}` on the connections page: one row per
    configured single sign-on provider, with this person's account there or None."""
    from allauth.socialaccount.adapter import get_adapter

    by_provider = {account.provider: account for account in accounts}
    providers = get_adapter().list_providers(context["request"])
    return [(provider, by_provider.get(provider.sub_id)) for provider in providers]
