"""How text becomes index terms: the interface the backend needs, and its default.

The backend takes its language analysis from the ``ANALYSIS`` option, a dotted
path to a subclass of :class:`Analysis` (or to an instance of one)::

    "OPTIONS": {"ANALYSIS": "myproject.search.MyAnalysis"}

Without it, :class:`Analysis` itself is used: lower case and accent folding,
no language variants. A word's *forms* are the terms it is indexed and
queried as: its folded form (an exact match) and any number of weighted
*variants* (stems, spelling keys...), each starting with one of
:attr:`Analysis.variant_prefixes` so that variants never meet folded words.

Indexed text is analysed by the Whoosh analysers the analysis returns
(:meth:`Analysis.text_analyzer`, :meth:`Analysis.autocomplete_analyzer`); they
are pickled into the index, so changing the analysis needs a rebuild.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.module_loading import import_string
from whoosh.analysis import Composable, Token

FOLDED_WEIGHT = 1.0
_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def fold(word):
    """NFC, lower case and accent folding: ``"Árbol Ñandú"`` -> ``"arbol nandu"``."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def split_words(text, language=None):
    """Yield ``(word, language)`` for each run of letters and digits."""
    for word in _WORD_RE.findall(unicodedata.normalize("NFC", text)):
        yield word, language


def edge_ngrams(term, minsize, maxsize, prefix=""):
    """``edge_ngrams("wasi", 1, 3)`` -> ``["w", "wa", "was"]``."""
    return [
        prefix + term[:size] for size in range(minsize, min(len(term), maxsize) + 1)
    ]


@dataclass
class WordForms:
    """The folded form of one word and its weighted variant terms."""

    folded: str
    variants: list = field(default_factory=list)

    def terms(self):
        """All ``(term, weight)`` pairs, folded form first."""
        return [(self.folded, FOLDED_WEIGHT), *self.variants]


class Analysis:
    """The analysis interface, with its plain default implementation.

    ``language`` arguments are whatever codes the application indexes with
    (``SearchField(language=...)``, ``get_search_language()``, ``LANGUAGE``,
    the query's ``language=``); ``None`` means unknown. Subclasses override
    what they need.
    """

    #: Prefixes of variant terms: ``suggest()`` never offers such a term.
    variant_prefixes = ()

    def language_tag(self, language):
        """The marker put before indexed text written in ``language``.

        The analysers read it to switch language mid-field (related objects
        may be in other languages). The default ignores languages: ``""``.
        """
        return ""

    def words(self, text, language=None):
        """Yield ``(word, language)`` for each word of ``text``, honouring tags."""
        return split_words(text, language)

    def word_forms(self, word, language=None):
        """The :class:`WordForms` of one word (index and query side alike)."""
        return WordForms(fold(word))

    def query_forms(self, text, language=None, drop_stopwords=False):
        """A query's words as :class:`WordForms`; with ``drop_stopwords``,
        words too common to search for may be left out."""
        return [
            self.word_forms(word, lang) for word, lang in self.words(text, language)
        ]

    def autocomplete_query_terms(self, word, language=None, maxsize=20):
        """Weighted terms for one typed, possibly partial, word."""
        return [(fold(word)[:maxsize], FOLDED_WEIGHT)]

    def text_analyzer(self, language):
        """The Whoosh analyser of full-text fields (``language``: the default)."""
        return FoldingAnalyzer(language)

    def autocomplete_analyzer(self, language, minsize, maxsize):
        """The Whoosh analyser of autocomplete fields: edge n-grams."""
        return FoldingAutocompleteAnalyzer(language, minsize, maxsize)


def load_analysis(option):
    """The analysis named by the ``ANALYSIS`` option: a dotted path, a class or
    an instance; :class:`Analysis` when the option is empty."""
    if not option:
        return Analysis()
    analysis = import_string(option) if isinstance(option, str) else option
    return analysis() if isinstance(analysis, type) else analysis


class FormsAnalyzer(Composable):
    """Whoosh analyser plumbing: every term of every word, one reused token.

    Subclasses say how text splits into words (:meth:`words`) and which terms
    a word gives (:meth:`terms_for`). A word's terms share its position, so
    phrases work.
    """

    def __init__(self, language=None):
        self.language = language

    def __eq__(self, other):
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash((type(self), tuple(sorted(self.__dict__.items()))))

    def words(self, text, language):
        return split_words(text, language)

    def terms_for(self, word, language):
        raise NotImplementedError

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode)
        pos = start_pos
        for word, language in self.words(value, self.language):
            for text in self.terms_for(word, language):
                token.text = text
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = word
                if positions:
                    token.pos = pos
                yield token
            pos += 1


class FoldingAnalyzer(FormsAnalyzer):
    """The default full-text analyser: each word's folded form."""

    def terms_for(self, word, language):
        return [fold(word)]


class FoldingAutocompleteAnalyzer(FormsAnalyzer):
    """The default autocomplete analyser: edge n-grams of the folded form."""

    def __init__(self, language=None, minsize=1, maxsize=20):
        super().__init__(language)
        self.minsize = minsize
        self.maxsize = maxsize

    def terms_for(self, word, language):
        return edge_ngrams(fold(word), self.minsize, self.maxsize)
