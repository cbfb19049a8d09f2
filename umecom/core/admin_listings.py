"""Bad search and filter values in a Wagtail admin listing give a message, never a 500.

A middleware, because most of these listings are Wagtail's own views, and the causes are
upstream (editors cannot tell whose bug it is, so Umecom catches them):

- SQLite cannot bind an integer beyond 64 bits, and Django's lookups do not check the range
  for `__in` and for lookups through a relation (ModelMultipleChoiceField._check_values,
  ModelChoiceField on a foreign key such as the commitments listing's challenge): a filter
  value like `challenge=99999999999999999999999` raises OverflowError. PostgreSQL compares
  such a value as numeric and simply finds nothing. We drop the out-of-range parameter.
- Searching and filtering at once: Wagtail hands the filtered queryset to the search backend
  (django-modelsearch), which can only filter on index.FilterField columns and not on
  annotations. Images and documents filter on an annotated `usage_count`
  (wagtail/django-modelsearch#51), the form pages report filters on `numchild` and the image
  listing sorts by `file_size`, none of which the index knows, so `?q=…&usage_count_min=1`
  raised inside the backend. We keep the search and drop the filters, and say so.

Everything else still raises: this only handles an error it can undo by removing a parameter,
so a real bug is not hidden behind a redirect.
"""

from __future__ import annotations

import logging
import traceback

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

INT64 = range(-(2**63), 2**63)
SEARCH_PARAMETER = "q"


def _out_of_range(value: str) -> bool:
    try:
        return int(value.strip()) not in INT64
    except ValueError:
        return False


def _raised_in_search_backend(exception: BaseException) -> bool:
    return any(
        "/modelsearch/" in frame.filename for frame in traceback.extract_tb(exception.__traceback__)
    )


class AdminListingParametersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "GET" or not request.GET:
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        query = request.GET.copy()
        if isinstance(exception, OverflowError):
            for name in list(query):
                values = [v for v in query.getlist(name) if not _out_of_range(v)]
                if values:
                    query.setlist(name, values)
                else:
                    del query[name]
            message = _("Ett filter pekade på något som inte finns och har tagits bort.")
        elif query.get(SEARCH_PARAMETER) and _raised_in_search_backend(exception):
            query = query.__class__(mutable=True)
            query.setlist(SEARCH_PARAMETER, request.GET.getlist(SEARCH_PARAMETER))
            message = _(
                "Sökningen kan inte kombineras med de filter eller den sortering du valde. "
                "Filtren är borttagna och sökningen är kvar."
            )
        else:
            return None
        if query == request.GET:
            return None  # nothing we can remove: let the error surface
        logger.warning(
            "Admin listing %s: dropped parameters after %s",
            request.path,
            type(exception).__name__,
        )
        messages.warning(request, message)
        target = request.path + (f"?{query.urlencode()}" if query else "")
        return HttpResponseRedirect(target)
