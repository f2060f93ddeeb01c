"""Search backends that fail, for WAGTAILSEARCH_BACKENDS in tests."""

from django.db import OperationalError
from modelsearch.backends.database.fallback import DatabaseSearchBackend


class UnreachableBackend(DatabaseSearchBackend):
    """A search server that does not answer (OpenSearch or Elasticsearch down)."""

    def search(self, *args, **kwargs):
        raise ConnectionRefusedError(
            "[Errno 111] Connection refused: search server unreachable"
        )

    autocomplete = search


class TimingOutBackend(DatabaseSearchBackend):
    """A search server that answers too late (an overloaded cluster)."""

    def search(self, *args, **kwargs):
        raise TimeoutError("Read timed out. (read timeout=10)")

    autocomplete = search


class SyntaxRejectingBackend(DatabaseSearchBackend):
    """A database backend whose full-text engine rejects typed syntax (SQLite's
    FTS5 and a lone ``"``), and runs plain words."""

    def search(self, query, *args, **kwargs):
        if '"' in str(getattr(query, "query_string", query)):
            raise OperationalError('fts5: syntax error near """')
        return super().search(query, *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        if '"' in str(getattr(query, "query_string", query)):
            raise OperationalError('fts5: syntax error near """')
        return super().autocomplete(query, *args, **kwargs)
