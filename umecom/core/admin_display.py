"""Readable values in the Wagtail admin: what staff see in inspect views and yes/no columns.

Wagtail's InspectView (wagtail/admin/views/generic/models.py) shows a field's raw Python value
unless the view has a `get_<field>_display_value` method or the model a `get_<field>_display`:
None as "None", booleans as "True"/"False", a JSON list as "['mentoring', 'volunteers']".
`ReadableInspectView` keeps Wagtail's own handling (choice labels, dates, related names) and
turns what is left into words; a viewset names it as `inspect_view_class`. A field whose list
holds choice values (Commitment.offers) declares its labels with `list_choices`.

The CSV/XLSX exports (wagtail/admin/views/mixins.py, SpreadsheetExportMixin) likewise write
booleans as "True"/"False" and timestamps in UTC, in CSV with microseconds and "+00:00".
`ReadableExportMixin`, first in an index view's bases, writes "Ja"/"Nej" and the local time
(Europe/Stockholm) to the second; choice labels are each view's `to_row_dict`.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

import umecom.converters  # noqa: F401 - registers <id:…>, which the admin viewsets use

EMPTY = "–"


def readable(value, *, labels: dict | None = None) -> str:
    """One value as staff should read it; `labels` maps stored choice values to their labels."""
    if value is None or value == "" or value == [] or value == ():
        return EMPTY
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, list | tuple | set):
        labels = labels or {}
        return ", ".join(str(labels.get(item, item)) for item in value) or EMPTY
    return value


class ReadableInspectView(InspectView):
    """Wagtail's inspect view with no "None", "True" or "[…]" left on the page."""

    #: field name → choices (value, label) for a list field that stores choice values.
    list_choices: dict = {}

    def get_field_display_value(self, field_name, field):
        if field_name in self.list_choices:
            labels = dict(self.list_choices[field_name])
            return readable(getattr(self.object, field_name), labels=labels)
        value = super().get_field_display_value(field_name, field)
        if value == "-":  # Wagtail's own mark for an empty relation
            return EMPTY
        return readable(value)


class YesNoColumn(BooleanColumn):
    """Wagtail's tick/cross column, but the icon's text (read out by screen readers) is "Ja" or
    "Nej" instead of Python's "True" or "False"."""

    cell_template_name = "includes/admin_yes_no_cell.html"


def export_datetime(value: datetime.datetime) -> datetime.datetime:
    """A timestamp as the site's clock (TIME_ZONE, Europe/Stockholm) showed it, to the second,
    without a zone: a spreadsheet cell holds none, and Wagtail would otherwise write UTC. The
    site's zone rather than the staff member's own admin setting: the file is shared."""
    if timezone.is_aware(value):
        value = timezone.make_naive(value, timezone.get_default_timezone())
    return value.replace(microsecond=0)


def _yes_no(value: bool) -> str:
    return _("Ja") if value else _("Nej")


CSV = SpreadsheetExportMixin.FORMAT_CSV
XLSX = SpreadsheetExportMixin.FORMAT_XLSX


class ReadableExportMixin:
    """For an IndexView with `list_export`: yes/no in words, local time to the second."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        bool: {CSV: _yes_no, XLSX: _yes_no},
        datetime.datetime: {
            CSV: lambda value: export_datetime(value).isoformat(sep=" "),
            XLSX: export_datetime,
        },
    }
