"""BM25F ranking of a known set of documents, block by block.

Whoosh ranks by walking a tree of union and intersection matchers document by
document, in pure Python: a word found in most pages, searched over many fields
and spelling forms, costs tens of thousands of tree steps. The queries this
backend builds are mostly sums of ``Term`` scores (``And``/``Or`` of terms, a
zero-scored content-type filter), and the documents that match are already
known from cheap set algebra (:func:`.results.matching_docnums`). For those
queries :func:`rank` reads each term's posting blocks once and adds up the same
BM25F scores Whoosh would compute (same idf, average and stored field lengths,
``B``/``K1``, boosts), for the candidate documents only.

Anything else (phrases, negations, compound boosts, other weighting models)
returns ``None`` and the caller lets Whoosh rank as usual.
"""

import heapq
from collections import OrderedDict

from whoosh import query as wq
from whoosh.scoring import BM25F


class Unsupported(Exception):
    """The query has a node this module does not score."""


def expand(query, reader):
    """``query`` with fuzzy, prefix and wildcard terms expanded to ``Term``s.

    Whoosh's own ``simplify()``: each expansion becomes an ``Or`` of the terms
    the index holds, so both ranking paths score typos the same way.
    """
    if isinstance(query, wq.MultiTerm):
        return _expand_terms(query, reader)
    if isinstance(query, wq.CompoundQuery):
        return query.__class__(
            [expand(sub, reader) for sub in query.subqueries], boost=query.boost
        )
    if isinstance(query, wq.Not):
        return wq.Not(expand(query.query, reader))
    if isinstance(query, wq.ConstantScoreQuery):
        return wq.ConstantScoreQuery(expand(query.child, reader), query.score)
    return query


def _expand_terms(query, reader):
    """Like ``MultiTerm.simplify()``, which fails on the ``str`` terms that
    ``FuzzyTerm`` yields in Whoosh-Reloaded."""
    fieldname = query.field()
    if fieldname not in reader.schema:
        return wq.NullQuery
    field = reader.schema[fieldname]
    texts = sorted(
        {
            text if isinstance(text, str) else field.from_bytes(text)
            for _name, text in query.expanded_terms(reader)
        }
    )
    terms = [wq.Term(fieldname, text, boost=query.boost) for text in texts]
    if not terms:
        return wq.NullQuery
    return terms[0] if len(terms) == 1 else wq.Or(terms)


def rank(searcher, query, candidates, limit=None, postings=None):
    """``[(score, docnum)]`` best first for ``candidates``, or ``None``.

    ``candidates`` must be documents that match ``query`` (any subset of them,
    e.g. after filtering). Ties keep the lower document number first, as
    Whoosh's collector does. ``limit`` may be ``[size]``: the result is then
    an iterator of consecutive batches of that size, the first found without
    sorting every candidate.
    """
    weighting = searcher.weighting
    if type(weighting) is not BM25F:
        return None
    postings = postings or Postings(searcher)
    try:
        scores = _Scorer(postings, weighting, candidates).score(query)
    except Unsupported:
        return None
    # (-score, docnum) sorts best first, ties by document number, with no
    # key function to call per item.
    get = scores.get
    items = [(-get(docnum, 0.0), docnum) for docnum in candidates]
    if isinstance(limit, list):
        return _batches(items, limit[0])
    if limit is None or limit >= len(items):
        items.sort()
    else:
        items = heapq.nsmallest(limit, items)
    return [(-negated, docnum) for negated, docnum in items]


def _batches(items, size):
    first = heapq.nsmallest(size, items)
    yield [(-negated, docnum) for negated, docnum in first]
    if len(first) < len(items):
        items.sort()
        for begin in range(size, len(items), size):
            yield [
                (-negated, docnum) for negated, docnum in items[begin : begin + size]
            ]


#: Postings kept decoded per searcher (and thread): the frequent words,
#: which cost most to read, are the ones asked again.
CACHED_POSTINGS = 200_000


