"""Compiling modelsearch query objects into Whoosh queries.

Text matching happens in Whoosh; filters and ``order_by`` stay with Django
(see :mod:`.results`), so every ``FilterField`` lookup the ORM can express is
supported with Django's own semantics.
"""

from modelsearch.backends.base import BaseSearchQueryCompiler
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import (
    And,
    Boost,
    Fuzzy,
    MatchAll,
    Not,
    Or,
    Phrase,
    PlainText,
)
from whoosh import query as wq

from .analysis import Analysis
from .documents import AUTOCOMPLETE_PREFIX, SEARCH_PREFIX, field_paths, model_label


class _MatchNone:
    """Marker for a query that can match nothing (``Not(MATCH_ALL)``)."""


MATCH_NOTHING = _MatchNone()


def simplify(query):
    """Fold ``MATCH_ALL``/``MATCH_NONE`` and double negations out of a query.

    Returns a :class:`MatchAll` instance, :data:`MATCH_NOTHING` or a tree free
    of both, so the result classes can short-circuit the trivial cases.
    """
    if isinstance(query, MatchAll):
        return query
    if isinstance(query, Not):
        sub = simplify(query.subquery)
        if isinstance(sub, MatchAll):
            return MATCH_NOTHING
        if sub is MATCH_NOTHING:
            return MatchAll()
        if isinstance(sub, Not):
            return sub.subquery
        return Not(sub)
    if isinstance(query, And):
        subs = [simplify(sub) for sub in query.subqueries]
        if any(sub is MATCH_NOTHING for sub in subs):
            return MATCH_NOTHING
        subs = [sub for sub in subs if not isinstance(sub, MatchAll)]
        if not subs:
            return MatchAll()
        return subs[0] if len(subs) == 1 else And(subs)
    if isinstance(query, Or):
        subs = [simplify(sub) for sub in query.subqueries]
        if any(isinstance(sub, MatchAll) for sub in subs):
            return MatchAll()
        subs = [sub for sub in subs if sub is not MATCH_NOTHING]
        if not subs:
            return MATCH_NOTHING
        return subs[0] if len(subs) == 1 else Or(subs)
    if isinstance(query, Boost):
        sub = simplify(query.subquery)
        if isinstance(sub, MatchAll) or sub is MATCH_NOTHING:
            return sub
        return Boost(sub, query.boost)
    return query


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    """Builds a Whoosh query over the ``s__*`` fields of the searched model."""

    DEFAULT_OPERATOR = "and"
    # Ordering is done by the database, which understands any expression.
    HANDLES_ORDER_BY_EXPRESSIONS = True
    FIELD_CLASS = SearchField
    FIELD_PREFIX = SEARCH_PREFIX

    def __init__(self, *args, language=None, options=None, analysis=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.options = options or {}
        self.analysis = analysis or Analysis()
        self.simplified = simplify(self.query)

    # Fields

    def index_fields(self):
        """``[(whoosh_field_name, boost)]`` to search in."""
        names = set(self.fields) if self.fields is not None else None
        paths = field_paths(self.queryset.model, self.FIELD_CLASS, names)
        return [(self.FIELD_PREFIX + path, boost) for path, boost in paths.items()]

    # Query building

    @property
    def matches_everything(self):
        return isinstance(self.simplified, MatchAll)

    @property
    def matches_nothing(self):
        return self.simplified is MATCH_NOTHING

    def whoosh_query(self):
        """The complete Whoosh query, restricted to the searched model."""
        fields = self.index_fields()
        built = self.build(self.simplified, fields, 1.0)
        # A constant score: the model filter never changes the ranking.
        model_filter = wq.ConstantScoreQuery(
            wq.Term("doc_ct", model_label(self.queryset.model)), 0.0
        )
        return wq.And([built, model_filter])

    def build(self, query, fields, boost):
        """Translate one modelsearch query node."""
        if isinstance(query, PlainText):
            return self.build_words(
                query.query_string, query.operator, fields, boost * query.boost
            )
        if isinstance(query, Fuzzy):
            return self.build_words(
                query.query_string, query.operator, fields, boost, fuzzy=True
            )
        if isinstance(query, Phrase):
            return self.build_phrase(query.query_string, fields, boost)
        if isinstance(query, Boost):
            return self.build(query.subquery, fields, boost * query.boost)
        if isinstance(query, And):
            return wq.And([self.build(sub, fields, boost) for sub in query.subqueries])
        if isinstance(query, Or):
            return wq.Or([self.build(sub, fields, boost) for sub in query.subqueries])
        if isinstance(query, Not):
            return wq.Not(self.build(query.subquery, fields, boost))
        if isinstance(query, MatchAll):
            return wq.Every()
        if query is MATCH_NOTHING:
            return wq.NullQuery
        raise NotImplementedError(
            f"`{type(query).__name__}` is not supported by the Whoosh search backend."
        )

    def word_terms(self, word_forms):
        """``[(term, weight)]`` for one analysed word."""
        return word_forms.terms()

    def build_words(self, text, operator, fields, boost, fuzzy=False):
        """One clause per word (any field, any form), joined by ``operator``."""
        clauses = []
        forms_list = self.analysis.query_forms(text, self.language, drop_stopwords=True)
        for forms in forms_list:
            alternatives = []
            for position, (term, weight) in enumerate(self.word_terms(forms)):
                # Only the folded form is fuzzy; variant keys match exactly.
                fuzzy_term = fuzzy and position == 0
                for name, field_boost in fields:
                    score = boost * field_boost * weight
                    alternatives.append(self.term(name, term, score, fuzzy_term))
            clauses.append(wq.Or(alternatives))
        if not clauses:
            return wq.NullQuery
        return wq.And(clauses) if operator == "and" else wq.Or(clauses)

    def term(self, name, text, boost, fuzzy=False):
        """A ``Term``, or a ``FuzzyTerm`` for long enough words."""
        min_length = self.options.get("FUZZY_MIN_LENGTH", 5)
        if fuzzy and len(text) >= min_length:
            return wq.FuzzyTerm(
                name,
                text,
                boost=boost,
                maxdist=self.options.get("FUZZY_MAX_DISTANCE", 1),
                prefixlength=self.options.get("FUZZY_PREFIX_LENGTH", 1),
            )
        return wq.Term(name, text, boost=boost)

    def build_phrase(self, text, fields, boost):
        """Exact phrase on folded forms, in any one field."""
        words = [
            forms.folded for forms in self.analysis.query_forms(text, self.language)
        ]
        if not words:
            return wq.NullQuery
        if len(words) == 1:
            return wq.Or([wq.Term(n, words[0], boost=boost * b) for n, b in fields])
        return wq.Or([wq.Phrase(n, words, boost=boost * b) for n, b in fields])


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    """Matches what is typed against edge n-grams of ``AutocompleteField``s."""

    DEFAULT_OPERATOR = "and"
    FIELD_CLASS = AutocompleteField
    FIELD_PREFIX = AUTOCOMPLETE_PREFIX

    def build_words(self, text, operator, fields, boost, fuzzy=False):
        max_gram = self.options.get("AUTOCOMPLETE_MAX_GRAM", 20)
        clauses = []
        for word, language in self.analysis.words(text, self.language):
            terms = self.analysis.autocomplete_query_terms(word, language, max_gram)
            alternatives = [
                wq.Term(name, term, boost=boost * field_boost * weight)
                for term, weight in terms
                for name, field_boost in fields
            ]
            clauses.append(wq.Or(alternatives))
        if not clauses:
            return wq.NullQuery
        return wq.And(clauses) if operator == "and" else wq.Or(clauses)

    def build_phrase(self, text, fields, boost):
        return self.build_words(text, "and", fields, boost)
