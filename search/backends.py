"""Wagtail's database search backend, with the user's words escaped for SQLite's FTS5.

Upstream cause (django-modelsearch, used by wagtail.search.backends.database): the SQLite
backend wraps every word in double quotes for FTS5 MATCH but does not double the quotes inside
it, and passes a phrase's text into MATCH unescaped. A search such as `"a>` then ends the FTS5
string early and SQLite raises "fts5: syntax error near '>'", a 500 in every admin search box
that uses the index (images, the page explorer, choosers). FTS5 escapes a quote inside a
string by doubling it; the tokenizer drops punctuation anyway, so the results do not change.
PostgreSQL and the fallback backend are returned untouched.
"""

from __future__ import annotations

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Phrase, PlainText


def _escape(text: str) -> str:
    return text.replace('"', '""')


def _quote_safe(compiler_class):
    class QuoteSafeCompiler(compiler_class):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                query = PlainText(_escape(query.query_string), query.operator, query.boost)
            elif isinstance(query, Phrase):
                query = Phrase(_escape(query.query_string))
            return super().build_search_query_content(query, config=config)

    QuoteSafeCompiler.__name__ = f"QuoteSafe{compiler_class.__name__}"
    return QuoteSafeCompiler


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database_backend(params)
    # Import the SQLite module only on SQLite: importing it looks up a model that exists
    # only there (SQLiteFTSIndexEntry) and fails on PostgreSQL.
    if connection.vendor != "sqlite":
        return backend
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    if isinstance(backend, SQLiteSearchBackend):
        backend.query_compiler_class = _quote_safe(backend.query_compiler_class)
        backend.autocomplete_query_compiler_class = _quote_safe(
            backend.autocomplete_query_compiler_class
        )
    return backend
