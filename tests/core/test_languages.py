"""Kichwa and Shuar are registered with Django and Wagtail in one place."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info

from knowledge_portal.core.languages import SITE_LANGUAGES
from knowledge_portal.site.management.commands.makemessages import set_plural_forms

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])


@pytest.mark.parametrize(
    ("code", "name", "name_local"),
    [
        ("es", "Spanish", "español"),
        ("qu", "Kichwa", "Kichwa"),
        ("jiv", "Shuar", "Shuar chicham"),
    ],
)
def test_get_language_info_knows_each_language(code, name, name_local):
    info = get_language_info(code)
    assert info["name"] == name
    assert info["name_local"] == name_local
    assert info["bidi"] is False


def test_settings_list_the_three_languages():
    codes = ["es", "qu", "jiv"]
    assert [code for code, _name in settings.LANGUAGES] == codes
    assert [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES] == codes


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_language_is_available_because_its_catalog_is_compiled(code):
    # Without a compiled catalog Django would silently serve Spanish.
    assert translation.check_for_language(code)
    assert (LOCALE_DIR / code / "LC_MESSAGES" / "django.mo").exists()
    with translation.override(code):
        assert translation.get_language() == code


@pytest.mark.parametrize("language", SITE_LANGUAGES, ids=lambda language: language.code)
def test_catalogs_have_a_parseable_plural_forms_header(language):
    po_file = LOCALE_DIR / language.code / "LC_MESSAGES" / "django.po"
    header = po_file.read_text(encoding="utf-8")
    assert "nplurals=INTEGER" not in header
    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.plural_forms.startswith("nplurals=")


def test_makemessages_fills_the_plural_forms_placeholder(tmp_path):
    po_file = tmp_path / "django.po"
    po_file.write_text(
        'msgid ""\nmsgstr ""\n"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n',
        encoding="utf-8",
    )
    set_plural_forms(po_file, "nplurals=1; plural=0;")
    text = po_file.read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in text
    assert "INTEGER" not in text


def test_makemessages_adds_a_missing_plural_forms_header(tmp_path):
    po_file = tmp_path / "django.po"
    po_file.write_text(
        'msgid ""\nmsgstr ""\n"Content-Transfer-Encoding: 8bit\\n"\n', encoding="utf-8"
    )
    set_plural_forms(po_file, "nplurals=2; plural=(n != 1);")
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in po_file.read_text()


def test_kichwa_plural_uses_one_form():
    # The compiled catalogs' rule (what a written plural is chosen by); an
    # untranslated plural falls back to Spanish with Spanish's two forms.
    import gettext

    def plural_rule(code):
        path = LOCALE_DIR / code / "LC_MESSAGES" / "django.mo"
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle).plural

    assert [plural_rule("qu")(n) for n in (0, 1, 2, 5)] == [0, 0, 0, 0]
    spanish = plural_rule("es")
    assert spanish(1) == 0 and spanish(5) != 0
    with translation.override("qu"):
        assert (
            translation.ngettext("%(counter)s plant", "%(counter)s plants", 5)
            == "%(counter)s plantas"
        )


@pytest.mark.django_db
def test_wagtail_locales_have_display_names():
    from django.utils import translation
    from wagtail.models import Locale

    with translation.override("en"):
        names = {
            locale.language_code: str(locale.get_display_name())
            for locale in Locale.objects.all()
        }
    assert names["qu"] == "Kichwa"
    assert names["jiv"] == "Shuar"
    # In English; in the admin they follow the editor's language
    # (tests/core/test_admin_language_names.py).
    assert names["es"] == "Spanish"


def test_system_check_reports_a_missing_catalog(monkeypatch):
    from knowledge_portal.core import checks

    monkeypatch.setattr(checks, "all_locale_paths", lambda: [])
    ids = {error.id for error in checks.check_site_languages(None)}
    assert "core.E002" in ids


def test_system_check_passes_on_this_project():
    from knowledge_portal.core import checks

    assert checks.check_site_languages(None) == []
