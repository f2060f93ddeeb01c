"""Every UI string is translated in Spanish; Kichwa and Shuar strings are
written only by the communities, and proposals are listed.

A Kichwa or Shuar string nobody has translated stays empty, so gettext falls
back to the Spanish catalog (Django adds the ``LANGUAGE_CODE`` catalog as the
fallback of every other language). Strings written so far are listed in
locale/REVIEW.md, which makes pages in that language carry a review notice.
"""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from knowledge_portal.site.review import parse_review_rows

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ["es", "qu", "jiv"]


def catalog(code):
    with (LOCALE_DIR / code / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=None)


def strings(message):
    return list(message.string) if message.pluralizable else [message.string]


def message_key(message):
    return message.id[0] if message.pluralizable else message.id


def test_every_string_is_translated_into_spanish():
    messages = [message for message in catalog("es") if message.id]
    assert messages, "the catalog is empty"
    untranslated = [message_key(m) for m in messages if not all(strings(m))]
    assert untranslated == []


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_an_untranslated_string_falls_back_to_spanish(code):
    from django.utils import translation

    empty = [m for m in catalog(code) if m.id and not m.pluralizable and not m.string]
    assert empty, "no untranslated string left to check the fallback with"
    spanish = {(m.context, m.id): m.string for m in catalog("es") if m.id}
    with translation.override(code):
        for message in empty:
            shown = (
                translation.pgettext(message.context, message.id)
                if message.context
                else translation.gettext(message.id)
            )
            assert shown == spanish[message.context, message.id]


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_an_untranslated_plural_falls_back_to_spanish_not_english(code):
    # pybabel's compile fills empty plural forms with the English msgids.
    from django.utils import translation

    empty = [m for m in catalog(code) if m.id and m.pluralizable and not all(m.string)]
    assert empty, "no untranslated plural message left to check the fallback with"
    for message in empty:
        singular, plural = message.id
        for count in (1, 5):
            with translation.override("es"):
                spanish = (
                    translation.npgettext(message.context, singular, plural, count)
                    if message.context
                    else translation.ngettext(singular, plural, count)
                )
            with translation.override(code):
                shown = (
                    translation.npgettext(message.context, singular, plural, count)
                    if message.context
                    else translation.ngettext(singular, plural, count)
                )
            assert shown == spanish, (code, singular, count)
            assert shown not in (singular, plural), (code, singular, count)


def test_compiling_a_catalog_leaves_untranslated_plurals_out(tmp_path):
    import gettext

    from knowledge_portal.core.catalog_compile import compile_catalog

    mo_path = tmp_path / "django.mo"
    compile_catalog(LOCALE_DIR / "qu" / "LC_MESSAGES" / "django.po", mo_path)
    with mo_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    written = {
        message.id if not message.pluralizable else message.id[0]
        for message in catalog("qu")
        if message.id and all(strings(message))
    }
    keys = {
        key[0] if isinstance(key, tuple) else key for key in compiled._catalog if key
    }
    keys = {key.split("\x04")[-1].split("\x04")[-1] for key in keys}
    assert keys == written


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_string_is_fuzzy(code):
    messages = [message for message in catalog(code) if message.id]
    fuzzy = [message_key(m) for m in messages if m.fuzzy]
    assert fuzzy == []
    assert "fuzzy" not in (LOCALE_DIR / code / "LC_MESSAGES" / "django.po").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_placeholders_survive_translation(code):
    problems = [
        (message_key(message), [str(error) for error in errors])
        for message, errors in catalog(code).check()
        if errors
    ]
    assert problems == []


REVIEW_ROWS = parse_review_rows((LOCALE_DIR / "REVIEW.md").read_text(encoding="utf-8"))


SOURCE_IDS = {
    cells[0]
    for cells in (
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in (LOCALE_DIR / "REVIEW.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("|")
    )
    if len(cells) == 2 and cells[0] not in ("id", "---")
}


def test_the_review_file_names_its_sources():
    assert {"K1", "K2", "S1"} <= SOURCE_IDS


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_no_string_is_the_spanish_one(code):
    """Spanish copied into a Kichwa or Shuar catalog would pass for a
    translation: gettext tools would count it done, and pages would not mark
    it as Spanish."""
    spanish = {message_key(m): strings(m) for m in catalog("es") if m.id}
    copies = [
        message_key(message)
        for message in catalog(code)
        if message.id
        and any(
            text and text in spanish[message_key(message)] for text in strings(message)
        )
    ]
    assert copies == []


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_every_translation_is_listed_with_its_source(code):
    rows = {row.msgid: row for row in REVIEW_ROWS if row.language == code}
    translated = [
        message_key(message)
        for message in catalog(code)
        if message.id and any(strings(message))
    ]
    assert translated, "the glossary's words are in the catalog"
    unlisted = [msgid for msgid in translated if msgid not in rows]
    assert unlisted == []
    unsourced = [
        msgid
        for msgid in translated
        if not SOURCE_IDS & set(re.findall(r"[A-Z]\d+b?", rows[msgid].reason))
    ]
    assert unsourced == []


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_review_list_matches_the_catalog(code):
    translations = {message_key(m): strings(m)[0] for m in catalog(code) if m.id}
    for row in REVIEW_ROWS:
        if row.language != code:
            continue
        assert row.msgid in translations, row.msgid
        assert row.proposal == translations[row.msgid], row.msgid


def test_the_readme_states_the_real_coverage():
    from knowledge_portal.site.review import catalog_coverage

    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    stated = re.search(
        r"of (\d+)\s+interface strings, (\d+) have a Kichwa word and (\d+) a Shuar one",
        readme,
    )
    assert stated, "README.md no longer states the coverage of the catalogs"
    total, kichwa, shuar = (int(figure) for figure in stated.groups())
    assert catalog_coverage("qu") == (kichwa, total)
    assert catalog_coverage("jiv") == (shuar, total)
