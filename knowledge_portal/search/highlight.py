"""Marking the words of a text that a query matched.

Words are compared through the same analysis the index uses, so a query for
``guayusa`` marks ``wayusa`` and a query with one typo still marks its word.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from whoosh.support.levenshtein import distance

from knowledge_portal.core.languages import QUERY_LANGUAGES

from .analysis import analyse_query, canonical_language, iter_words, word_forms

_WORD_RE = re.compile(r"\w+", re.UNICODE)
FUZZY_MIN_LENGTH = 5


class QueryMatcher:
    """Decides whether a word of a text matches one of the query's words."""

    def __init__(self, query):
        # Read as the search reads it, so what it found is what is marked.
        self.forms = analyse_query(query, QUERY_LANGUAGES)
        self.terms = {term for forms in self.forms for term, _weight in forms.terms()}
        self.folded = [forms.folded for forms in self.forms]

    def __bool__(self):
        return bool(self.forms)

    def matches(self, word, language=""):
        forms = word_forms(word, canonical_language(language))
        if any(term in self.terms for term, _weight in forms.terms()):
            return True
        # One typo, as the search itself allows for words of five letters.
        return len(forms.folded) >= FUZZY_MIN_LENGTH and any(
            len(query_word) >= FUZZY_MIN_LENGTH
            and distance(forms.folded, query_word) <= 1
            for query_word in self.folded
        )

    def matches_text(self, text, language=""):
        return any(
            self.matches(word, lang) for word, lang in iter_words(text, language)
        )


def highlight(text, matcher, language=""):
    """``text`` escaped, with matching words wrapped in ``<mark>``."""
    parts = []
    position = 0
    for match in _WORD_RE.finditer(text):
        parts.append(escape(text[position : match.start()]))
        word = match.group(0)
        if matcher.matches(word, language):
            parts.append(f"<mark>{escape(word)}</mark>")
        else:
            parts.append(escape(word))
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped)


def snippet(text, matcher, language="", length=220):
    """A window of ``text`` around the first match, highlighted."""
    text = " ".join(text.split())
    if len(text) <= length:
        return highlight(text, matcher, language)
    start = 0
    for match in _WORD_RE.finditer(text):
        if matcher.matches(match.group(0), language):
            start = max(0, match.start() - length // 3)
            break
    window = text[start : start + length]
    if start > 0:
        window = "…" + window.split(" ", 1)[-1]
    if start + length < len(text):
        window = window.rsplit(" ", 1)[0] + "…"
    return highlight(window, matcher, language)
