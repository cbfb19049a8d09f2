import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.static import serve
from wagtail import views as wagtail_views
from wagtail.models import Page

from umecom import published_cache

from . import shell

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches nothing else, so a restart is never the answer
    to a dependency being down."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness, as JSON: 503 only when the database, the one store of record, does not
    answer. Redis (cache, channel layer) and Elasticsearch make the site faster and live, but
    it works without them, so their outage is "degraded" with a 200 (README, "Health checks").
    """
    checks = {
        "database": _database_check(),
        "redis": _redis_check() if settings.REDIS_URL else "off",
        "elasticsearch": _elasticsearch_check() if settings.ELASTICSEARCH_URL else "off",
    }
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    elif "down" in checks.values():
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


def _database_check() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("readiness: database unavailable (%s)", error)
        return "down"
    return "ok"


def _redis_check() -> str:
    ping = getattr(cache, "ping", None)  # umecom.cache: also tells its circuit breaker
    if ping is not None:
        return "ok" if ping() else "down"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except (redis.RedisError, OSError):
        return "down"
    finally:
        client.close()
    return "ok"


def _elasticsearch_check() -> str:
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=1, max_retries=0)
    try:
        return "ok" if client.ping() else "down"
    finally:
        client.close()


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
