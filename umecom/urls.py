from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from umecom.core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
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
    path("", include("notifications.urls")),
    path("", include("projects.urls")),
    path("", include(wagtail_urls)),  # must stay last: Wagtail serves every other path
    prefix_default_language=False,
)

handler404 = "umecom.core.views.page_not_found"
handler500 = "umecom.core.views.server_error"
