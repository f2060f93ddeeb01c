"""Dates, month names and numbers in the visitor's language, through Babel.

This is the only module that calls Babel. CLDR (and so Babel) has Kichwa only
as Quechua ``qu``/``qu_EC`` and has no Shuar at all, so each site language maps
to an explicit chain of Babel locales; the first one Babel knows is used.
"""

import functools

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django.utils import translation

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


def month_names(language=None, width="wide"):
    """The twelve month names, January first.

    The "format" forms are used: Babel 2.18 merges qu_EC's stand-alone names
    into es_EC's when qu_EC is loaded first, so those depend on load order.
    """
    names = babel_locale(_resolve(language)).months["format"][width]
    return [names[number] for number in range(1, 13)]


def month_name(number, language=None, width="wide"):
    return month_names(language, width)[number - 1]


def format_date(value, format="long", language=None):
    return babel_dates.format_date(
        value, format=format, locale=babel_locale(_resolve(language))
    )


def format_number(value, language=None):
    return babel_numbers.format_decimal(value, locale=babel_locale(_resolve(language)))


def _resolve(language):
    # Resolve here so the cache in babel_locale() is keyed by the real code.
    return language or translation.get_language() or DEFAULT_LANGUAGE
