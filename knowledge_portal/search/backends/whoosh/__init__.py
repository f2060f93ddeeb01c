"""Whoosh search backend for django-modelsearch (``wagtail.search``).

Configure with::

    MODELSEARCH_BACKENDS = {  # or WAGTAILSEARCH_BACKENDS
        "default": {
            "BACKEND": "knowledge_portal.search.backends.whoosh",
            "PATH": BASE_DIR / "data" / "search-index",
        }
    }

See ``docs/search.md`` for options and the analysis rules.
"""

from .backend import (
    DEFAULT_OPTIONS,
    WhooshIndex,
    WhooshRebuilder,
    WhooshSearchBackend,
)
from .query import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .results import WhooshSearchResults
from .storage import IndexLocked, IndexStore, SearchIndexUnavailable

SearchBackend = WhooshSearchBackend

__all__ = [
    "DEFAULT_OPTIONS",
    "IndexLocked",
    "IndexStore",
    "SearchBackend",
    "SearchIndexUnavailable",
    "WhooshAutocompleteQueryCompiler",
    "WhooshIndex",
    "WhooshRebuilder",
    "WhooshSearchBackend",
    "WhooshSearchQueryCompiler",
    "WhooshSearchResults",
]
