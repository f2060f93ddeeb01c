"""Language-aware text analysis for the Whoosh search backend.

The site's ``ANALYSIS`` for the backend (:class:`MultilingualAnalysis`, see
``docs/search.md``), also used to mark matched words in results. Every word
is turned into a small set of *forms*, each a term in the index:

* the folded form (NFC, lower case, accents removed) - always;
* a Spanish stem, prefixed ``^`` - Spanish text only;
* a Kichwa variant key, prefixed ``~`` - Kichwa text and text of unknown
  language (spelling variants folded to the unified orthography);
* a Shuar variant key, prefixed ``%`` - Shuar text and text of unknown language;
* an equivalence-group key, prefixed ``=`` - any language, for the few words in
  :data:`EQUIVALENCES`.

Queries are analysed with the same functions, so a query matches a document
when any of their forms meet. A query may be read in several languages at
once (``language=("es", "qu")``): each word then has the forms of each
reading, and each reading meets only text of its language, since only Spanish
text has stems and only Kichwa and Shuar text (or text of unknown language)
has variant keys. The prefixes keep the namespaces apart: a stem can
never be mistaken for a folded word, and fuzzy matching (which needs the first
letter to agree) never wanders into variant keys. See ``docs/search.md``.
"""

import re
import unicodedata
from functools import lru_cache

from whoosh.lang import stemmer_for_language

from .backends.whoosh.analysis import (
    FOLDED_WEIGHT,
    Analysis,
    FormsAnalyzer,
    WordForms,
    edge_ngrams,
    fold,
)

SPANISH = "es"
KICHWA = "qu"
SHUAR = "jiv"
UNKNOWN = ""

STEM_PREFIX = "^"
KICHWA_PREFIX = "~"
SHUAR_PREFIX = "%"
EQUIVALENCE_PREFIX = "="
VARIANT_PREFIXES = (STEM_PREFIX, KICHWA_PREFIX, SHUAR_PREFIX, EQUIVALENCE_PREFIX)

# Query-time weights: an exact (folded) match must outrank a variant match
# (FOLDED_WEIGHT = 1.0).
STEM_WEIGHT = 0.7
KEY_WEIGHT = 0.5
EQUIVALENCE_WEIGHT = 0.4

# Codes accepted for each language (ISO 639-1/-3 and common names); anything
# else is "unknown language" and never gets Spanish stemming.
_ALIASES = {
    "es": SPANISH,
    "spa": SPANISH,
    "spanish": SPANISH,
    "espanol": SPANISH,
    "qu": KICHWA,
    "que": KICHWA,
    "qug": KICHWA,
    "quw": KICHWA,
    "qvo": KICHWA,
    "qxl": KICHWA,
    "kichwa": KICHWA,
    "quichua": KICHWA,
    "jiv": SHUAR,
    "shuar": SHUAR,
}

# Hand-kept equivalences across languages (Spanish / Kichwa / Shuar names of
# the same plant). Keep it tiny: cross-language synonyms in general are the
# application's job (it indexes every vernacular name with every translation).
EQUIVALENCES = {
    "wayusa": ("guayusa", "wayusa", "wais"),  # Ilex guayusa
    "chunta": ("chonta", "chunta", "uwi"),  # Bactris gasipaes (peach palm)
}

# Words so frequent in Spanish text that they only slow queries down (each
# matches nearly every document). Still indexed, so phrases keep working.
SPANISH_STOPWORDS = frozenset(
    [
        "a",
        "al",
        "con",
        "de",
        "del",
        "e",
        "el",
        "en",
        "es",
        "la",
        "las",
        "lo",
        "los",
        "o",
        "para",
        "por",
        "que",
        "se",
        "su",
        "sus",
        "u",
        "un",
        "una",
        "unas",
        "unos",
        "y",
    ]
)

# Language tags let one field value mix languages (e.g. related objects).
TAG_START = "\ue000"
TAG_END = "\ue001"
_TOKEN_RE = re.compile(r"\ue000([\w-]*)\ue001|\w+")

