"""`{% projects_for_you %}`: the "Projekt som behöver dig" section for the signed-in person,
for any page that is theirs (Mina projekt, För dig)."""

from django import template

register = template.Library()


@register.inclusion_tag("projects/includes/for_you.html", takes_context=True)
def projects_for_you(context):
    from people.models import Profile

    from ..services import matchmaking

    user = context["request"].user
    if not user.is_authenticated:
        return {"projects": [], "challenges": [], "profile": None}
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "profile": Profile.objects.filter(user=user).first(),
        "projects": matchmaking.suggest_projects_for(user),
        "challenges": matchmaking.suggest_challenges_for(user),
    }


@register.inclusion_tag("projects/includes/for_organisation.html")
def projects_for_organisation(organisation):
    """Projects whose lacking skills the organisation offers (shown to its members)."""
    from ..services import matchmaking

    return {"suggestions": matchmaking.suggest_projects_for_organisation(organisation)}
