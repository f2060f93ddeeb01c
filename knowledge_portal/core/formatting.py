"""Dates, month names and numbers in the visitor's language, through Babel.

This is the only module that calls Babel. CLDR (and so Babel) has Kichwa only
as Quechua ``qu``/``qu_EC`` and has no Shuar at all, so each site language maps
to an explicit chain of Babel locales; the first one Babel knows is used.

Month names are not Babel's: ``qu_EC`` gives Peruvian Spanish ones
("Setiembre"). They are interface strings (``MONTHS``): Spanish in the ``es``
catalog, and in ``qu`` and ``jiv`` the sourced names of locale/REVIEW.md.
"""

import functools
import re

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext_lazy

from .fallback_marks import MARKS, as_fallback
from .interface_review import awaits_review
from .languages import DEFAULT_LANGUAGE

#: Site language -> Babel locales to try, in order.
BABEL_LOCALE_CHAINS = {
    "es": ("es_EC", "es"),
    "qu": ("qu_EC", "qu", "es_EC"),
    # No CLDR data for Shuar: Ecuadorian Spanish conventions are what Shuar
    # readers meet in school and on paper (shared/domain, section 1).
    "jiv": ("jiv", "es_EC"),
}


@functools.cache
def babel_locale(language=None):
    """The Babel Locale for a site language (default: the active one)."""
    language = language or translation.get_language() or DEFAULT_LANGUAGE
    chain = BABEL_LOCALE_CHAINS.get(language, BABEL_LOCALE_CHAINS[DEFAULT_LANGUAGE])
    for identifier in chain:
        try:
            return Locale.parse(identifier)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(BABEL_LOCALE_CHAINS[DEFAULT_LANGUAGE][0])


#: January to December: (msgid, its translation). A language whose catalog
#: has no name for a month shows the Spanish one (gettext falls back to the
#: Spanish catalog).
MONTHS = (
    ("January", pgettext_lazy("month name", "January")),
    ("February", pgettext_lazy("month name", "February")),
    ("March", pgettext_lazy("month name", "March")),
    ("April", pgettext_lazy("month name", "April")),
    ("May", pgettext_lazy("month name", "May")),
    ("June", pgettext_lazy("month name", "June")),
    ("July", pgettext_lazy("month name", "July")),
    ("August", pgettext_lazy("month name", "August")),
    ("September", pgettext_lazy("month name", "September")),
    ("October", pgettext_lazy("month name", "October")),
    ("November", pgettext_lazy("month name", "November")),
    ("December", pgettext_lazy("month name", "December")),
)


class MonthName(str):
    """A month's name as a page in ``shown_in`` shows it.

    As text (form choices, the ``title`` of an abbreviation: ``.plain``) it is
    "Kamay (enero)" while the Kichwa name awaits review, "Kamay" once
    confirmed, "enero" where the language has no name. In a template it is
    marked up, so that screen readers speak each part in its language:
    ``<span lang="qu">Kamay</span> (<span lang="es">enero</span>)``, or
    ``<span lang="es">enero</span>`` for the Spanish shown on a Kichwa page.
    """

    def __new__(cls, text, language, shown_in, spanish=""):
        name = super().__new__(cls, f"{text} ({spanish})" if spanish else text)
        name.text, name.language, name.shown_in, name.spanish = (
            text,
            language,
            shown_in,
            spanish,
        )
        return name

    @property
    def plain(self):
        text = str.__str__(self)
        # Spanish alone on a Kichwa or Shuar page: its element says so.
        return as_fallback(text) if self.language != self.shown_in else text

    def __html__(self):
        if self.spanish:
            return format_html(
                '<span lang="{}">{}</span> (<span lang="es">{}</span>)',
                self.language,
                self.text,
                self.spanish,
            )
        if self.language != self.shown_in:
            return format_html('<span lang="{}">{}</span>', self.language, self.text)
        return conditional_escape(self.text)


def month_name(number, language=None, width="wide"):
    """Month ``number`` (1-12) in ``language`` (default: the active one).

    A Kichwa or Shuar name is a proposal while locale/REVIEW.md lists it: the
    Spanish name goes beside it. ``width="abbreviated"`` shortens only the
    Spanish (CLDR's abbreviations): no abbreviation of a Kichwa or Shuar name
    has a source.
    """
    language = _resolve(language)
    msgid, message = MONTHS[number - 1]
    with translation.override(DEFAULT_LANGUAGE):
        spanish = str(message)
    with translation.override(language):
        own = str(message)
    # Untranslated, gettext gives the Spanish (marked as such while a
    # template renders: core.fallback_marks).
    untranslated = MARKS.sub("", own) == spanish
    if width != "wide":
        spanish = babel_locale(DEFAULT_LANGUAGE).months["format"][width][number]
    if untranslated:
        return MonthName(spanish, DEFAULT_LANGUAGE, language)
    if awaits_review(language, msgid):
        return MonthName(own, language, language, spanish=spanish)
    return MonthName(own, language, language)


def month_names(language=None, width="wide"):
    """The twelve month names, January first (see ``month_name``)."""
    return [month_name(number, language, width) for number in range(1, 13)]


def format_date(value, format="long", language=None):
    """``value`` as Babel writes it in ``language``, with our month names
    outside Spanish; day and year numbers, and their order, stay CLDR's."""
    language = _resolve(language)
    locale = babel_locale(language)
    if language == DEFAULT_LANGUAGE:
        return babel_dates.format_date(value, format=format, locale=locale)
    # Words quoted in the pattern are in the Babel locale's language (the
    # Spanish "de" for Shuar): left out rather than mixed in.
    pattern = re.sub(r"'(?:[^']|'')*'", " ", locale.date_formats[format].pattern)
    parts = []
    for part in re.split(r"(M{3,5}|L{3,5}|E{1,6})", pattern):
        if part[:1] in ("M", "L") and len(part) >= 3:
            width = "wide" if len(part) == 4 else "abbreviated"
            parts.append(month_name(value.month, language, width))
        elif part[:1] == "E":
            # No weekday names but Spanish ones (qu_EC's are Spanish too).
            spanish = babel_locale(DEFAULT_LANGUAGE)
            day = babel_dates.format_date(value, format=part, locale=spanish)
            parts.append(format_html('<span lang="es">{}</span>', day))
        elif part.strip():
            parts.append(babel_dates.format_date(value, format=part, locale=locale))
        else:
            parts.append(part)
    text = "".join(conditional_escape(part) for part in parts)
    return mark_safe(re.sub(r"\s+", " ", text).strip())  # noqa: S308 (escaped)


def format_number(value, language=None):
    return babel_numbers.format_decimal(value, locale=babel_locale(_resolve(language)))


def _resolve(language):
    # Resolve here so the cache in babel_locale() is keyed by the real code.
    return language or translation.get_language() or DEFAULT_LANGUAGE