class Postings:
    """The posting blocks of one query's terms, each read from disk once.

    Matching (set algebra) and ranking of the same query share them. With a
    ``memo`` (``IndexStore.searcher_memo``), what is read stays for the next
    queries on the same searcher: decoded blocks (up to
    :data:`CACHED_POSTINGS`, least recently used out first), the set of
    all documents, deleted documents and length norms.
    """

    def __init__(self, searcher, memo=None):
        self.searcher = searcher
        self.leaves = list(searcher.leaf_searchers())
        self.memo = {} if memo is None else memo
        self._blocks = self.memo.setdefault("blocks", OrderedDict())
        self._sizes = self.memo.setdefault("block_sizes", {})

    def blocks(self, term):
        """``[(subsearcher, offset, ids, weights)]``, one entry per block."""
        key = (term.fieldname, term.text)
        cached = self._blocks.get(key)
        if cached is not None:
            self._blocks.move_to_end(key)
            return cached
        blocks = list(self._read(term))
        self._blocks[key] = blocks
        self._sizes[key] = sum(len(ids) for _s, _o, ids, _w in blocks)
        total = self.memo.get("postings", 0) + self._sizes[key]
        while total > CACHED_POSTINGS and len(self._blocks) > 1:
            oldest, _blocks = self._blocks.popitem(last=False)
            total -= self._sizes.pop(oldest)
        self.memo["postings"] = total
        return blocks

    def kept(self, key, compute):
        """``compute()`` (scores of a term or of a query node over every
        document it matches), kept like the blocks: a frequent word is scored
        once per index version, not once per query."""
        kept = self.memo.setdefault("scores", OrderedDict())
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
        kept[key] = value = compute()
        total = self.memo.get("scored", 0) + len(value)
        sizes = self.memo.setdefault("score_sizes", {})
        sizes[key] = len(value)
        while total > CACHED_POSTINGS and len(kept) > 1:
            oldest, _dropped = kept.popitem(last=False)
            total -= sizes.pop(oldest)
        self.memo["scored"] = total
        return value

    def norms(self, subsearcher, fieldname):
        """Per-document length norms of one field, shared by its terms."""
        return self.memo.setdefault("norms", {}).setdefault(
            (id(subsearcher), fieldname), {}
        )

    def deleted(self, subsearcher, offset=0):
        """Numbers of the documents deleted in one segment (``offset`` added:
        the segment's place in the index)."""
        deleted = self.memo.setdefault("deleted", {})
        key = (id(subsearcher), offset)
        if key not in deleted:
            reader = subsearcher.reader()
            deleted[key] = (
                frozenset(
                    local + offset
                    for local in range(reader.doc_count_all())
                    if reader.is_deleted(local)
                )
                if reader.has_deletions()
                else frozenset()
            )
        return deleted[key]

    def _read(self, term):
        fieldname = term.fieldname
        for subsearcher, offset in self.leaves:
            reader = subsearcher.reader()
            if fieldname not in reader.schema:
                return
            text = reader.schema[fieldname].to_bytes(term.text)
            if (fieldname, text) not in reader:
                continue
            for ids, weights in _blocks(reader.postings(fieldname, text)):
                yield subsearcher, offset, ids, weights

    def docnums(self, term):
        """Set of the (not deleted) documents containing ``term``."""
        searcher = self.searcher
        text = searcher.schema[term.fieldname].to_bytes(term.text)
        if searcher.doc_frequency(term.fieldname, text) >= searcher.doc_count_all():
            # In every document (the content-type term when one model fills
            # the index): no need to read its postings.
            return self.all_docnums()
        docnums = set()
        for _subsearcher, offset, ids, _weights in self.blocks(term):
            if offset:
                docnums.update(local + offset for local in ids)
            else:
                docnums.update(ids)
        for subsearcher, offset in self.leaves:
            deleted = self.deleted(subsearcher, offset)
            if deleted:
                docnums -= deleted
        return docnums

    def all_docnums(self):
        if "all" not in self.memo:
            docnums = set()
            for subsearcher, offset in self.leaves:
                reader = subsearcher.reader()
                docnums.update(local + offset for local in reader.all_doc_ids())
            self.memo["all"] = frozenset(docnums)
        return self.memo["all"]


