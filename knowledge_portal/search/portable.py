"""The portal's language knowledge for search backends that do not read it.

The Whoosh backend analyses text and queries with ``analysis.py`` itself
(Spanish stems, Kichwa and Shuar spelling keys, the few cross-language
equivalences). Wagtail's database backend (SQLite FTS5, PostgreSQL) and
OpenSearch/Elasticsearch see only words. For them the same forms travel as
words every tokenizer keeps whole:

* **Index side.** Two extra search fields, there only when a configured
  backend does not read the languages (not for Whoosh, so it indexes and
  searches nothing twice): ``search_name_forms`` (boosted like a name) holds the forms
  of the title and of the fields weighed as names (boost >= ``NAME_BOOST``:
  plant names, variants, scientific names) plus their *typo keys*;
  ``search_text_forms`` the forms of every other text. Each text is read in
  the language it is written in (``search_language``, the object's language),
  as Whoosh reads it.
* **Query side.** :func:`words_query` turns what a visitor typed into one
  group per word (the word, its folded form, and its forms in Spanish, Kichwa
  and Shuar), the groups joined by ``and`` or ``or``; :func:`typo_query`
  matches each long word to indexed names one edit away (deletion keys:
  ``wayuza`` and ``wayusa`` share ``wayua``), on every backend.

A form is written ``zz`` + a letter for its kind + the form (``zzqwayusa``: the
Kichwa key ``wayusa``), so it never meets a real word.
"""

from functools import lru_cache

from django.utils.module_loading import import_string
from modelsearch.conf import get_app_config
from modelsearch.index import RelatedFields, SearchField
from modelsearch.query import And, Or, PlainText

from .analysis import (
    EQUIVALENCE_PREFIX,
    KICHWA_PREFIX,
    SHUAR_PREFIX,
    SPANISH,
    SPANISH_STOPWORDS,
    STEM_PREFIX,
    UNKNOWN,
    MultilingualAnalysis,
    analyse_query,
    canonical_languages,
    fold,
    iter_words,
    word_forms,
)
from .backends.whoosh.documents import object_language, value_parts

NAME_FORMS_FIELD = "search_name_forms"
TEXT_FORMS_FIELD = "search_text_forms"
#: A field weighed at least this much holds names (its words get typo keys).
NAME_BOOST = 3
#: Weight of the name forms: above the title (2), below the names (5), so an
#: exact name still outranks a name found through its spelling key.
NAME_FORMS_BOOST = 3
#: Shortest word matched one edit away (as the Whoosh backend's
#: FUZZY_MIN_LENGTH); shorter indexed words still get keys, so a longer typo
#: of them is found.
TYPO_MIN_LENGTH = 5
TYPO_INDEX_MIN_LENGTH = 4

_MARK = "zz"
_KIND = {
    STEM_PREFIX: "s",
    KICHWA_PREFIX: "q",
    SHUAR_PREFIX: "j",
    EQUIVALENCE_PREFIX: "e",
}
#: Typo keys are written with this mark (readers of the keys strip it).
TYPO_MARK = _MARK + "t"


def reads_languages(backend):
    """True for a backend that analyses the portal's languages itself."""
    return isinstance(getattr(backend, "analysis", None), MultilingualAnalysis)


def forms_are_indexed():
    """True when a configured backend needs the forms fields."""
    backends = get_app_config().get_search_backend_config()
    return any(
        not _reads_languages(params.get("ANALYSIS")) for params in backends.values()
    )


@lru_cache(maxsize=8)
def _analysis_class(path):
    return import_string(path)


def _reads_languages(analysis):
    if isinstance(analysis, str):
        analysis = _analysis_class(analysis)
    if analysis is None:
        return False
    cls = analysis if isinstance(analysis, type) else type(analysis)
    return issubclass(cls, MultilingualAnalysis)


# --- Tokens ---------------------------------------------------------------------


def _token(term):
    """A form of analysis.py (``^stem``, ``~key``...) as a plain word."""
    kind = _KIND.get(term[:1])
    return _MARK + kind + term[1:] if kind else term


@lru_cache(maxsize=65536)
def word_tokens(word, language):
    """The word's own folded form (when it differs from the word) and its
    forms in ``language`` (a code or several), as plain words."""
    forms = word_forms(word, language)
    own = () if forms.folded == word.lower() else (forms.folded,)
    return own + tuple(_token(term) for term, _weight in forms.variants)


@lru_cache(maxsize=65536)
def typo_keys(word):
    """The folded word and the word minus each of its letters."""
    folded = fold(word)
    if len(folded) < TYPO_INDEX_MIN_LENGTH:
        return ()
    deletions = (folded[:i] + folded[i + 1 :] for i in range(len(folded)))
    return tuple(TYPO_MARK + key for key in dict.fromkeys([folded, *deletions]))


