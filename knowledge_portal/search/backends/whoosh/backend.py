"""The Whoosh search backend class, its index and its rebuilder."""

import logging

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from modelsearch.backends.base import BaseIndex, BaseSearchBackend
from modelsearch.index import SearchField, class_is_indexed
from modelsearch.query import PlainText

from .analysis import load_analysis
from .documents import SEARCH_PREFIX, build_document, document_id, field_paths
from .query import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .results import WhooshSearchResults
from .storage import IndexStore, SearchIndexUnavailable, build_schema

logger = logging.getLogger(__name__)

DEFAULT_OPTIONS = {
    "ANALYSIS": None,
    "LANGUAGE": "es",
    "QUERY_LANGUAGE": None,
    "AUTOCOMPLETE_MIN_GRAM": 1,
    "AUTOCOMPLETE_MAX_GRAM": 20,
    "FUZZY_MAX_DISTANCE": 1,
    "FUZZY_MIN_LENGTH": 5,
    "FUZZY_PREFIX_LENGTH": 1,
    "SUGGEST_MAX_DISTANCE": 2,
    "SUGGEST_CANDIDATES": 5,
    "LOCK_TIMEOUT": 30.0,
    "KEEP_GENERATIONS": 2,
    "AUTO_CREATE": False,
    "REBUILD_BATCH": 10000,
    "REBUILD_LIMITMB": 256,
    "REBUILD_PROCS": 1,
}


class WhooshIndex(BaseIndex):
    """The single Whoosh index holding every indexed model.

    ``generation`` pins the index to one generation directory (used while
    rebuilding); otherwise writes go to the live generation and, during a
    rebuild, to the one being built as well.

    A rebuild's documents are written ``REBUILD_BATCH`` at a time, each batch
    one segment committed without merging; only small segments are merged
    when the new generation is activated: committing every chunk of objects
    with Whoosh's default merging rewrote the growing segments again and
    again, and the final optimise everything once more (most of a rebuild's
    time at 50,000 pages). Live updates still reach the generation
    being built between two batches; a document of an object deleted while
    its batch waited may come back, and is harmless: results are always
    checked against the database.
    """

    def __init__(self, backend, generation=None):
        super().__init__(backend)
        self.generation = generation
        self._pending = []

    def __str__(self):
        return f"whoosh:{self.backend.store.path}"

    @property
    def store(self):
        return self.backend.store

    def _targets(self):
        if self.generation:
            return [self.generation]
        try:
            return self.store.write_targets()
        except SearchIndexUnavailable:
            logger.warning(
                "Search index missing: update skipped; rebuild_modelsearch_index "
                "will index the current data."
            )
            return []

    def reset(self):
        """Replace the live index with an empty one (atomically)."""
        self.store.activate(self.store.create_generation(), optimize=False)

    def add_items(self, model, items):
        if not model.get_search_fields():
            return
        analysis = self.backend.analysis
        language = self.backend.options["LANGUAGE"]
        documents = [build_document(obj, analysis, language) for obj in items]
        if not documents:
            return
        if self.generation:
            self._pending += documents
            if len(self._pending) >= int(self.backend.options["REBUILD_BATCH"]):
                self.flush()
            return
        for name in self._targets():
            with self.store.writer(name) as writer:
                for document in documents:
                    writer.update_document(**document)

    def flush(self):
        """Write a rebuild's pending documents as one new segment."""
        documents, self._pending = self._pending, []
        if not documents:
            return
        options = self.backend.options
        with self.store.writer(
            self.generation,
            merge=False,
            limitmb=int(options["REBUILD_LIMITMB"]),
            procs=int(options["REBUILD_PROCS"]),
        ) as writer:
            for document in documents:
                # Not add_document: a live update may have written it already.
                writer.update_document(**document)

    def delete_item(self, item):
        key = document_id(item)
        for name in self._targets():
            with self.store.writer(name) as writer:
                writer.delete_by_term("doc_id", key)


class WhooshRebuilder:
    """Builds a fresh generation, then swaps it in; searches keep working."""

    def __init__(self, index):
        self.index = index
        self.generation = None
        self.building = None

    def start(self):
        store = self.index.store
        self.generation = store.create_generation()
        store.begin_rebuild(self.generation)
        self.building = WhooshIndex(self.index.backend, generation=self.generation)
        return self.building

    def finish(self):
        self.building.flush()
        store = self.index.store
        # Whoosh's usual merge of small segments, not a full optimise: that
        # would rewrite every posting of the large batches once more.
        with store.writer(self.generation):
            pass
        store.activate(self.generation, optimize=False)


