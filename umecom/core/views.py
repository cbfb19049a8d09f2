from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.static import serve


@never_cache
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def media(request, path):
    # The embedded default serves uploads itself; production lets the proxy do it (README).
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that could fail again: a plain render of a self-contained template.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
