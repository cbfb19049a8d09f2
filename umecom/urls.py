from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views import serve as wagtaildocs_serve

import umecom.converters  # noqa: F401 - registers <id:…>
from umecom.core import views as core_views

# Wagtail's public URLs (wagtail.urls), with ids through `<id:…>` and pages served through
# core_views.page, which takes routes and view restrictions from the cache.
wagtail_public_urls = [
    path(
        "_util/authenticate_with_password/<id:page_view_restriction_id>/<id:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "_util/login/",
        auth_views.LoginView.as_view(template_name=wagtail_urls.WAGTAIL_FRONTEND_LOGIN_TEMPLATE),
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
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtail_documents_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz/", core_views.healthz, name="healthz"),
    # Public uploads in the embedded default (DEBUG or not); production's proxy serves /media/
    # itself. Avatars are not here: they live in PRIVATE_MEDIA_ROOT (people.storage).
    path("media/<path:path>", core_views.media, name="media"),
]

# Swedish lives at "/", English at "/en/" (prefix_default_language=False).
urlpatterns += i18n_patterns(
    path("konto/", include("allauth.urls")),
    path("", include("people.urls")),
    path("", include(wagtail_public_urls)),  # must stay last: Wagtail serves every other path
    prefix_default_language=False,
)

handler404 = "umecom.core.views.page_not_found"
handler500 = "umecom.core.views.server_error"
