"""Interface text shown in Spanish on a Kichwa or Shuar page says so.

A Kichwa or Shuar string nobody has translated is empty in its catalog, so
gettext falls back to the Spanish one (Django makes ``LANGUAGE_CODE`` the
fallback of every other language). That Spanish must carry ``lang="es"``, or a
screen reader reads it with a Kichwa voice and a reader cannot tell what awaits
translation.

While a template renders, the fallback translation wraps each Spanish string it
returns in two Unicode noncharacters (which no text contains), and when the
outermost template has rendered, :func:`mark_fallbacks` turns them into markup:
a ``<span lang="es">`` around text, ``lang="es"`` on an element whose attribute
(a label, a placeholder) or raw text (a title, an option) is Spanish. Strings
made outside template rendering (JSON, logs, stored values) are never marked.
"""

import contextvars
import functools
import re
from contextlib import contextmanager

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, trans_real

from .catalog_overlay import loaded_version

OPEN = "\ufdd0"
CLOSE = "\ufdd1"
MARKS = re.compile(f"[{OPEN}{CLOSE}]")

_rendering = contextvars.ContextVar("fallback_marks_rendering", default=0)


def _marking():
    return _rendering.get() > 0


def _marked(text):
    if not _marking() or not text:
        return text
    return f"{OPEN}{text}{CLOSE}"


class MarkedFallback:
    """The fallback translation of a Kichwa or Shuar catalog, marking what it
    gives while a template renders; everything else is the wrapped one's."""

    def __init__(self, wrapped):
        self._wrapped = wrapped

    def __getattr__(self, name):
        return getattr(self._wrapped, name)

    def _known(self, key):
        # What the Spanish catalog lacks too comes back as it went in (an
        # English msgid, or a contextual one pgettext then unwraps): unmarked.
        catalog = getattr(self._wrapped, "_catalog", None)
        return catalog is not None and key in catalog

    def gettext(self, message):
        result = self._wrapped.gettext(message)
        return _marked(result) if self._known(message) else result

    def ngettext(self, msgid1, msgid2, n):
        result = self._wrapped.ngettext(msgid1, msgid2, n)
        return _marked(result) if self._known((msgid1, 0)) else result


def marked_language(language=None):
    """The active language, if its fallbacks are to be marked."""
    language = language or get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return None
    return language


def _install(language):
    # Catalogs are built lazily and rebuilt when settings change (tests), so
    # the wrapper is put in place when a render needs it.
    translation = trans_real.translation(language)
    fallback = getattr(translation, "_fallback", None)
    if fallback is not None and not isinstance(fallback, MarkedFallback):
        translation._fallback = MarkedFallback(fallback)


@contextmanager
def marking_fallbacks(language):
    """Mark Spanish fallbacks while the body renders; the outermost render
    turns the marks into markup (see :func:`mark_fallbacks`)."""
    _install(language)
    token = _rendering.set(_rendering.get() + 1)
    try:
        yield
    finally:
        _rendering.reset(token)


def is_outermost_render():
    return _rendering.get() == 0


# Comments, tags (name and attributes), text; a lone "<" is text.
_TOKENS = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<tag><(?P<end>/?)(?P<name>[A-Za-z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>)"
    r"|(?P<text>[^<]+|<)",
    re.S,
)
_HAS_LANG = re.compile(r"\slang\s*=", re.I)
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# Their content is text only: a span inside would be shown or dropped, so the
# element itself says its language.
_TEXT_ONLY = frozenset({"title", "textarea", "option"})
_RAW = frozenset({"script", "style"})


def _with_lang(start_tag, language):
    if _HAS_LANG.search(start_tag):
        return start_tag
    name_end = re.match(r"<[A-Za-z][\w:-]*", start_tag).end()
    return f'{start_tag[:name_end]} lang="{language}"{start_tag[name_end:]}'