# Stand-ins for the digraphs ch, sh, zh while single-letter rules run.
_CH, _SH, _ZH = "\u02a7", "\u0283", "\u0292"
_DIGRAPHS = (("ch", _CH), ("sh", _SH), ("zh", _ZH))
_CONSONANT_RULES = (
    (re.compile("tz"), "ts"),
    (re.compile("qu(?=[ei])"), "k"),
    (re.compile("[hg]u(?=[ae])|hu(?=i)"), "w"),
    (re.compile("c(?=[ei])"), "s"),
    (re.compile("c"), "k"),
    # cua, chua -> kwa, chwa: Spanish spelling of /kw/, /chw/.
    (re.compile(f"(?<=[k{_CH}])u(?=[aei])"), "w"),
)
_LOANWORD_LETTERS = str.maketrans({"b": "p", "f": "p", "v": "p", "d": "t"})
_KICHWA_VOWELS = str.maketrans({"o": "u", "e": "i"})
_LONG_VOWEL_RE = re.compile(r"([aeiou])\1+")


def canonical_language(code):
    """Map a language code such as ``"es-EC"`` or ``"qug"`` to a known one.

    Returns :data:`SPANISH`, :data:`KICHWA`, :data:`SHUAR` or :data:`UNKNOWN`.
    """
    if not code:
        return UNKNOWN
    code = str(code).strip().lower().replace("_", "-")
    return _ALIASES.get(code, _ALIASES.get(code.split("-")[0], UNKNOWN))


def canonical_languages(language):
    """A language code, or a sequence of them, as canonical codes.

    One code gives a code (as :func:`canonical_language`); a sequence (the
    languages a query may be in) a tuple of distinct codes, or a code when
    it holds one.
    """
    if not isinstance(language, (list, tuple, set, frozenset)):
        return canonical_language(language)
    codes = tuple(dict.fromkeys(canonical_language(code) for code in language))
    return codes[0] if len(codes) == 1 else codes or UNKNOWN


def _readings(language):
    """The canonical codes a (possibly several-language) reading stands for."""
    return language if isinstance(language, tuple) else (language,)


def language_tag(code):
    """Return the marker that switches the analyser to ``code`` mid-text."""
    return f"{TAG_START}{code or ''}{TAG_END}"


def _protect_digraphs(word):
    for digraph, stand_in in _DIGRAPHS:
        word = word.replace(digraph, stand_in)
    return word


def _restore_digraphs(word):
    for digraph, stand_in in _DIGRAPHS:
        word = word.replace(stand_in, digraph)
    return word


def _fold_consonants(word):
    word = _protect_digraphs(word)
    for pattern, replacement in _CONSONANT_RULES:
        word = pattern.sub(replacement, word)
    return word.translate(_LOANWORD_LETTERS)


@lru_cache(maxsize=65536)
def kichwa_key(word):
    """Fold a Kichwa spelling variant to the unified orthography.

    ``guayusa`` -> ``wayusa``, ``chacra`` -> ``chakra``, ``quichua`` ->
    ``kichwa``, ``chonta`` -> ``chunta``.
    """
    word = _fold_consonants(fold(word)).translate(_KICHWA_VOWELS)
    return _restore_digraphs(word)


@lru_cache(maxsize=65536)
def shuar_key(word):
    """Fold a Shuar spelling variant: consonant rules and long vowels.

    Shuar has four vowels (a, e, i, u) and ``e`` is a real vowel, so vowels are
    not merged: ``nuwee`` -> ``nuwe``, ``tzanza`` -> ``tsantsa``.
    """
    word = _LONG_VOWEL_RE.sub(r"\1", _fold_consonants(fold(word)))
    return _restore_digraphs(word)


@lru_cache(maxsize=65536)
def spanish_stem(word):
    """Snowball Spanish stem of a word, accent-folded afterwards.

    Stemming runs before folding because the Spanish suffix rules know the
    accented endings (``-ción``).
    """
    return fold(_spanish_stemmer()(word.lower()))


@lru_cache(maxsize=1)
def _spanish_stemmer():
    return stemmer_for_language("es")


#: Endings of number and gender a Spanish name may be asked for with: added
#: to the name, or put in place of its own last vowel or plural ending.
_PLURAL_ENDINGS = ("s", "es")
_SPANISH_ENDINGS = ("", "a", "o", "as", "os", "es")


