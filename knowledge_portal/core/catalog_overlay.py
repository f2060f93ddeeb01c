"""Interface strings written by speakers in the portal, laid over the catalogs.

The Kichwa and Shuar catalogs ship as ``locale/*.po``, compiled at deploy.
Strings that the communities' language reviewers write in the portal are kept
in the database (``knowledge_portal.interface``); each process holds them in
one extra dictionary at the front of its gettext catalog for the language.
Django's ``TranslationCatalog`` looks through its dictionaries in order, so
``gettext`` finds them first. A string found there is the language's own: it
never reaches the Spanish fallback, so it is never marked ``lang="es"``
(``fallback_marks``).

This module holds what this process loaded and puts it in place; the
interface app reads the database and decides when to load again.
"""

import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.dispatch import Signal
from django.utils.translation import trans_real

#: Sent when interface strings change: pages built before show the old ones.
interface_strings_changed = Signal()


def message_key(context, msgid):
    """How gettext knows a message: ``msgid``, prefixed by its context."""
    return f"{context}{trans_real.CONTEXT_SEPARATOR}{msgid}" if context else msgid


@dataclass(frozen=True)
class OverlaidString:
    language: str
    context: str
    #: The msgid; for a message with plural forms, its singular msgid.
    msgid: str
    #: One text, or one per plural form of the language for a plural message.
    texts: tuple
    plural: bool = False
    awaiting_review: bool = False


class _Overlay(dict):
    """The dictionary put in front of a language's catalog (found by type)."""


@dataclass(frozen=True)
class _Loaded:
    version: object = None
    catalogs: dict = field(default_factory=dict)
    awaiting_review: dict = field(default_factory=dict)
    #: language -> {msgid: awaits review}, by msgid alone as REVIEW.md lists
    #: strings (a word in two contexts awaits if either does).
    review_states: dict = field(default_factory=dict)


_loaded = _Loaded()
_lock = threading.Lock()


def loaded_version():
    """The version of the strings this process holds (None: none loaded)."""
    return _loaded.version


def load(version, strings):
    """Hold ``strings`` (OverlaidString) as ``version`` and put them in place
    of those held before, in every language but the default one."""
    global _loaded
    catalogs = {code: _Overlay() for code, _name in settings.LANGUAGES}
    catalogs.pop(settings.LANGUAGE_CODE, None)
    awaiting = {code: set() for code in catalogs}
    states = {code: {} for code in catalogs}
    for string in strings:
        if string.language not in catalogs or not all(string.texts):
            continue
        key = message_key(string.context, string.msgid)
        catalog = catalogs[string.language]
        if string.plural:
            for index, text in enumerate(string.texts):
                catalog[(key, index)] = text
        else:
            catalog[key] = string.texts[0]
        if string.awaiting_review:
            awaiting[string.language].add(key)
        language_states = states[string.language]
        language_states[string.msgid] = (
            language_states.get(string.msgid, False) or string.awaiting_review
        )
    with _lock:
        _loaded = _Loaded(
            version,
            catalogs,
            {code: frozenset(keys) for code, keys in awaiting.items()},
            states,
        )
        for language in catalogs:
            _install(language)


def ensure_installed():
    """Put the held strings back where Django built a language's catalog
    afresh (it does when translation settings change); cheap otherwise."""
    for language, overlay in _loaded.catalogs.items():
        catalog = _catalog(language)
        if catalog is not None and not any(c is overlay for c in catalog._catalogs):
            with _lock:
                _install(language)


def reset():
    """Hold nothing (the catalogs show only the .po files again)."""
    load(None, [])


def translated_keys(language):
    """Keys (``message_key``) of the messages held for ``language``."""
    overlay = _loaded.catalogs.get(language) or {}
    return frozenset(key[0] if isinstance(key, tuple) else key for key in overlay)


def keys_awaiting_review(language):
    return _loaded.awaiting_review.get(language, frozenset())


def review_state(language, msgid):
    """Whether the string written in the portal awaits review; None if none
    was written there."""
    return _loaded.review_states.get(language, {}).get(msgid)


def languages_awaiting_review():
    return frozenset(code for code, keys in _loaded.awaiting_review.items() if keys)


def _catalog(language):
    return getattr(trans_real.translation(language), "_catalog", None)


def _install(language):
    translation = trans_real.translation(language)
    catalog = getattr(translation, "_catalog", None)
    overlay = _loaded.catalogs.get(language)
    if catalog is None or overlay is None:
        return
    # Replaced in place (one list item: atomic for threads reading it).
    for index, existing in enumerate(catalog._catalogs):
        if isinstance(existing, _Overlay):
            catalog._catalogs[index] = overlay
            return
    catalog._plurals.insert(0, translation.plural)
    catalog._catalogs.insert(0, overlay)
