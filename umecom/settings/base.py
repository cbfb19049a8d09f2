"""Settings shared by every environment, read from the environment with embedded defaults.

The defaults give the "embedded" Umecom a newcomer gets from `make run`: a SQLite file,
the in-memory channel layer, database search and e-mail printed to the console.
Production overrides live in `production.py`; see README "Running in production".
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from umecom.settings.sso import oidc_settings

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("UMECOM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Only the embedded default has a fallback key; production.py refuses to start without one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Layers, bottom to top (imports only point down): taxonomy → challenges → people →
# notifications → projects (ideas) → search → core (site shell: home page, content pages, demo).
INSTALLED_APPS = [
    "daphne",  # makes `runserver` ASGI, so websockets work in development too
    "umecom.taxonomy",
    "challenges",
    "people",
    "umecom.notifications",
    "projects",
    "search",
    "umecom.core",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the default form templates, for FORM_RENDERER below
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "umecom.core.middleware.reject_nul_bytes",
    "umecom.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Bad search and filter values in admin listings: a message instead of a 500.
    "umecom.core.admin_listings.AdminListingParametersMiddleware",
]

ROOT_URLCONF = "umecom.urls"
ASGI_APPLICATION = "umecom.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Project-wide form markup (templates/django/forms/): labels, help and errors linked by ARIA.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'umecom.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the ASGI server read while a write is in flight.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Channels: Redis when REDIS_URL is set, in-memory otherwise -----------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": os.environ.get("REDIS_PREFIX", "umecom")},
        }
    }
    CACHES = {
        "default": {
            # Django's Redis cache that serves misses instead of 500s while Redis is down.
            "BACKEND": "umecom.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("REDIS_PREFIX", "umecom"),
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    # Files, not per-process memory: the task worker and the commands cron runs
    # (publish_scheduled, load_demo) share this cache with the server, so a page they publish
    # clears the server's cached shell too (umecom/published_cache.py).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# After a failed call to Redis (or another helper service), skip it for this many seconds
# before trying again (umecom/resilience.py), so an outage does not slow every request.
DEPENDENCY_RETRY_SECONDS = float(os.environ.get("DEPENDENCY_RETRY_SECONDS", "5"))

# --- Ideas (projects/) ---------------------------------------------------------------------
# Open reports from different people before an idea is hidden until a moderator decides.
IDEA_FLAG_THRESHOLD = int(os.environ.get("IDEA_FLAG_THRESHOLD", "3"))
# allauth rate syntax (umecom/ratelimit.py); see projects/ratelimit.py for the defaults.
IDEA_RATE_LIMITS: dict[str, str] = {}
# Project teams: invitations and join requests (projects/services/teams.py has the defaults).
PROJECT_RATE_LIMITS: dict[str, str] = {}
# People in this many forming or active projects are "at their project limit": they are not
# suggested, cannot be invited and cannot ask to join another.
UMECOM_MAX_ACTIVE_PROJECTS = int(os.environ.get("UMECOM_MAX_ACTIVE_PROJECTS", "3"))
# The same syntax for people/ (organisation invitations); see people/views/organisations.py.
PEOPLE_RATE_LIMITS: dict[str, str] = {}

# --- Tasks: outbound work (e-mail) goes through a queue in the database ----------------------
# "queue" is ours: `manage.py db_worker` (started by `make run`; a systemd unit in production)
# runs it, retrying failed sends. "default" stays immediate so Wagtail's own small tasks
# (reference index, image focal points) keep running inline as they always have.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# --- Search: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise -------------
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "umecom")
# Wagtail's own admin search always uses the database; Umecom's search service (search/)
# chooses its backend from ELASTICSEARCH_URL.
# The database backend with a fix for SQLite FTS5 (see search/backends.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}

# --- Auth and accounts (django-allauth) -----------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Following the link from the sign-up e-mail (in the same browser) signs the person in, so
# they land in onboarding instead of on a log-in form.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Umecom] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# people/adapters.py creates the Profile and records the privacy-policy consent at sign-up.
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
ACCOUNT_USER_DISPLAY = "people.adapters.user_display"
SOCIALACCOUNT_ADAPTER = "people.adapters.SocialAccountAdapter"
ACCOUNT_FORMS = {
    "signup": "people.forms.accounts.SignupForm",
    # Our wording for the e-mail field ("E-postadress"); allauth's Swedish says "Epost-adress".
    "login": "people.forms.accounts.LoginForm",
    "add_email": "people.forms.accounts.AddEmailForm",
    "reset_password": "people.forms.accounts.ResetPasswordForm",
}
SOCIALACCOUNT_FORMS = {"signup": "people.forms.accounts.SocialSignupForm"}
# SSO users also see the sign-up form once, so that they too accept the privacy policy.
SOCIALACCOUNT_AUTO_SIGNUP = False
# Single sign-on (OpenID Connect): OIDC_SERVER_URL and friends switch it on; the block after
# CONTENT_SECURITY_POLICY below builds SOCIALACCOUNT_PROVIDERS (umecom/settings/sso.py).

# --- E-mail: console by default -------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A hung SMTP server must not hold the task worker forever; the send is retried later.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Umecom <noreply@umecom.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation: Swedish first, English second ------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Personal uploads (avatars): never below MEDIA_ROOT, served only through permission checks.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Umecom"
# The admin's sign-in is allauth's log-in plus an admin-access check (people.views.accounts,
# routed in umecom.urls); private pages send visitors to the same public log-in. Password
# reset goes through allauth too (rate-limited, no enumeration): Wagtail's own is switched off,
# and so is changing the e-mail address in the admin, which would skip allauth's verification.
WAGTAILADMIN_USER_LOGIN_FORM = "people.forms.accounts.AdminLoginForm"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Links in admin e-mails (and load_demo's printout) follow the port `make run` serves on.
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call home
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "txt", "csv"]
# No oEmbed look-ups to third parties: external media is rendered as a link (see challenges.blocks).
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_USER_EDIT_FORM = None
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party avatars
WAGTAILADMIN_COMMENTS_ENABLED = True

# --- Security headers shared by all environments --------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# --- Single sign-on (OpenID Connect), switched on by OIDC_SERVER_URL ------------------------
# allauth's provider and the provider's origin in `form-action`, from the README's OIDC_*
# variables; tests/browser/test_sso.py configures its live server through the same function.
_oidc = oidc_settings(os.environ, content_security_policy=CONTENT_SECURITY_POLICY)
OIDC_SERVER_URL = _oidc["OIDC_SERVER_URL"]
SOCIALACCOUNT_PROVIDERS = _oidc["SOCIALACCOUNT_PROVIDERS"]
CONTENT_SECURITY_POLICY = _oidc["CONTENT_SECURITY_POLICY"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "daphne": {"level": "WARNING"},
    },
}
AUTH_USER_MODEL = "people.User"
PRIVACY_POLICY_VERSION = "2026-11-01"
