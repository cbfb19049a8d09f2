"""Settings read from the environment: production refuses unsafe config, URLs parse as documented.

Settings modules execute once per process, so every environment is tried in a fresh Python
subprocess with exactly the variables under test.
"""

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Variables a developer or CI may have set that would change what a subprocess sees.
CONFIG_VARS = {
    "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL", "REDIS_URL", "REDIS_PREFIX", "ELASTICSEARCH_URL", "SECURE_SSL_REDIRECT",
    "OIDC_SERVER_URL", "EMAIL_BACKEND", "STATIC_ROOT", "MEDIA_ROOT",
}  # fmt: skip


def run(argv: list[str], *, settings_module: str, tmp_path, **env_vars):
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    env.update(DJANGO_SETTINGS_MODULE=settings_module, UMECOM_VAR_DIR=str(tmp_path / "var"))
    env.update(env_vars)
    # Our own interpreter and fixed arguments: nothing untrusted reaches the command line.
    return subprocess.run(  # noqa: S603
        [sys.executable, *argv],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def run_python(code: str, **kwargs) -> subprocess.CompletedProcess:
    return run(["-c", textwrap.dedent(code)], **kwargs)


def manage(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return run(["manage.py", *args], **kwargs)


def production_env() -> dict[str, str]:
    return {"SECRET_KEY": secrets.token_urlsafe(48)[:64], "ALLOWED_HOSTS": "umecom.example"}


SETUP = "import django; django.setup()"
DUMP_SETTINGS = """
    import json, django
    django.setup()
    from django.conf import settings
    db = settings.DATABASES["default"]
    layer = settings.CHANNEL_LAYERS["default"]
    print(json.dumps({
        "db": {k: db.get(k) for k in ("ENGINE", "NAME", "HOST", "PORT", "USER", "PASSWORD")},
        "layer": layer["BACKEND"],
        "layer_hosts": layer.get("CONFIG", {}).get("hosts"),
        "cache": settings.CACHES["default"]["BACKEND"],
        "cache_location": settings.CACHES["default"].get("LOCATION"),
        "elasticsearch": settings.ELASTICSEARCH_URL,
        "allowed_hosts": settings.ALLOWED_HOSTS,
        "debug": settings.DEBUG,
    }))
"""


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_python(SETUP, settings_module="umecom.settings.production", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "weak_key",
    ["short", "django-insecure-" + "x" * 50, "a" * 64],
    ids=["too-short", "django-insecure-prefix", "one-repeated-character"],
)
def test_production_refuses_a_weak_secret_key(tmp_path, weak_key):
    result = run_python(
        SETUP, settings_module="umecom.settings.production", tmp_path=tmp_path, SECRET_KEY=weak_key
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_the_deployment_checklist_without_warnings(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        settings_module="umecom.settings.production", tmp_path=tmp_path, **production_env(),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_embedded_default_uses_sqlite_in_memory_layer_and_no_search_cluster(tmp_path):
    result = run_python(DUMP_SETTINGS, settings_module="umecom.settings.dev", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout.strip().splitlines()[-1])
    assert config["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert config["db"]["NAME"] == str(tmp_path / "var" / "umecom.sqlite3")
    assert config["layer"] == "channels.layers.InMemoryChannelLayer"
    # Shared by the server, the task worker and cron commands (tests/core/test_embedded_cache.py).
    assert config["cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert config["elasticsearch"] == ""
    assert config["debug"] is False


def test_service_urls_configure_postgres_redis_and_elasticsearch(tmp_path):
    result = run_python(
        DUMP_SETTINGS,
        settings_module="umecom.settings.production",
        tmp_path=tmp_path,
        DATABASE_URL="postgres://umecom:s%40cret@db.internal:5433/umecom_prod",
        REDIS_URL="redis://cache.internal:6380/2",
        ELASTICSEARCH_URL="https://search.internal:9200",
        **production_env(),
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout.strip().splitlines()[-1])
    assert config["db"] == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "umecom_prod",
        "HOST": "db.internal",
        "PORT": 5433,
        "USER": "umecom",
        "PASSWORD": "s@cret",
    }
    assert config["layer"] == "channels_redis.core.RedisChannelLayer"
    assert config["layer_hosts"] == ["redis://cache.internal:6380/2"]
    # Django's Redis cache, made to serve misses while Redis is down (umecom/cache.py).
    assert config["cache"] == "umecom.cache.TolerantRedisCache"
    assert config["cache_location"] == "redis://cache.internal:6380/2"
    assert config["elasticsearch"] == "https://search.internal:9200"
    assert config["allowed_hosts"] == ["umecom.example"]
    assert config["debug"] is False


def test_production_sends_hsts_and_redirects_plain_http(tmp_path):
    code = """
        import json, django
        django.setup()
        from django.test import Client
        client = Client()
        secure = client.get("/healthz/", HTTP_HOST="umecom.example", secure=True)
        plain = client.get("/en/", HTTP_HOST="umecom.example")
        print(json.dumps({
            "status": secure.status_code,
            "hsts": secure.headers.get("Strict-Transport-Security"),
            "plain_status": plain.status_code,
            "plain_location": plain.headers.get("Location"),
        }))
    """
    result = run_python(
        code, settings_module="umecom.settings.production", tmp_path=tmp_path, **production_env()
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == 200
    assert "max-age=31536000" in seen["hsts"] and "includeSubDomains" in seen["hsts"]
    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://umecom.example/en/"


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz/", "/konto/login/", "/en/konto/login/"])
def test_public_responses_carry_a_strict_csp_and_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = csp_directives(response.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_staff_in_the_admin_get_inline_allowances_but_still_only_its_own_origin(client):
    from tests.factories.people import login, staff_user
    from umecom.roles import EDITORS

    login(client, staff_user(EDITORS))
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = csp_directives(response.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert set(csp["script-src"]) == {"'self'", "'unsafe-inline'"}
    assert all(source in {"'self'", "'unsafe-inline'"} for source in csp["style-src"])
