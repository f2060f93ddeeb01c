"""Running a compiled query: Whoosh for matching and scores, Django for the rest.

Whoosh returns every matching primary key with its score (restricted to the
searched model by ``doc_ct``). When the queryset carries filters, one database
query keeps the allowed keys: ``pk IN (...)`` for small hit lists, else a scan
of the queryset's keys, so no SQL parameter limit is ever hit. Counting is then
a ``len()``; slicing happens on the key list and only the requested page of
objects is loaded.
"""

from collections import Counter, OrderedDict

from django.db.models import Count
from django.utils.encoding import force_str
from modelsearch.backends.base import BaseSearchResults, FilterFieldError
from whoosh import query as wq

from .scoring import Postings, expand, node_key, rank

# Above this many hits, scanning the queryset's keys beats a long IN list.
IN_LIST_LIMIT = 500
MAX_IN_LIST = 900


def matching_docnums(searcher, query, postings=None):
    """Set of document numbers matching ``query``, without scoring.

    Set algebra over each term's posting list is several times faster than
    walking Whoosh's (pure Python) union/intersection matchers doc by doc.
    """
    matched = _matching(searcher, query, postings or Postings(searcher))
    return matched if isinstance(matched, set) else set(matched)


def _matching(searcher, query, postings):
    """``matching_docnums``, possibly a frozenset kept for the next query."""
    if isinstance(query, wq.Term):
        return postings.docnums(query)
    if isinstance(query, wq.ConstantScoreQuery):
        return _matching(searcher, query.child, postings)
    if isinstance(query, wq.Or):
        # Kept per searcher, like scores: a word asked again is not matched
        # again.
        return postings.kept(
            ("match", node_key(query)),
            lambda: frozenset(_union_of(searcher, query, postings)),
        )
    if isinstance(query, wq.And):
        positive = [q for q in query.subqueries if not isinstance(q, wq.Not)]
        negative = [q.query for q in query.subqueries if isinstance(q, wq.Not)]
        if positive:
            sets = sorted((_matching(searcher, q, postings) for q in positive), key=len)
            docnums = set(sets[0]).intersection(*sets[1:])
            for sub in negative:
                docnums -= _matching(searcher, sub, postings)
            return docnums
    return set(searcher.docs_for_query(query))


def _union_of(searcher, query, postings):
    docnums = set()
    for sub in query.subqueries:
        docnums |= _matching(searcher, sub, postings)
    return docnums


def run_query(store, compiler, start=0, stop=None, count_only=False, total=True):
    """Execute ``compiler``; return ``(page, total)``.

    ``page`` is ``[(pk, score)]`` for results ``start:stop`` in final order;
    ``total`` is the number of results. Matching is set algebra over posting
    lists; only the documents that survive the queryset's filters are scored.

    With ``total=False`` (the caller needs only the page; the total returned
    is then ``None``), a frequent word's many matches are ranked first and
    checked against the queryset best first, a batch at a time, until the
    page is full: the database is asked about a few hundred keys rather than
    for every key the queryset holds.
    """
    queryset = compiler.queryset
    query = compiler.whoosh_query()
    searcher = store.searcher()
    keys = store.primary_keys(searcher)
    filtered = has_filters(queryset)

    with store.reading():
        query = expand(query, searcher.reader())
        postings = Postings(searcher, store.searcher_memo(searcher))
        docnums = sorted(matching_docnums(searcher, query, postings))
    if (
        filtered
        and not total
        and not count_only
        and compiler.order_by_relevance
        and stop is not None
        and len(docnums) > IN_LIST_LIMIT
    ):
        # Filters often keep a third (one language of three): ask for four
        # times the page at first, within SQLite's older limit of 999
        # parameters.
        size = min(max(IN_LIST_LIMIT, 4 * stop), MAX_IN_LIST)
        with store.reading():
            batches = ranked(searcher, query, docnums, [size], postings)
            page = allowed_best_first(queryset, batches, keys, stop)[start:stop]
        return [(keys[docnum], float(score)) for score, docnum in page], None
    if filtered and docnums:
        allowed = allowed_keys(queryset, [keys[docnum] for docnum in docnums])
        docnums = [docnum for docnum in docnums if keys[docnum] in allowed]
    total = len(docnums)
    if not docnums or count_only:
        return [], total

    if compiler.order_by_relevance:
        with store.reading():
            top = ranked(searcher, query, docnums, stop, postings)[start:stop]
        return [(keys[docnum], float(score)) for score, docnum in top], total

    docnum_by_key = {keys[docnum]: docnum for docnum in docnums}
    page_keys = ordered_keys(queryset, list(docnum_by_key))[start:stop]
    with store.reading():
        page_docnums = [docnum_by_key[key] for key in page_keys]
        top = ranked(searcher, query, page_docnums, None, postings)
        scores = {keys[docnum]: float(score) for score, docnum in top}
    return [(key, scores.get(key, 0.0)) for key in page_keys], total


def ranked(searcher, query, docnums, limit, postings=None):
    """``[(score, docnum)]`` best first among ``docnums`` (all match ``query``)."""
    top = rank(searcher, query, set(docnums), limit, postings)
    if top is None:
        if isinstance(limit, list):
            top = searcher.search(query, filter=set(docnums), limit=None).top_n
            return (
                top[begin : begin + limit[0]] for begin in range(0, len(top), limit[0])
            )
        top = searcher.search(query, filter=set(docnums), limit=limit).top_n
    return top


