from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views import serve as wagtaildocs_serve

import umecom.converters  # noqa: F401 - registers <id:…>
from people.views import sso as sso_views
from people.views.accounts import AdminLoginView
from umecom.core import views as core_views

# Wagtail's public URLs (wagtail.urls), with ids through `<id:…>` and pages served through
# core_views.page, which takes routes and view restrictions from the cache.
wagtail_public_urls = [
    path(
        "_util/authenticate_with_password/<id:page_view_restriction_id>/<id:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's front-end sign-in (for private pages) is a plain Django LoginView that would
    # bypass allauth: send it to the one public log-in instead (WAGTAIL_FRONTEND_LOGIN_URL).
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    re_path(wagtail_urls.serve_pattern, core_views.page, name="wagtail_serve"),
]

# wagtail.documents.urls, with `<id:…>` (its own `(\d+)` lets any length reach the database).
wagtail_documents_urls = [
    path(
        "<id:document_id>/<path:document_filename>",
        wagtaildocs_serve.serve,
        name="wagtaildocs_serve",
    ),
    path(
        "authenticate_with_password/<id:restriction_id>/",
        wagtaildocs_serve.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]

urlpatterns = [
    # One way in: the admin's sign-in runs allauth's log-in (same verification, rate limits and
    # lockout as the public site) and admits only staff. Listed before Wagtail's admin URLs,
    # so it answers /admin/login/ under Wagtail's own URL name.
    path("admin/login/", AdminLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtail_documents_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("readyz/", core_views.readyz, name="readyz"),
    # Public uploads in the embedded default (DEBUG or not); production's proxy serves /media/
    # itself. Avatars are not here: they live in PRIVATE_MEDIA_ROOT (people.storage).
    path("media/<path:path>", core_views.media, name="media"),
]

# Swedish lives at "/", English at "/en/" (prefix_default_language=False).
urlpatterns += i18n_patterns(
    # Same paths as allauth's own (which reverse() still names); matched first so that a
    # provider that is down gives a clear page, not a 500 (people/views/sso.py).
    path("konto/oidc/<str:provider_id>/login/", sso_views.oidc_login),
    path("konto/oidc/<str:provider_id>/login/callback/", sso_views.oidc_callback),
    path("konto/", include("allauth.urls")),
    path("", include("people.urls")),
    path("", include("umecom.notifications.urls")),
    path("", include("projects.urls")),
    path("", include(wagtail_public_urls)),  # must stay last: Wagtail serves every other path
    prefix_default_language=False,
)

handler404 = "umecom.core.views.page_not_found"
handler500 = "umecom.core.views.server_error"
