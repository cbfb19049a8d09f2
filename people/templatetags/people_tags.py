"""Template tags of the people pages."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def sso_connections(context, accounts) -> list[tuple]:
    """`{% sso_connections form.accounts as rows %}` on the connections page: one row per
    configured single sign-on provider, with this person's account there or None."""
    from allauth.socialaccount.adapter import get_adapter

    by_provider = {account.provider: account for account in accounts}
    providers = get_adapter().list_providers(context["request"])
    return [(provider, by_provider.get(provider.sub_id)) for provider in providers]