def mark_fallbacks(html, page_language):
    """Turn fallback marks in ``html`` into ``lang`` markup; idempotent."""
    if OPEN not in html and CLOSE not in html:
        return html
    fallback = settings.LANGUAGE_CODE
    out = []
    # Open elements: [name, index of the start tag in out, restore language]
    # "restore" is set on an element that took lang="es" for an attribute:
    # its own content is in the page's language again.
    stack = []
    depth = 0
    raw = None
    for match in _TOKENS.finditer(html):
        if match.group("comment"):
            out.append(MARKS.sub("", match.group("comment")))
            continue
        if match.group("tag"):
            name = match.group("name").lower()
            tag = match.group("tag")
            if raw and not (match.group("end") and name == raw):
                out.append(MARKS.sub("", tag))
                continue
            if match.group("end"):
                raw = None
                for index in range(len(stack) - 1, -1, -1):
                    if stack[index][0] == name:
                        del stack[index:]
                        break
                out.append(tag)
                continue
            restore = False
            if OPEN in tag or CLOSE in tag:
                tag = MARKS.sub("", tag)
                if not depth and not _HAS_LANG.search(tag):
                    tag = _with_lang(tag, fallback)
                    restore = name not in _VOID and name not in _TEXT_ONLY
            elif stack and stack[-1][2] and not depth:
                tag = _with_lang(tag, page_language)
            out.append(tag)
            if name in _RAW:
                raw = name
            elif name in _TEXT_ONLY:
                raw = name if name != "option" else None
            if name not in _VOID and not tag.endswith("/>"):
                stack.append([name, len(out) - 1, restore])
            continue
        text = match.group("text")
        if raw or (stack and stack[-1][0] in _TEXT_ONLY):
            if OPEN in text and stack and raw not in _RAW:
                index = stack[-1][1]
                out[index] = _with_lang(out[index], fallback)
            out.append(MARKS.sub("", text))
            continue
        restoring = bool(stack and stack[-1][2])
        for piece in re.split(f"([{OPEN}{CLOSE}])", text):
            if piece == OPEN:
                depth += 1
                if depth == 1:
                    out.append(f'<span lang="{fallback}">')
            elif piece == CLOSE:
                if depth:
                    depth -= 1
                    if not depth:
                        out.append("</span>")
            elif piece:
                if restoring and not depth and piece.strip():
                    out.append(f'<span lang="{page_language}">{piece}</span>')
                else:
                    out.append(piece)
    out.extend("</span>" for _ in range(depth))
    return mark_safe("".join(out))  # noqa: S308 (the input was safe markup)


def as_fallback(text):
    """``text`` marked as shown in the fallback language, while a template
    renders (for content shown in Spanish: a title awaiting translation)."""
    return _marked(text)


# A placeholder of a catalog string: %(name)s, %s, %d, {name}.
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{[^{}]*\}")


def _fallback_translation(translation):
    fallback = getattr(translation, "_fallback", None)
    return getattr(fallback, "_wrapped", fallback)


@functools.lru_cache(maxsize=8)
def _fallback_texts(language, catalog_id, overlay_version):
    """(exact texts, pattern) of the Spanish a ``language`` page shows for
    what its catalog lacks; the key changes when catalogs are rebuilt."""
    translation = trans_real.translation(language)
    fallback = _fallback_translation(translation)
    if fallback is None:
        return frozenset(), None
    own = translation._catalog
    written = {value for _key, value in own.items()}
    exact, patterns = set(), []
    for key, value in fallback._catalog.items():
        if key in own or not value or value in written:
            continue
        if _PLACEHOLDER.search(value):
            pieces = _PLACEHOLDER.split(value)
            # "%(name)s: %(value)s" would match any text: only strings with
            # words of their own are recognised.
            if sum(character.isalpha() for character in "".join(pieces)) < 4:
                continue
            patterns.append(".+?".join(re.escape(piece) for piece in pieces))
        else:
            exact.add(value)
    pattern = re.compile("|".join(patterns), re.S) if patterns else None
    return frozenset(exact), pattern


def mark_if_fallback(text, language=None):
    """``text`` marked as Spanish while a template renders, if it is what the
    Spanish catalog gives for a string ``language`` lacks.

    For text made before rendering, by a view (a message after a form): it
    was translated outside template rendering, so it carries no mark.
    """
    language = marked_language(language)
    if not language or not text or not _marking() or OPEN in text:
        return text
    translation = trans_real.translation(language)
    exact, pattern = _fallback_texts(
        language, id(translation._catalog), loaded_version()
    )
    if text in exact or (pattern is not None and pattern.fullmatch(text)):
        return _marked(text)
    return text
