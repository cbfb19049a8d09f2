"""Single sign-on entry points: allauth's OpenID Connect views, kept from failing with a 500.

Both views fetch the provider's discovery document before their own error handling starts:
the login view to build the redirect after "Fortsätt", the callback to build its token
client. If the provider is down, that request raises and allauth lets it through as a 500.
Here it ends in allauth's `render_authentication_error`, like the errors allauth does catch,
and `SocialAccountAdapter.on_authentication_error` (people/adapters.py) shows the "provider is
not answering" page for all of them, so the message is the same wherever the provider fails.
"""

from collections.abc import Callable

import requests
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.http import HttpRequest, HttpResponse


def _unreachable_provider_handled(view: Callable) -> Callable:
    def wrapped(request: HttpRequest, provider_id: str) -> HttpResponse:
        try:
            return view(request, provider_id)
        except requests.RequestException as error:
            provider = get_adapter(request).get_provider(request, provider_id)
            return render_authentication_error(request, provider, exception=error)

    return wrapped


oidc_login = _unreachable_provider_handled(oidc_views.login)
oidc_callback = _unreachable_provider_handled(oidc_views.callback)
