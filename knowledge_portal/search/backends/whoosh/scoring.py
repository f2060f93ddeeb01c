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
    Whoosh's collector does.
    """
    weighting = searcher.weighting
    if type(weighting) is not BM25F:
        return None
    postings = postings or Postings(searcher)
    try:
        scores = _Scorer(postings, weighting, candidates).score(query)
    except Unsupported:
        return None
    items = [(scores.get(docnum, 0.0), docnum) for docnum in candidates]
    if limit is None or limit >= len(items):
        return sorted(items, key=_rank_key)
    return heapq.nsmallest(limit, items, key=_rank_key)


def _rank_key(item):
    return (-item[0], item[1])


class Postings:
    """The posting blocks of one query's terms, each read from disk once.

    Matching (set algebra) and ranking of the same query share them.
    """

    def __init__(self, searcher):
        self.searcher = searcher
        self.leaves = list(searcher.leaf_searchers())
        self._blocks = {}
        self._all = None

    def blocks(self, term):
        """``[(subsearcher, offset, ids, weights)]``, one entry per block."""
        key = (term.fieldname, term.text)
        if key not in self._blocks:
            self._blocks[key] = list(self._read(term))
        return self._blocks[key]

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
            reader = subsearcher.reader()
            if reader.has_deletions():
                size = reader.doc_count_all()
                docnums.difference_update(
                    local + offset
                    for local in range(size)
                    if local + offset in docnums and reader.is_deleted(local)
                )
        return docnums

    def all_docnums(self):
        if self._all is None:
            self._all = set()
            for subsearcher, offset in self.leaves:
                reader = subsearcher.reader()
                self._all.update(local + offset for local in reader.all_doc_ids())
        return self._all


class _Scorer:
    def __init__(self, postings, weighting, candidates):
        self.postings = postings
        self.searcher = postings.searcher
        self.weighting = weighting
        self.candidates = candidates
        self._norms = {}
        self._field_constants = {}

    def score(self, query):
        """``{docnum: score}`` for the candidates that ``query`` matches."""
        if query is wq.NullQuery or isinstance(query, wq.NullQuery.__class__):
            return {}
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
            parts = [self.score(sub) for sub in query.subqueries]
            return _intersect(parts) if isinstance(query, wq.And) else _union(parts)
        raise Unsupported

    def constant(self, term, value):
        candidates = self.candidates
        return {
            docnum: value
            for docnum in self.postings.docnums(term)
            if docnum in candidates
        }

    def term(self, term):
        """BM25F, exactly as ``whoosh.scoring.BM25FScorer`` computes it."""
        searcher = self.searcher
        fieldname = term.fieldname
        if fieldname not in searcher.schema or not searcher.schema[fieldname].scorable:
            raise Unsupported
        text = searcher.schema[fieldname].to_bytes(term.text)
        # bm25(idf, tf, fl, ...) = idf * tf * (K1 + 1) / (tf + norm(fl))
        factor = searcher.idf(fieldname, text)
        k1_plus_1 = self.weighting.K1 + 1
        boost = term.boost
        candidates = self.candidates
        scores = {}
        for subsearcher, offset, ids, weights in self.postings.blocks(term):
            norms = self.norms(subsearcher, fieldname)
            for local, weight in zip(ids, weights, strict=True):
                docnum = local + offset
                if docnum in candidates:
                    norm = norms.get(local)
                    if norm is None:
                        norm = norms[local] = self.norm(subsearcher, fieldname, local)
                    score = factor * ((weight * k1_plus_1) / (weight + norm))
                    scores[docnum] = score * boost
        return scores

    def norms(self, subsearcher, fieldname):
        """Per-document length norms of one field, shared by its terms."""
        return self._norms.setdefault((id(subsearcher), fieldname), {})

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
