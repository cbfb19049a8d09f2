"""What the three people listings share: spreadsheet export for the innovation team only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from wagtail.admin.views.generic import IndexView

from people import permissions
from umecom.core.admin_display import ReadableExportMixin


class ExportingIndexView(ReadableExportMixin, IndexView):
    """Spreadsheet export for the innovation team only, with callables for related columns
    (and yes/no, local times from ReadableExportMixin)."""

    export_values: dict = {}
    list_prefetch: tuple = ()

    def dispatch(self, request, *args, **kwargs):
        if request.GET.get("export") and not permissions.can_manage_people_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related(*self.list_prefetch)

    @cached_property
    def show_export_buttons(self):
        # Moderators may look, but only the innovation team takes data out of the admin.
        return bool(self.list_export) and permissions.can_manage_people_admin(self.request.user)

    def to_row_dict(self, item):
        return {
            field: self.export_values[field](item)
            if field in self.export_values
            else _multiget(item, field)
            for field in self.list_export
        }


def _multiget(item, dotted: str):
    value = item
    for part in dotted.split("."):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return value() if callable(value) else value


def joined_names(related) -> str:
    return ", ".join(str(obj) for obj in related.all())
