"""Every UI string is translated in es, qu and jiv, and proposals are listed.

A Kichwa or Shuar string that is not sourced is still written (a proposal, or
the Spanish wording until the community translates it) and listed in
locale/REVIEW.md, which makes pages in that language carry a review notice.
"""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from knowledge_portal.core.review import parse_review_rows

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ["es", "qu", "jiv"]


def catalog(code):
    with (LOCALE_DIR / code / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=None)


def strings(message):
    return list(message.string) if message.pluralizable else [message.string]


def message_key(message):
    return message.id[0] if message.pluralizable else message.id


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(code):
    messages = [message for message in catalog(code) if message.id]
    assert messages, "the catalog is empty"
    untranslated = [message_key(m) for m in messages if not all(strings(m))]
    fuzzy = [message_key(m) for m in messages if m.fuzzy]
    assert untranslated == []
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


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_unsourced_strings_are_listed_for_review(code):
    spanish = {message_key(m): strings(m) for m in catalog("es") if m.id}
    listed = {row.msgid for row in REVIEW_ROWS if row.language == code}
    same_as_spanish = [
        message_key(message)
        for message in catalog(code)
        if message.id and strings(message)[0] == spanish[message_key(message)][0]
    ]
    assert [msgid for msgid in same_as_spanish if msgid not in listed] == []


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_review_list_matches_the_catalog(code):
    translations = {message_key(m): strings(m)[0] for m in catalog(code) if m.id}
    for row in REVIEW_ROWS:
        if row.language != code:
            continue
        assert row.msgid in translations, row.msgid
        assert row.proposal == translations[row.msgid], row.msgid
