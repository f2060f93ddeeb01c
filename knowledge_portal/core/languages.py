"""The portal's three languages, declared in one place.

Django's ``LANG_INFO`` has neither Kichwa (``qu``) nor Shuar (``jiv``), so
``get_language_info()``, the language names Wagtail shows for locales and the
admin's language list would fail or fall back for them. Settings call
:func:`register_languages` before anything reads ``LANG_INFO``.

This module must not import Django models: settings import it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy, gettext_noop


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    #: English name, as Django's own LANG_INFO gives it (marked for translation).
    name: str
    #: The name speakers use for their language.
    name_local: str
    #: gettext's Plural-Forms header; makemessages leaves it out for
    #: languages gettext does not know.
    plural_forms: str = "nplurals=2; plural=(n != 1);"
    bidi: bool = False
    #: Other language tags (lower case, primary subtag only) that browsers
    #: send for this language and that Django does not match with ``code``:
    #: `/` sends them here (``site_language_for_tag``).
    aliases: tuple[str, ...] = ()


#: The Quechua macrolanguage ("que", ISO 639-1 "qu") and its individual
#: languages, as SIL, the ISO 639-3 registration authority, maps them
#: (https://iso639-3.sil.org/code/que; the table iso-639-3-macrolanguages.tab
#: of https://iso639-3.sil.org/code_tables/download_tables, release 2022-03-11,
#: without the retired "cqu"). A browser set to any of them, Ecuador's Kichwa
#: varieties among them (qug Chimborazo, qvi Imbabura, qvo Napo, quw Tena,
#: qvz Northern Pastaza...) or Windows' "quz-EC", gets the Kichwa pages.
# fmt: off
QUECHUA_LANGUAGES = (
    "que",
    "qub", "qud", "quf", "qug", "quh", "quk", "qul", "qup", "qur", "qus", "quw",
    "qux", "quy", "quz", "qva", "qvc", "qve", "qvh", "qvi", "qvj", "qvl", "qvm",
    "qvn", "qvo", "qvp", "qvs", "qvw", "qvz", "qwa", "qwc", "qwh", "qws", "qxa",
    "qxc", "qxh", "qxl", "qxn", "qxo", "qxp", "qxr", "qxt", "qxu", "qxw",
)
# fmt: on

SITE_LANGUAGES = (
    SiteLanguage("es", gettext_noop("Spanish"), "Español"),
    # ISO 639 "qu" is the Quechua macrolanguage, which includes Ecuadorian
    # Kichwa; "quz" would be Cusco Quechua (shared/domain, section 1).
    # CLDR gives Quechua a single plural category ("other").
    SiteLanguage(
        "qu",
        gettext_noop("Kichwa"),
        "Kichwa",
        plural_forms="nplurals=1; plural=0;",
        aliases=QUECHUA_LANGUAGES,
    ),
    # No CLDR data for Shuar: two forms as in Spanish, listed for review.
    # "shuar" is no ISO code, but people type the language's name.
    SiteLanguage("jiv", gettext_noop("Shuar"), "Shuar chicham", aliases=("shuar",)),
)

DEFAULT_LANGUAGE = "es"

#: (code, name) pairs for Django's LANGUAGES setting. The names are shown in
#: the reader's language (the admin's locale labels: "Español" to a Spanish
#: editor), as Django's own LANGUAGES are.
LANGUAGES = [
    (language.code, gettext_lazy(language.name)) for language in SITE_LANGUAGES
]

LANGUAGE_CODES = tuple(language.code for language in SITE_LANGUAGES)

#: The languages a search query is read in, whatever page it is typed on:
#: every one, since the pages of each language hold text in all three (plant
#: names; Spanish shown while a text awaits translation). Search gives each
#: reading only text of its own language (docs/search.md).
QUERY_LANGUAGES = LANGUAGE_CODES


_BY_ALIAS = {
    alias: language.code for language in SITE_LANGUAGES for alias in language.aliases
}


def site_language_for_tag(tag):
    """The site language a language tag names through an alias ("quz-EC",
    "qug", "shuar"), or None. Django itself already matches the site codes
    and their regional variants ("qu-EC", "jiv-EC")."""
    return _BY_ALIAS.get(tag.strip().lower().split("-", 1)[0])


def resolve_aliases(accept_language):
    """An Accept-Language header with aliased tags replaced by the site
    language they name, order and weights kept: "quz-EC;q=0.9, es" becomes
    "qu;q=0.9, es"."""
    ranges = []
    for item in accept_language.split(","):
        tag, separator, weight = item.partition(";")
        code = site_language_for_tag(tag)
        ranges.append(f"{code}{separator}{weight}" if code else item.strip())
    return ", ".join(ranges)


def lang_info_entries():
    """The LANG_INFO entries Django lacks, in Django's own format."""
    return {
        language.code: {
            "bidi": language.bidi,
            "code": language.code,
            "name": language.name,
            "name_local": language.name_local,
        }
        for language in SITE_LANGUAGES
    }


def register_languages():
    """Add Kichwa and Shuar to Django's LANG_INFO (Spanish is already there).

    Existing entries are left alone so that Django's Spanish stays as shipped.
    """
    from django.conf.locale import LANG_INFO

    for code, info in lang_info_entries().items():
        LANG_INFO.setdefault(code, info)


def site_language(code):
    """The :class:`SiteLanguage` of ``code``; ``None`` for another language."""
    return next(
        (language for language in SITE_LANGUAGES if language.code == code), None
    )
