"""Production: refuses to start without a real secret key; passes `check --deploy` cleanly."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, env_bool

if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of at least 50 characters in production. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

DEBUG = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# Behind a TLS-terminating reverse proxy (see README) that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]

# PostgreSQL connections from a pool (psycopg_pool, which Django 5.1+ drives): under ASGI Django
# must not keep a connection per thread (CONN_MAX_AGE), so without a pool every request opened
# a new connection and PostgreSQL forked a backend for it. With CONN_HEALTH_CHECKS Django has
# the pool test a connection before lending it: a restarted database costs a failed check, not a
# failed request.
_database = DATABASES["default"]
if (
    _database["ENGINE"] == "django.db.backends.postgresql"
    and not _database.get("CONN_MAX_AGE")
    and env_bool("DATABASE_POOL", True)
):
    _database["CONN_HEALTH_CHECKS"] = True
    _database.setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2,
        "max_size": int(os.environ.get("DATABASE_POOL_MAX_SIZE", "4")),
        "timeout": 10,
    }
