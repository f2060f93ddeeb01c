"""Keeping this process's gettext catalogs in step with the database.

Every request a worker renders (pages served from the page cache render
nothing) reads the one-row ``CatalogVersion``: one primary-key query, about
0.1 ms on SQLite (docs/decisions.md). When its token differs from the one
this process loaded, the strings are read again and put in place, so a string
saved by one gunicorn worker shows on every other at its next request,
without a restart.
"""

import threading

from django.db import DatabaseError, connection

from knowledge_portal.core import catalog_overlay

from .models import CatalogVersion, InterfaceString

_reload_lock = threading.Lock()


def stored_version():
    """The token of the strings in the database, as the database gives it.

    Plain SQL: the ORM would spend ten times the query's own time building
    it, on every request a worker renders (docs/decisions.md).
    """
    table = connection.ops.quote_name(CatalogVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token FROM {table} WHERE id = %s",  # noqa: S608 (our table)
            [CatalogVersion.ROW],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def refresh_overlay():
    """Load the strings again if they changed since this process loaded them."""
    try:
        # The version first, then the strings: a change committed in between
        # brings newer strings under the older version, so the next request
        # loads again. (The other order could keep old strings for good.)
        version = stored_version()
        if version != catalog_overlay.loaded_version():
            with _reload_lock:
                if version != catalog_overlay.loaded_version():
                    catalog_overlay.load(version, overlaid_strings())
    except DatabaseError:
        # A database not migrated yet (setup, a restore in progress) has no
        # strings of its own: the catalogs of the files stand alone.
        return
    catalog_overlay.ensure_installed()


def overlaid_strings():
    return [
        catalog_overlay.OverlaidString(
            language=row.language,
            context=row.context,
            msgid=row.msgid,
            texts=tuple(row.texts),
            plural=row.plural,
            awaiting_review=not row.is_reviewed,
        )
        for row in InterfaceString.objects.all()
    ]


class InterfaceStringsMiddleware:
    """Refresh the overlay before a view renders (inside the page cache, so a
    page served from it costs no query)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refresh_overlay()
        return self.get_response(request)
