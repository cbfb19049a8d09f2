"""Path converters shared by every urls.py.

`<id:name>`: a database id. Django's `<int:…>` accepts any number of digits, and an id that
does not fit in a 64-bit integer then fails in the database (SQLite raises OverflowError,
PostgreSQL "out of range"): a 500 instead of a 404. This converter matches 1–19 digits and
refuses values above 2**63 - 1; Django answers 404 when `to_python` raises ValueError.
Negative numbers never match (no sign in the pattern).
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id does not fit in 64 bits")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
