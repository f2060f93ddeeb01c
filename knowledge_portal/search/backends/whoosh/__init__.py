"""Whoosh search backend for django-modelsearch (``wagtail.search``).

Configure with::

    MODELSEARCH_BACKENDS = {  # or WAGTAILSEARCH_BACKENDS
        "default": {
            "BACKEND": "knowledge_portal.search.backends.whoosh",
            "PATH": BASE_DIR / "data" / "search-index",
            # Optional: the language analysis (lower case and accent folding
            # without it); see the interface in .analysis.
            "ANALYSIS": "myproject.search.MyAnalysis",
        }
    }

The package imports nothing of the project it serves. See ``docs/search.md``
for the options.
"""

from .analysis import Analysis, WordForms
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
    "Analysis",
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
    "WordForms",
]