def same_stem_forms(word):
    """Folded forms of a Spanish ``word`` in another number or gender that
    :func:`spanish_stem` joins to it (``platano`` -> ``platanos``).

    For a reader that cannot stem a query (an offline pack's search, in
    JavaScript): the name side carries the forms instead, each checked by the
    stemmer itself, so a form is found only where the site finds it.
    """
    folded, stem = fold(word), spanish_stem(word)
    forms = {folded + ending for ending in _PLURAL_ENDINGS}
    bases = set()
    if len(folded) > 3 and folded[-1] in "aeos":
        bases.add(folded[:-1])
    if len(folded) > 4 and folded.endswith(("es", "as", "os")):
        bases.add(folded[:-2])
    forms |= {base + ending for base in bases for ending in _SPANISH_ENDINGS}
    return sorted(
        form for form in forms if form != folded and spanish_stem(form) == stem
    )


@lru_cache(maxsize=1)
def _equivalence_index():
    index = {}
    for group, members in EQUIVALENCES.items():
        for member in members:
            for form in (fold(member), kichwa_key(member), shuar_key(member)):
                index[form] = group
    return index


def folding_rules():
    """The spelling rules of :func:`fold`, :func:`kichwa_key`,
    :func:`shuar_key` and :func:`equivalence_group` as data, for a reader
    that applies them elsewhere (an offline pack folds its search queries in
    JavaScript, ``packs/static/packs/search.js``): the rules stay written
    once, here. Patterns are regular expressions JavaScript reads alike.
    """
    return {
        "digraphs": [list(pair) for pair in _DIGRAPHS],
        "consonants": [[rule.pattern, repl] for rule, repl in _CONSONANT_RULES],
        "loanword_letters": {chr(k): v for k, v in _LOANWORD_LETTERS.items()},
        "kichwa_vowels": {chr(k): v for k, v in _KICHWA_VOWELS.items()},
        "long_vowel": _LONG_VOWEL_RE.pattern,
        "equivalences": dict(sorted(_equivalence_index().items())),
        "prefixes": {
            "kichwa": KICHWA_PREFIX,
            "shuar": SHUAR_PREFIX,
            "equivalence": EQUIVALENCE_PREFIX,
        },
        "weights": {
            "folded": FOLDED_WEIGHT,
            "stem": STEM_WEIGHT,
            "key": KEY_WEIGHT,
            "equivalence": EQUIVALENCE_WEIGHT,
        },
        "spanish_stopwords": sorted(SPANISH_STOPWORDS),
    }


def equivalence_group(word, language=UNKNOWN):
    """Return the :data:`EQUIVALENCES` group of ``word``, or ``None``."""
    index = _equivalence_index()
    candidates = [fold(word)]
    if language != SPANISH:
        candidates += [kichwa_key(word), shuar_key(word)]
    for candidate in candidates:
        if candidate in index:
            return index[candidate]
    return None


def word_forms(word, language=UNKNOWN):
    """Analyse one word written in ``language`` (a canonical code), or that
    may be in any of several (a tuple of them: the forms of every reading)."""
    if isinstance(language, tuple):
        return _merged_forms([_word_forms(word, code) for code in language])
    return _word_forms(word, language)


def _merged_forms(readings):
    variants = {}
    for forms in readings:
        for term, weight in forms.variants:
            variants[term] = max(weight, variants.get(term, 0.0))
    return WordForms(readings[0].folded, list(variants.items()))


def _word_forms(word, language):
    folded = fold(word)
    variants = []
    if language == SPANISH:
        variants.append((STEM_PREFIX + spanish_stem(word), STEM_WEIGHT))
    if language in (KICHWA, UNKNOWN):
        variants.append((KICHWA_PREFIX + kichwa_key(word), KEY_WEIGHT))
    if language in (SHUAR, UNKNOWN):
        variants.append((SHUAR_PREFIX + shuar_key(word), KEY_WEIGHT))
    group = equivalence_group(word, language)
    if group:
        variants.append((EQUIVALENCE_PREFIX + group, EQUIVALENCE_WEIGHT))
    return WordForms(folded, variants)


def iter_words(text, language=UNKNOWN):
    """Yield ``(word, language)`` pairs, honouring embedded language tags.

    ``language`` may be several codes (a query's readings); a tag in the
    text switches to one.
    """
    language = canonical_languages(language)
    for match in _TOKEN_RE.finditer(unicodedata.normalize("NFC", text)):
        if match.group(1) is not None:
            language = canonical_language(match.group(1))
        else:
            yield match.group(0), language


