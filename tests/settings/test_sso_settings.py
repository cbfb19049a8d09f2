"""Single sign-on is configured by the README's OIDC_* variables through one settings function,
which widens the CSP by exactly the provider's origin in `form-action` and nothing else."""

import json

import pytest

from tests.settings.test_settings import run_python
from umecom.settings.sso import OIDCConfigurationError, oidc_settings

ISSUER = "https://login.example.org/realms/umea"
POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
    }
}


def test_without_a_server_url_sso_is_off_and_the_policy_is_untouched():
    configured = oidc_settings({}, content_security_policy=POLICY)

    assert configured["SOCIALACCOUNT_PROVIDERS"] == {}
    assert configured["CONTENT_SECURITY_POLICY"] is POLICY
    assert configured["OIDC_SERVER_URL"] == ""


def test_server_url_adds_its_origin_to_form_action_and_nowhere_else():
    configured = oidc_settings({"OIDC_SERVER_URL": ISSUER}, content_security_policy=POLICY)

    directives = configured["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["form-action"] == ["'self'", "https://login.example.org"]
    assert {name: value for name, value in directives.items() if name != "form-action"} == {
        name: value for name, value in POLICY["DIRECTIVES"].items() if name != "form-action"
    }
    assert POLICY["DIRECTIVES"]["form-action"] == ["'self'"]  # the base policy is not changed


def test_provider_app_comes_from_the_readme_variables_with_its_defaults():
    configured = oidc_settings(
        {"OIDC_SERVER_URL": ISSUER, "OIDC_CLIENT_ID": "umecom", "OIDC_CLIENT_SECRET": "hemligt"},
        content_security_policy=POLICY,
    )

    (app,) = configured["SOCIALACCOUNT_PROVIDERS"]["openid_connect"]["APPS"]
    assert app["provider_id"] == "kommun"
    assert app["name"] == "Umeå kommun"
    assert (app["client_id"], app["secret"]) == ("umecom", "hemligt")
    assert app["settings"]["server_url"] == ISSUER
    assert app["settings"]["oauth_pkce_enabled"] is True


def test_origin_keeps_a_non_default_port():
    configured = oidc_settings(
        {"OIDC_SERVER_URL": "http://127.0.0.1:8444/openid"}, content_security_policy=POLICY
    )

    assert (
        "http://127.0.0.1:8444"
        in configured["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"]
    )


@pytest.mark.parametrize("bad", ["login.example.org", "ftp://login.example.org", "https://"])
def test_a_server_url_that_is_not_http_stops_start_up_with_a_clear_message(bad):
    with pytest.raises(OIDCConfigurationError, match="OIDC_SERVER_URL must be an http"):
        oidc_settings({"OIDC_SERVER_URL": bad}, content_security_policy=POLICY)


def test_settings_module_reads_the_variables_from_the_environment(tmp_path):
    result = run_python(
        """
        import json, django
        django.setup()
        from django.conf import settings
        print(json.dumps({
            "form_action": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"],
            "script_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"],
            "apps": settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"],
        }))
        """,
        settings_module="umecom.settings.dev",
        tmp_path=tmp_path,
        OIDC_SERVER_URL=ISSUER,
        OIDC_CLIENT_ID="umecom",
        OIDC_CLIENT_SECRET="hemligt",
    )

    assert result.returncode == 0, result.stderr
    dumped = json.loads(result.stdout.strip().splitlines()[-1])
    assert dumped["form_action"] == ["'self'", "https://login.example.org"]
    assert dumped["script_src"] == ["'self'"]
    assert dumped["apps"][0]["client_id"] == "umecom"


@pytest.mark.django_db
def test_pages_carry_the_provider_origin_in_form_action_only_when_configured(client, settings):
    page = client.get("/konto/login/")
    assert "form-action 'self';" in page["Content-Security-Policy"] + ";"
    assert "login.example.org" not in page["Content-Security-Policy"]

    for name, value in oidc_settings(
        {"OIDC_SERVER_URL": ISSUER}, content_security_policy=settings.CONTENT_SECURITY_POLICY
    ).items():
        setattr(settings, name, value)
    header = client.get("/konto/oidc/kommun/login/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    assert directives["form-action"] == "'self' https://login.example.org"
    assert [name for name, value in directives.items() if "login.example.org" in value] == [
        "form-action"
    ]