class WhooshSearchBackend(BaseSearchBackend):
    """modelsearch backend storing its index in Whoosh files under ``PATH``.

    Options (``MODELSEARCH_BACKENDS`` entry): ``PATH`` (required), and the
    keys of :data:`DEFAULT_OPTIONS`; see ``docs/search.md``.
    """

    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    index_class = WhooshIndex
    results_class = WhooshSearchResults
    rebuilder_class = WhooshRebuilder
    # Index trouble must not stop editors saving; a rebuild repairs the index.
    catch_indexing_errors = True

    def __init__(self, params):
        super().__init__(params)
        path = params.get("PATH")
        if not path:
            raise ImproperlyConfigured(
                "The Whoosh search backend needs a PATH option (index directory)."
            )
        self.options = {
            key: params.get(key, default) for key, default in DEFAULT_OPTIONS.items()
        }
        self.analysis = load_analysis(self.options["ANALYSIS"])
        schema = build_schema(
            self.analysis,
            self.options["LANGUAGE"],
            self.options["AUTOCOMPLETE_MIN_GRAM"],
            self.options["AUTOCOMPLETE_MAX_GRAM"],
        )
        self.store = IndexStore.for_path(
            path,
            schema=schema,
            lock_timeout=float(self.options["LOCK_TIMEOUT"]),
            keep_generations=int(self.options["KEEP_GENERATIONS"]),
        )
        if self.options["AUTO_CREATE"]:
            self.store.ensure_index()

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        kwargs["options"] = self.options
        kwargs["analysis"] = self.analysis
        if kwargs.get("language") is None:
            kwargs["language"] = self.options["QUERY_LANGUAGE"]
        results = super()._search(
            query_compiler_class, query, model_or_queryset, **kwargs
        )
        compiler = results.query_compiler
        if compiler and not (compiler.matches_everything or compiler.matches_nothing):
            # Fail now, not on first iteration, so callers can catch it early.
            self.store.searcher()
        return results

    def search(
        self,
        query,
        model_or_queryset,
        fields=None,
        operator=None,
        order_by_relevance=True,
        language=None,
    ):
        """Whole-word search; ``language`` is the query's language if known.

        Raises :class:`SearchIndexUnavailable` if the index is missing/corrupt.
        """
        return self._search(
            self.query_compiler_class,
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
            language=language,
        )

    def autocomplete(
        self,
        query,
        model_or_queryset,
        fields=None,
        operator=None,
        order_by_relevance=True,
        language=None,
    ):
        """Prefix search on ``AutocompleteField``s (edge n-grams)."""
        return self._search(
            self.autocomplete_query_compiler_class,
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
            language=language,
        )

    def suggest(self, query_string, model_or_queryset, language=None):
        """Return a corrected query ("Did you mean ...?") or ``None``.

        Words that already find something in ``model_or_queryset`` are kept.
        Other words are replaced by the nearest index term (edit distance up to
        ``SUGGEST_MAX_DISTANCE``, most frequent first) that *does* find
        something in ``model_or_queryset``, so a restricted queryset (e.g.
        only what the visitor may see) never leaks words from hidden content.
        """
        if isinstance(model_or_queryset, QuerySet):
            model = model_or_queryset.model
        else:
            model = model_or_queryset
        if not class_is_indexed(model):
            return None
        words = [word for word, _lang in self.analysis.words(query_string)]
        if not words:
            return None
        fields = [SEARCH_PREFIX + path for path in field_paths(model, SearchField)]
        corrected = []
        for word in words:
            if self._finds_something(word, model_or_queryset, language):
                corrected.append(word)
                continue
            candidates = self._candidates(self.analysis.word_forms(word).folded, fields)
            replacement = next(
                (
                    candidate
                    for candidate in candidates
                    if self._finds_something(candidate, model_or_queryset, language)
                ),
                word,
            )
            corrected.append(replacement)
        if corrected == words:
            return None
        return " ".join(corrected)

    def _finds_something(self, word, model_or_queryset, language):
        results = self.search(PlainText(word), model_or_queryset, language=language)
        return results[:1].count() > 0

    def _candidates(self, word, fields):
        """Index terms near ``word``, nearest then most frequent first."""
        max_distance = int(self.options["SUGGEST_MAX_DISTANCE"])
        limit = int(self.options["SUGGEST_CANDIDATES"])
        found = {}
        with self.store.searching() as searcher:
            reader = searcher.reader()
            present = set(reader.indexed_field_names())
            fields = [name for name in fields if name in present]
            for distance in range(1, max_distance + 1):
                for name in fields:
                    for term in reader.terms_within(name, word, distance, prefix=1):
                        if term in found or self._is_variant(term):
                            continue
                        frequency = sum(
                            reader.doc_frequency(field, term) for field in fields
                        )
                        found[term] = (distance, -frequency, term)
        return sorted(found, key=found.get)[:limit]

    def _is_variant(self, term):
        return term.startswith(tuple(self.analysis.variant_prefixes))
