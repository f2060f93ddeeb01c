"""The portal's own catalogs as the screen and the write-back read them.

Each message of ``locale/<language>/LC_MESSAGES/django.po`` with its Spanish
(the ``es`` catalog), the translation shipped in the file, and where it
appears: strings on every page first (the header, the footer, the
translation notice), then strings of templates by how many templates use
them, then strings only Python code uses (form labels, messages).
"""

import functools
import gettext
import hashlib
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

from babel.messages.extract import extract_python
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import engines
from django.template.loaders.app_directories import get_app_template_dirs
from django.utils.translation.template import templatize

from knowledge_portal.core.catalog_overlay import message_key

#: Templates every page draws (base.html and what it always includes).
EVERY_PAGE_TEMPLATES = (
    "base.html",
    "core/includes/language_switcher.html",
    "core/includes/translation_notice.html",
)
GETTEXT_FUNCTIONS = ("gettext", "ngettext", "pgettext", "npgettext")


@dataclass(frozen=True)
class CatalogMessage:
    key: str
    context: str
    msgid: str
    msgid_plural: str
    #: The Spanish text(s), as many as Spanish has forms.
    spanish: tuple
    #: The text(s) shipped in the language's .po ("" where none).
    shipped: tuple
    python_format: bool
    #: 0: on every page; 1: in templates; 2: in Python code only.
    where: int
    #: Among strings of templates, minus the number of templates using it.
    spread: int
    position: int

    @property
    def plural(self):
        return bool(self.msgid_plural)

    @property
    def anchor(self):
        return "s-" + hashlib.sha256(self.key.encode()).hexdigest()[:10]

    @property
    def has_shipped_text(self):
        return all(self.shipped)


@dataclass(frozen=True)
class LanguageCatalog:
    language: str
    messages: tuple
    nplurals: int
    plural_expression: str

    def get(self, key):
        return self._by_key.get(key)

    @functools.cached_property
    def _by_key(self):
        return {message.key: message for message in self.messages}

    def by_anchor(self, anchor):
        return next((m for m in self.messages if m.anchor == anchor), None)

    def form_numbers(self):
        """For each plural form, the first numbers it is used for."""
        rule = gettext.c2py(self.plural_expression)
        numbers = [[] for _ in range(self.nplurals)]
        for n in range(200):
            form = rule(n)
            if 0 <= form < self.nplurals and len(numbers[form]) < 4:
                numbers[form].append(n)
        return numbers


def po_path(language, locale_dir=None):
    base = Path(locale_dir or settings.LOCALE_PATHS[0])
    return base / language / "LC_MESSAGES" / "django.po"


def read_catalog(path):
    with Path(path).open("rb") as handle:
        return read_po(handle)


def language_catalog(language):
    """The portal's catalog of ``language``, read again when its file or the
    Spanish one changes."""
    path, spanish = po_path(language), po_path(settings.LANGUAGE_CODE)
    return _language_catalog(
        language,
        str(path),
        path.stat().st_mtime_ns,
        str(spanish),
        spanish.stat().st_mtime_ns,
    )


@functools.lru_cache(maxsize=8)
def _language_catalog(language, path, _mtime, spanish_path, _spanish_mtime):
    catalog = read_catalog(path)
    spanish = {
        message_key(m.context, _singular(m.id)): m
        for m in read_catalog(spanish_path)
        if m.id
    }
    every_page, spread = template_usage()
    messages = []
    for position, message in enumerate(m for m in catalog if m.id):
        key = message_key(message.context, _singular(message.id))
        in_spanish = spanish.get(key)
        usage = spread.get(key, 0)
        messages.append(
            CatalogMessage(
                key=key,
                context=message.context or "",
                msgid=_singular(message.id),
                msgid_plural=message.id[1] if message.pluralizable else "",
                spanish=_forms(in_spanish) if in_spanish else ("",),
                shipped=_forms(message),
                python_format="python-format" in message.flags,
                where=0 if key in every_page else (1 if usage else 2),
                spread=-usage,
                position=position,
            )
        )
    return LanguageCatalog(
        language,
        tuple(messages),
        catalog.num_plurals,
        catalog.plural_expr,
    )


def _singular(msgid):
    return msgid[0] if isinstance(msgid, list | tuple) else msgid


def _forms(message):
    if message.pluralizable:
        return tuple(message.string)
    return (message.string or "",)


@functools.cache
def template_usage():
    """(keys on every page, {key: number of templates using it}), from the
    portal's own templates, read once per process."""
    every_page, spread = set(), {}
    engine = engines["django"]
    directories = [Path(d) for d in engine.dirs] + [
        Path(d) for d in get_app_template_dirs("templates")
    ]
    portal = Path(settings.BASE_DIR) / "knowledge_portal"
    for directory in directories:
        if not directory.is_relative_to(portal):
            continue
        for template in directory.rglob("*.html"):
            keys = _template_keys(template)
            name = template.relative_to(directory).as_posix()
            if name in EVERY_PAGE_TEMPLATES:
                every_page |= keys
            for key in keys:
                spread[key] = spread.get(key, 0) + 1
    return frozenset(every_page), spread


def _template_keys(path):
    source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    try:
        found = list(
            extract_python(io.BytesIO(source.encode()), GETTEXT_FUNCTIONS, [], {})
        )
    except (SyntaxError, tokenize.TokenError):
        # Only for ordering: a template the extractor cannot read ranks last.
        return set()
    keys = set()
    for _line, function, messages, _comments in found:
        if isinstance(messages, str):
            messages = (messages,)
        if function.startswith("p") or function.startswith("np"):
            context, msgid = messages[0], messages[1]
        else:
            context, msgid = "", messages[0]
        if isinstance(msgid, str):
            keys.add(message_key(context, msgid))
    return keys