# --- Index side ------------------------------------------------------------------


class PortableForms:
    """Page models mix this in: the forms fields, for backends that do not
    read the portal's languages (see the module's doc). While every configured
    backend reads them (Whoosh), the fields are not there at all: nothing is
    indexed or searched twice."""

    @classmethod
    def get_indexed_objects(cls):
        # Every text's language is read from the page's locale: loaded with
        # the pages, not one query per page indexed.
        return super().get_indexed_objects().select_related("locale")

    @classmethod
    def get_search_fields(cls):
        fields = super().get_search_fields()
        if not forms_are_indexed():
            return fields
        return [
            *fields,
            SearchField(NAME_FORMS_FIELD, boost=NAME_FORMS_BOOST),
            SearchField(TEXT_FORMS_FIELD),
        ]

    def search_name_forms(self):
        return self._portable_forms()[0]

    def search_text_forms(self):
        return self._portable_forms()[1]

    def _portable_forms(self):
        # Both fields from one reading of the page (the indexer asks for
        # each); a page is indexed as loaded, so the memo cannot go stale.
        if getattr(self, "_portable_forms_memo", None) is None:
            self._portable_forms_memo = _forms(self)
        return self._portable_forms_memo


def _forms(obj):
    """``(name forms, text forms)`` of ``obj``."""
    names, texts = [], []
    for text, language, boost in _texts(obj, type(obj).get_search_fields()):
        is_name = boost >= NAME_BOOST
        tokens = names if is_name else texts
        for word, word_language in iter_words(text, language):
            if word_language in (SPANISH, UNKNOWN) and fold(word) in SPANISH_STOPWORDS:
                continue  # never searched (see _query_words): no forms
            tokens += word_tokens(word, word_language)
            if is_name:
                tokens += typo_keys(word)
    # Repeated forms stay: how often a page says a word is what ranks it.
    return " ".join(names), " ".join(texts)


def name_texts(obj):
    """``(text, language)`` of what ``obj`` is called: its title and the
    fields weighed as names (a plant's names, variants, scientific name),
    each in the language it is written in."""
    for text, language, boost in _texts(obj, type(obj).get_search_fields()):
        if boost >= NAME_BOOST:
            yield text, language


def _texts(obj, search_fields, language=None):
    """``(text, language, boost)`` of every searched text of ``obj``; the title
    counts as a name."""
    language = object_language(obj, language)
    for field in search_fields:
        if isinstance(field, RelatedFields):
            for related in _related(field.get_value(obj)):
                yield from _texts(related, field.fields, language)
            continue
        if not isinstance(field, SearchField) or field.field_name in (
            NAME_FORMS_FIELD,
            TEXT_FORMS_FIELD,
        ):
            continue
        boost = NAME_BOOST if field.field_name == "title" else field.boost or 1
        field_language = field.kwargs.get("language", language)
        for text, text_language in value_parts(field.get_value(obj), field_language):
            if text:
                yield text, text_language, boost


def _related(value):
    if value is None:
        return []
    if hasattr(value, "all"):
        return list(value.all())
    if callable(value):
        value = value()
    return list(value) if isinstance(value, (list, tuple)) else [value]


# --- Query side ------------------------------------------------------------------


def words_query(text, operator, language):
    """What ``text`` asks, for a backend that sees only words; ``None`` when it
    holds no word. ``language`` is the languages the query is read in."""
    groups = []
    for forms_of_word in _query_words(text, language):
        groups.append(_any_of(forms_of_word))
    if not groups:
        return None
    if len(groups) == 1:
        return groups[0]
    return And(groups) if operator == "and" else Or(groups)


def typo_query(text, language):
    """Each word, or an indexed name one edit away from it; ``None`` when the
    query has no word long enough to have typos."""
    groups = []
    for word, _language in iter_words(text, canonical_languages(language)):
        if len(fold(word)) >= TYPO_MIN_LENGTH:
            groups.append(_any_of(typo_keys(word)))
    if not groups:
        return None
    return groups[0] if len(groups) == 1 else Or(groups)


def plain_words(text):
    """The words of ``text``, without any syntax; ``None`` when it has none."""
    return " ".join(word for word, _language in iter_words(text)) or None


def _query_words(text, language):
    """The tokens of each word of a query, Spanish function words dropped
    (as the Whoosh backend drops them)."""
    kept = {forms.folded for forms in analyse_query(text, language, True)}
    for word, word_language in iter_words(text, canonical_languages(language)):
        if fold(word) not in kept:
            continue
        yield list(dict.fromkeys([word.lower(), *word_tokens(word, word_language)]))


def _any_of(tokens):
    queries = [PlainText(token) for token in tokens]
    return queries[0] if len(queries) == 1 else Or(queries)
