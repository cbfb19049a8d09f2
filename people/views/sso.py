"""Single sign-on entry point: allauth's OpenID Connect view, kept from failing with a 500.

Pressing "Fortsätt" makes allauth fetch the provider's discovery document before it can
redirect. If the provider is down, that request raises inside allauth's view and nothing there
catches it; the callback catches the same errors itself. Both end in
`SocialAccountAdapter.on_authentication_error`, which shows the "provider is not answering"
page (people/adapters.py), so the message is the same wherever the provider fails.
"""

import requests
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.http import HttpRequest, HttpResponse


def oidc_login(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        return oidc_views.login(request, provider_id)
    except requests.RequestException as error:
        provider = get_adapter(request).get_provider(request, provider_id)
        return render_authentication_error(request, provider, exception=error)
