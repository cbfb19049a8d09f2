from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.static import serve
from wagtail import views as wagtail_views
from wagtail.models import Page

from umecom import published_cache

from . import shell


@never_cache
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def page(request, path):
    """Wagtail's page view, with the route and view restrictions taken from the cache.

    Wagtail walks the page tree (two queries a level) and reads the view restrictions (two
    more) on every view; both change only when an editor publishes. See umecom.core.shell.
    """
    if not shell.route_from_hint(request, path):
        Page.route_for_request(request, path)  # Wagtail keeps the result on the request
        shell.remember_route(request, path)
    result = getattr(request, "_wagtail_route_for_request", None)
    if result is not None:
        restrictions = published_cache.view_restrictions_for(result.page)
        if restrictions is not None:
            # Wagtail's check_view_restrictions hook asks the page for its restrictions.
            result.page.get_view_restrictions = lambda: restrictions
    return wagtail_views.serve(request, path)


def media(request, path):
    # The embedded default serves uploads itself; production lets the proxy do it (README).
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that could fail again: a plain render of a self-contained template.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
