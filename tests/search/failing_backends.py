"""Search backends that fail, for WAGTAILSEARCH_BACKENDS in tests."""

from django.db import OperationalError
from modelsearch.backends.database.fallback import DatabaseSearchBackend


class UnreachableBackend(DatabaseSearchBackend):
    """A search server that does not answer (OpenSearch or Elasticsearch down)."""

    def search(self, *args, **kwargs):
        raise ConnectionError("Connection refused: search server unreachable")

    autocomplete = search


class SyntaxRejectingBackend(DatabaseSearchBackend):
    """A database backend whose full-text engine rejects the query's syntax."""

    def search(self, *args, **kwargs):
        raise OperationalError('fts5: syntax error near """')

    autocomplete = search