class _Scorer:
    """Scores of every document a query (node) matches, whatever the
    candidates: kept per searcher by node (:meth:`Postings.kept`), so a word
    asked again, in another language's search or inside a longer query, is
    not scored again. The caller picks its candidates out."""

    def __init__(self, postings, weighting, candidates):
        self.postings = postings
        self.searcher = postings.searcher
        self.weighting = weighting
        self.candidates = candidates
        self._field_constants = {}

    def score(self, query):
        """``{docnum: score}`` for the documents ``query`` matches."""
        if query is wq.NullQuery or isinstance(query, wq.NullQuery.__class__):
            return {}
        if not isinstance(query, wq.Or):
            return self._score(query)
        # A word's clause (its forms in every field): what a query repeats.
        key = node_key(query)
        return self.postings.kept(("node", key), lambda: self._score(query))

    def _score(self, query):
        if isinstance(query, wq.Term):
            return self.term(query)
        if isinstance(query, wq.ConstantScoreQuery) and isinstance(
            query.child, wq.Term
        ):
            # As Whoosh's ListMatcher does, a zero constant counts as 1.0.
            return self.constant(query.child, query.score or 1.0)
        if isinstance(query, (wq.And, wq.Or)) and query.boost == 1.0:
            if isinstance(query, wq.Or) and query.scale:
                raise Unsupported
            if isinstance(query, wq.And):
                return self._and(query.subqueries)
            return _union([self.score(sub) for sub in query.subqueries])
        raise Unsupported

    def _and(self, subqueries):
        # A constant on a term (the model filter) adds the same to every
        # document it holds: keep those, rather than build and intersect a
        # dict of every document of the model.
        constants = [
            sub
            for sub in subqueries
            if isinstance(sub, wq.ConstantScoreQuery) and isinstance(sub.child, wq.Term)
        ]
        rest = [sub for sub in subqueries if sub not in constants]
        if not constants or not rest:
            return _intersect([self.score(sub) for sub in subqueries])
        parts = [self.score(sub) for sub in rest]
        scores = _intersect(parts) if len(parts) > 1 else parts[0]
        for sub in constants:
            value = sub.score or 1.0
            holding = self.postings.kept(
                ("match", node_key(sub)),
                lambda sub=sub: frozenset(self.postings.docnums(sub.child)),
            )
            scores = {
                docnum: score + value
                for docnum, score in scores.items()
                if docnum in holding
            }
        return scores

    def constant(self, term, value):
        return dict.fromkeys(self.postings.docnums(term), value)

    def term(self, term):
        """BM25F, exactly as ``whoosh.scoring.BM25FScorer`` computes it."""
        searcher = self.searcher
        fieldname = term.fieldname
        if fieldname not in searcher.schema or not searcher.schema[fieldname].scorable:
            raise Unsupported
        base = self._term_scores(term)
        boost = term.boost
        if boost == 1.0:
            return base
        return {docnum: score * boost for docnum, score in base.items()}

    def _term_scores(self, term):
        """``{docnum: score}`` of every document holding ``term``, boost 1."""
        searcher = self.searcher
        fieldname = term.fieldname
        text = searcher.schema[fieldname].to_bytes(term.text)
        # bm25(idf, tf, fl, ...) = idf * tf * (K1 + 1) / (tf + norm(fl))
        factor = searcher.idf(fieldname, text)
        k1_plus_1 = self.weighting.K1 + 1
        scores = {}
        for subsearcher, offset, ids, weights in self.postings.blocks(term):
            norms = self.norms(subsearcher, fieldname)
            for local, weight in zip(ids, weights, strict=True):
                norm = norms.get(local)
                if norm is None:
                    norm = norms[local] = self.norm(subsearcher, fieldname, local)
                scores[local + offset] = factor * (
                    (weight * k1_plus_1) / (weight + norm)
                )
        return scores

    def norms(self, subsearcher, fieldname):
        return self.postings.norms(subsearcher, fieldname)

    def norm(self, subsearcher, fieldname, local):
        """``K1 * ((1 - B) + B * fl / avgfl)``, the length part of BM25."""
        constants = self._field_constants.get(fieldname)
        if constants is None:
            weighting = self.weighting
            b = weighting._field_B.get(fieldname, weighting.B)
            avgfl = self.searcher.avg_field_length(fieldname) or 1
            constants = self._field_constants[fieldname] = (b, avgfl)
        b, avgfl = constants
        length = subsearcher.doc_field_length(local, fieldname, 1)
        return self.weighting.K1 * ((1 - b) + b * length / avgfl)


def node_key(query):
    """What identifies a query node's scores: its kind, terms and boosts."""
    if isinstance(query, wq.Term):
        return ("T", query.fieldname, query.text, query.boost)
    if isinstance(query, wq.ConstantScoreQuery):
        return ("C", query.score, node_key(query.child))
    if isinstance(query, wq.CompoundQuery):
        return (
            type(query).__name__,
            query.boost,
            tuple(node_key(sub) for sub in query.subqueries),
        )
    return ("?", repr(query))


def _blocks(matcher):
    """Posting blocks of a leaf matcher as ``(ids, weights)`` sequences.

    Reads whole blocks of Whoosh's on-disk format at once; other matchers
    (short inlined lists) go posting by posting. Deleted documents appear
    (the deletion filter is unwrapped): callers drop them.
    """
    leaf = getattr(matcher, "child", matcher)
    reads_blocks = all(
        hasattr(leaf, name)
        for name in ("_read_ids", "_read_weights", "_next_block", "_ids", "_weights")
    )
    if not reads_blocks:
        ids, weights = [], []
        while leaf.is_active():
            ids.append(leaf.id())
            weights.append(leaf.weight())
            leaf.next()
        yield ids, weights
        return
    while leaf.is_active():
        leaf._read_ids()
        leaf._read_weights()
        yield leaf._ids, leaf._weights
        leaf._next_block()


def _union(parts):
    if not parts:
        return {}
    total = dict(parts[0])
    for part in parts[1:]:
        for docnum, score in part.items():
            total[docnum] = total.get(docnum, 0.0) + score
    return total


def _intersect(parts):
    if not parts:
        return {}
    common = set(parts[0]).intersection(*parts[1:])
    return {docnum: sum(part[docnum] for part in parts) for docnum in common}