def analyse_query(text, language=None, drop_stopwords=False):
    """Analyse a query string into a list of :class:`WordForms`.

    ``language=None`` means "unknown": folded forms and the Kichwa and Shuar
    keys, never Spanish stems. A sequence of codes reads the query in each of
    those languages. With ``drop_stopwords``, Spanish function words
    (:data:`SPANISH_STOPWORDS`) are dropped from queries read as Spanish or
    unknown, unless nothing else would remain.
    """
    words = list(iter_words(text, language))
    if drop_stopwords:
        content = [
            (word, lang)
            for word, lang in words
            if not _may_be_spanish(lang) or fold(word) not in SPANISH_STOPWORDS
        ]
        words = content or words
    return [word_forms(word, lang) for word, lang in words]


def _may_be_spanish(language):
    return any(code in (SPANISH, UNKNOWN) for code in _readings(language))


class _BaseAnalyzer(FormsAnalyzer):
    """Words split by :func:`iter_words`, so language tags switch language."""

    def __init__(self, language=SPANISH):
        self.language = canonical_language(language)

    def words(self, text, language):
        return iter_words(text, language)


class MultilingualAnalyzer(_BaseAnalyzer):
    """Whoosh analyser emitting every form of every word (see module doc).

    ``language`` is the default for text without a language tag.
    """

    def terms_for(self, word, language):
        return _index_terms(word, language)


class AutocompleteAnalyzer(_BaseAnalyzer):
    """Edge n-grams of the folded form (and of variant keys outside Spanish).

    No stemming: stems are not prefixes of what the user is typing.
    """

    def __init__(self, language=SPANISH, minsize=1, maxsize=20):
        super().__init__(language)
        self.minsize = minsize
        self.maxsize = maxsize

    def terms_for(self, word, language):
        return _autocomplete_terms(word, language, self.minsize, self.maxsize)


# Indexing analyses the same few thousand words over and over (a word's forms
# depend only on the word and its language): most of a rebuild's analysis time
# went into computing them again.
@lru_cache(maxsize=131072)
def _index_terms(word, language):
    return tuple(term for term, _weight in word_forms(word, language).terms())


@lru_cache(maxsize=131072)
def _autocomplete_terms(word, language, minsize, maxsize):
    return tuple(autocomplete_terms(word, language, minsize, maxsize))


def autocomplete_terms(word, language, minsize=1, maxsize=20):
    """Edge n-grams for one word (index side)."""
    terms = edge_ngrams(fold(word), minsize, maxsize)
    if language in (KICHWA, UNKNOWN):
        terms += edge_ngrams(kichwa_key(word), minsize, maxsize, KICHWA_PREFIX)
    if language in (SHUAR, UNKNOWN):
        terms += edge_ngrams(shuar_key(word), minsize, maxsize, SHUAR_PREFIX)
    return list(dict.fromkeys(terms))


def autocomplete_query_terms(word, language, maxsize=20):
    """Weighted terms for one typed (possibly partial) word (query side);
    ``language`` may be several codes."""
    readings = _readings(language)
    terms = [(fold(word)[:maxsize], FOLDED_WEIGHT)]
    if KICHWA in readings or UNKNOWN in readings:
        terms.append((KICHWA_PREFIX + kichwa_key(word)[:maxsize], KEY_WEIGHT))
    if SHUAR in readings or UNKNOWN in readings:
        terms.append((SHUAR_PREFIX + shuar_key(word)[:maxsize], KEY_WEIGHT))
    return terms


class MultilingualAnalysis(Analysis):
    """Spanish, Kichwa and Shuar, as the backend's ``ANALYSIS`` option."""

    variant_prefixes = VARIANT_PREFIXES

    def language_tag(self, language):
        return language_tag(language)

    def words(self, text, language=None):
        return iter_words(text, language)

    def word_forms(self, word, language=None):
        return word_forms(word, canonical_languages(language))

    def query_forms(self, text, language=None, drop_stopwords=False):
        return analyse_query(text, language, drop_stopwords)

    def autocomplete_query_terms(self, word, language=None, maxsize=20):
        return autocomplete_query_terms(word, canonical_languages(language), maxsize)

    def text_analyzer(self, language):
        return MultilingualAnalyzer(language)

    def autocomplete_analyzer(self, language, minsize, maxsize):
        return AutocompleteAnalyzer(language, minsize, maxsize)
