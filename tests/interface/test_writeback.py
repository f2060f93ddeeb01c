"""`manage.py write_interface_strings` writes the strings of the portal into
the catalogs and locale/REVIEW.md, which then pass the catalogs' own rules."""

import difflib
import io
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from knowledge_portal.interface import services
from knowledge_portal.interface.catalog import language_catalog
from tests.core import test_translations as rules

from .test_overlay import PLURAL, write

LOCALE = settings.LOCALE_PATHS[0]


@pytest.fixture
def locale_copy(tmp_path):
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy, ignore=shutil.ignore_patterns("*.mo"))
    return copy


def run(locale_dir, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "write_interface_strings",
        "--locale-dir",
        str(locale_dir),
        *args,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def changed_lines(before, after):
    return [
        line
        for line in difflib.unified_diff(
            before.splitlines(), after.splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def check_the_catalog_rules(locale_dir, monkeypatch):
    """The rules of tests/core/test_translations.py, on the written copy."""
    review = (locale_dir / "REVIEW.md").read_text(encoding="utf-8")
    monkeypatch.setattr(rules, "LOCALE_DIR", locale_dir)
    monkeypatch.setattr(rules, "REVIEW_ROWS", rules.parse_review_rows(review))
    monkeypatch.setattr(
        rules,
        "SOURCE_IDS",
        {
            cells[0]
            for cells in (
                [cell.strip() for cell in line.strip().strip("|").split("|")]
                for line in review.splitlines()
                if line.startswith("|")
            )
            if len(cells) == 2 and cells[0] not in ("id", "---")
        },
    )
    rules.test_every_string_is_translated_into_spanish()
    rules.test_the_review_file_names_its_sources()
    for code in rules.LANGUAGES:
        rules.test_no_string_is_fuzzy(code)
        rules.test_placeholders_survive_translation(code)
    for code in ("qu", "jiv"):
        rules.test_no_string_is_the_spanish_one(code)
        rules.test_every_translation_is_listed_with_its_source(code)
        rules.test_review_list_matches_the_catalog(code)


def test_nothing_written_here_leaves_the_files_as_they_are(seeded, locale_copy):
    run(locale_copy)
    for path in LOCALE.rglob("*.po"):
        assert (
            locale_copy / path.relative_to(LOCALE)
        ).read_bytes() == path.read_bytes()
    assert (locale_copy / "REVIEW.md").read_bytes() == (
        LOCALE / "REVIEW.md"
    ).read_bytes()


def test_written_strings_go_into_the_catalogs_with_their_source(
    seeded, locale_copy, rosa, ana, killa, nantu, kallari, monkeypatch
):
    write(rosa, "qu", "Join a class", "XQ join-a-class")
    write(nantu, "jiv", PLURAL, "XS one %(counter)s", "XS many %(counter)s")
    # A proposal of the files, reviewed and confirmed in the portal.
    search = language_catalog("qu").get("Search")
    services.mark_reviewed(ana, "qu", search, f"name-{kallari.pk}")
    services.confirm(killa, "qu", search, f"community-{kallari.pk}")

    out, err = run(locale_copy)
    assert "qu: 2 strings written" in out
    assert "jiv: 1 strings written" in out
    assert err == ""

    qu = (locale_copy / "qu/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    original = (LOCALE / "qu/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    # Only the new text changed: the file keeps its order and format.
    assert changed_lines(original, qu) == [
        '-msgstr ""',
        '+msgstr "XQ join-a-class"',
    ]
    jiv = (locale_copy / "jiv/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert 'msgstr[0] "XS one %(counter)s"\nmsgstr[1] "XS many %(counter)s"' in jiv

    review = (locale_copy / "REVIEW.md").read_text(encoding="utf-8")
    today = timezone.localdate().isoformat()
    assert (
        f"| qu | Join a class | XQ join-a-class | W1: written by Rosa (Kallari Prueba) "
        f"in the portal, {today}; awaiting review |"
    ) in review
    assert (
        '| qu | Search | Maskana | K2 `search`: "Maskana"; also K3; the infinitive as '
        "MediaWiki labels it; reviewed by Ana (Kallari Prueba) in the portal (W1), "
        f"{today}; confirmed by Kallari Prueba |"
    ) in review
    assert "| jiv | %(counter)s plant | XS one %(counter)s | W1: written by" in review
    # In the order the file keeps: jiv then qu, by the English string.
    rows = rules.parse_review_rows(review)
    keys = [(row.language, row.msgid.casefold()) for row in rows]
    assert keys == sorted(keys)
    check_the_catalog_rules(locale_copy, monkeypatch)

    # Writing again changes nothing.
    before = {p: p.read_bytes() for p in locale_copy.rglob("*") if p.is_file()}
    run(locale_copy)
    assert {p: p.read_bytes() for p in locale_copy.rglob("*") if p.is_file()} == before