def allowed_best_first(queryset, batches, keys, wanted):
    """The first ``wanted`` results of ``batches`` (lists of ``(score,
    docnum)``, best first) that ``queryset`` contains, asking the database
    one batch at a time."""
    page = []
    for batch in batches:
        allowed = allowed_keys(queryset, [keys[docnum] for _score, docnum in batch])
        page += [item for item in batch if keys[item[1]] in allowed]
        if len(page) >= wanted:
            break
    return page


def has_filters(queryset):
    """True if the queryset restricts rows (``filter()``, ``none()``...)."""
    return bool(queryset.query.where)


def _as_keys(values):
    # The index keeps keys as text; str() is what force_str() does for the
    # keys databases return (ints, UUIDs, strings), several times faster.
    return [value if isinstance(value, str) else str(value) for value in values]


def allowed_keys(queryset, keys):
    """The subset of ``keys`` that ``queryset`` contains, as a set."""
    plain = queryset.order_by()
    if len(keys) <= IN_LIST_LIMIT:
        rows = plain.filter(pk__in=keys).values_list("pk", flat=True)
    else:
        rows = plain.values_list("pk", flat=True)
    return set(_as_keys(rows)) & set(keys)


def ordered_keys(queryset, keys):
    """``keys`` sorted by the queryset's ordering (``-pk`` if it has none)."""
    if not queryset.ordered:
        queryset = queryset.order_by("-pk")
    wanted = set(keys)
    if len(keys) <= IN_LIST_LIMIT:
        queryset = queryset.filter(pk__in=keys)
    # dict.fromkeys drops the duplicates that to-many joins produce.
    rows = _as_keys(queryset.values_list("pk", flat=True))
    return [key for key in dict.fromkeys(rows) if key in wanted]


def fetch_objects(queryset, keys, prefetch_related=None):
    """Load the objects for ``keys``, returned in the order of ``keys``."""
    if not keys:
        return []
    queryset = queryset.filter(pk__in=keys).order_by()
    if prefetch_related:
        queryset = queryset.prefetch_related(*prefetch_related)
    by_key = {force_str(obj.pk): obj for obj in queryset}
    return [by_key[key] for key in keys if key in by_key]


class WhooshSearchResults(BaseSearchResults):
    """Lazy, sliceable results; see the module docstring for the strategy."""

    supports_facet = True

    @property
    def compiler(self):
        return self.query_compiler

    def _database_queryset(self):
        """Queryset used when the query matches everything."""
        queryset = self.compiler.queryset
        if not queryset.ordered:
            queryset = queryset.order_by("-pk")
        return queryset

    def _do_search(self):
        compiler = self.compiler
        if compiler.matches_nothing:
            return []
        if compiler.matches_everything:
            objects = list(self._database_queryset()[self.start : self.stop])
            scored = [(obj, 0.0) for obj in objects]
        else:
            page, _total = run_query(
                self.backend.store, compiler, self.start, self.stop
            )
            objects = fetch_objects(
                compiler.queryset, [key for key, _ in page], self.prefetch_related
            )
            scores = dict(page)
            scored = [(obj, scores[force_str(obj.pk)]) for obj in objects]
        if self._score_field:
            for obj, score in scored:
                setattr(obj, self._score_field, score)
        return [obj for obj, _score in scored]

    def primary_keys(self):
        """The primary keys of these results (slice included), best first,
        without loading the objects: for callers that only rank."""
        compiler = self.compiler
        if compiler.matches_nothing:
            return []
        if compiler.matches_everything:
            queryset = self._database_queryset()[self.start : self.stop]
            return list(queryset.values_list("pk", flat=True))
        page, _total = run_query(
            self.backend.store, compiler, self.start, self.stop, total=False
        )
        keys = [key for key, _score in page]
        if not has_filters(compiler.queryset):
            # Not checked against the database yet: a document may outlive
            # its row.
            existing = allowed_keys(compiler.queryset, keys)
            keys = [key for key in keys if key in existing]
        to_python = compiler.queryset.model._meta.pk.to_python
        return [to_python(key) for key in keys]

    def _do_count(self):
        compiler = self.compiler
        if compiler.matches_nothing:
            return 0
        if compiler.matches_everything:
            return self._database_queryset()[self.start : self.stop].count()
        _page, total = run_query(self.backend.store, compiler, count_only=True)
        stop = total if self.stop is None else min(total, self.stop)
        return max(stop - self.start, 0)

    def matching_keys(self):
        """Primary keys of every result (ignores slicing), or ``None`` for all."""
        if self.compiler.matches_everything:
            return None
        if self.compiler.matches_nothing:
            return []
        page, _total = run_query(self.backend.store, self.compiler)
        return [key for key, _score in page]

    def facet(self, field_name):
        """Count results per value of the ``FilterField`` ``field_name``."""
        compiler = self.compiler
        if compiler._get_filterable_field(field_name) is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to '
                f"{compiler.queryset.model.__name__}.search_fields.",
                field_name=field_name,
            )
        keys = self.matching_keys()
        queryset = compiler.queryset.order_by()
        if keys is not None and len(keys) > IN_LIST_LIMIT:
            wanted = set(keys)
            counts = Counter(
                value
                for pk, value in queryset.values_list("pk", field_name)
                if force_str(pk) in wanted
            )
            return OrderedDict(counts.most_common())
        if keys is not None:
            queryset = queryset.filter(pk__in=keys)
        rows = queryset.values_list(field_name).annotate(count=Count("pk"))
        return OrderedDict(sorted(rows, key=lambda row: -row[1]))
