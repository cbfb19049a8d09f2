"""Single sign-on settings, built from the README's `OIDC_*` variables in one place.

`base.py` calls `oidc_settings(os.environ, ...)` at start-up; the round-trip browser test
(tests/browser/test_sso.py) calls the same function with its loopback provider's address, so
the site under test is configured exactly as an administrator configures it.

Pure Python on purpose (no Django imports): settings modules import it before Django is set up.
"""

import copy
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit


class OIDCConfigurationError(ValueError):
    """OIDC_SERVER_URL is set but is not an http(s) URL; start-up stops with this message."""


def oidc_origin(server_url: str) -> str:
    """The scheme, host and port of the issuer: the one origin the CSP lets forms go to."""
    parts = urlsplit(server_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise OIDCConfigurationError(
            f"OIDC_SERVER_URL must be an http(s) URL such as "
            f"https://login.example.org/realms/umea, not {server_url!r}"
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def oidc_settings(
    environ: Mapping[str, str], *, content_security_policy: dict[str, Any]
) -> dict[str, Any]:
    """Django settings for single sign-on: `OIDC_SERVER_URL`, `SOCIALACCOUNT_PROVIDERS` and the
    `CONTENT_SECURITY_POLICY` to use (a copy of the given one, never the given one changed).

    Without `OIDC_SERVER_URL` SSO is off: no provider, and the policy is returned unchanged.
    With it, the issuer's origin joins `form-action` and nothing else: the confirmation form
    ("Fortsätt") posts to this site, whose answer redirects to the provider's authorisation
    endpoint, and Chromium checks every hop of a form's redirect chain against `form-action`.
    The provider's pages, scripts and images are never loaded into ours, so no other directive
    needs it.
    """
    server_url = environ.get("OIDC_SERVER_URL", "").strip()
    if not server_url:
        return {
            "OIDC_SERVER_URL": "",
            "SOCIALACCOUNT_PROVIDERS": {},
            "CONTENT_SECURITY_POLICY": content_security_policy,
        }
    origin = oidc_origin(server_url)
    providers = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": environ.get("OIDC_PROVIDER_ID", "") or "kommun",
                    "name": environ.get("OIDC_PROVIDER_NAME", "") or "Umeå kommun",
                    "client_id": environ.get("OIDC_CLIENT_ID", ""),
                    "secret": environ.get("OIDC_CLIENT_SECRET", ""),
                    "settings": {
                        "server_url": server_url,
                        # PKCE (RFC 7636) as well as the client secret: a stolen authorisation
                        # code is useless without the verifier kept in this site's session.
                        # Providers that do not know PKCE ignore the extra parameters.
                        "oauth_pkce_enabled": True,
                    },
                }
            ]
        }
    }
    policy = copy.deepcopy(content_security_policy)
    form_action = policy["DIRECTIVES"].setdefault("form-action", [])
    if origin not in form_action:
        form_action.append(origin)
    return {
        "OIDC_SERVER_URL": server_url,
        "SOCIALACCOUNT_PROVIDERS": providers,
        "CONTENT_SECURITY_POLICY": policy,
    }
