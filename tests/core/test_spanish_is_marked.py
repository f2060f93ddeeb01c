"""On a Kichwa or Shuar page every Spanish fragment says so (lang="es"), and
one notice, not one per field, says what awaits translation.

The pages are parsed as a screen reader would read them: each text and each
attribute a person hears takes the language of its nearest ``lang``. A text
of the Spanish version of the same page, or a Spanish interface string, that
is heard in another language is a failure.
"""

import re

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, NavigableString
from django.conf import settings

from knowledge_portal.core.languages import SITE_LANGUAGES
from knowledge_portal.site.content.loader import load_content
from tests import factories

pytestmark = pytest.mark.django_db

HEARD_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt", "value")
KICHWA_SUMMARY = "Kay yuraka chakrapi wiñan."  # a sourced Kichwa text (factory)


def spanish_interface_strings():
    path = settings.LOCALE_PATHS[0] / "es" / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        strings = set()
        for message in read_po(handle):
            if message.id:
                values = message.string if message.pluralizable else [message.string]
                strings.update(value for value in values if "%(" not in value)
    return strings


def language_of(node, page_language):
    element = node if not isinstance(node, NavigableString) else node.parent
    while element is not None and element.name != "[document]":
        if element.has_attr("lang"):
            return element["lang"]
        element = element.parent
    return page_language


def heard(html, page_language):
    """(text, language) of every text and announced attribute, outside
    scripts and styles."""
    document = BeautifulSoup(html, "html.parser")
    for node in document.find_all(string=True):
        if node.parent.name in ("script", "style", "[document]"):
            continue
        if isinstance(node, NavigableString) and type(node) is not NavigableString:
            continue  # comments, doctype
        text = " ".join(node.split())
        if text:
            yield text, language_of(node, page_language), "text"
    for element in document.find_all(True):
        if element.name == "input" and element.get("type") == "hidden":
            continue
        for name in HEARD_ATTRIBUTES:
            value = element.get(name)
            if isinstance(value, str) and value.strip():
                yield " ".join(value.split()), language_of(element, page_language), name


LANGUAGE_NAMES = {language.name_local for language in SITE_LANGUAGES}


def neutral(text):
    """Numbers, punctuation, addresses and names (of the site, of its
    languages, each with its own lang) are in no language."""
    return (
        not re.search(r"[^\W\d_]", text)
        or "://" in text
        or text in LANGUAGE_NAMES
        or text == settings.WAGTAIL_SITE_NAME
    )


@pytest.fixture
def linked_entries(seeded, tmp_path):
    plant = factories.plant("theobroma-prueba")
    plant["text"]["summary"] = factories.localized(
        "Resumen de la planta de prueba.", qu=KICHWA_SUMMARY
    )
    plant["text"]["description"] = factories.localized("Una descripción larga.")
    guide = factories.guide("injerto-marcado", plants=["theobroma-prueba"])
    lesson = factories.lesson(
        "leccion-marcada", plants=["theobroma-prueba"], guides=["injerto-marcado"]
    )
    factories.write_entry(tmp_path, plant)
    factories.write_learning(tmp_path, lessons=[lesson], guides=[guide])
    report = load_content(tmp_path)
    assert not report.errors, report.errors
    return {
        "plant": "plantas/theobroma-prueba/",
        "guide": "guias/injerto-marcado/",
        "lesson": "aprendizaje/curso-prueba/modulo-uno/leccion-marcada/",
    }


@pytest.mark.parametrize("kind", ["plant", "guide", "lesson"])
@pytest.mark.parametrize("language", ["qu", "jiv"])
def test_every_spanish_fragment_is_marked(client, linked_entries, kind, language):
    path = linked_entries[kind]
    spanish_page = client.get(f"/es/{path}")
    page = client.get(f"/{language}/{path}")
    assert spanish_page.status_code == page.status_code == 200
    spanish = {
        text
        for text, lang, _ in heard(spanish_page.content.decode(), "es")
        if lang == "es" and not neutral(text)
    } | {text for text in spanish_interface_strings() if not neutral(text)}
    unmarked = sorted(
        {
            (where, text)
            for text, lang, where in heard(page.content.decode(), language)
            if text in spanish and lang != "es"
        }
    )
    assert unmarked == []


@pytest.mark.parametrize("kind", ["plant", "guide", "lesson"])
def test_one_notice_lists_what_awaits(client, linked_entries, kind):
    document = BeautifulSoup(
        client.get(f"/qu/{linked_entries[kind]}").content, "html.parser"
    )
    assert len(document.select(".notice-language")) == 1
    # No other notice about translation on the page.
    assert not [
        notice
        for notice in document.select(".notice")
        if "traducción" in notice.get_text()
        and "notice-language" not in notice["class"]
    ]
    listed = document.select_one(".notice-language details").get_text()
    expected = {"plant": "Descripción", "guide": "(3)", "lesson": "Pregunta (2)"}
    assert expected[kind] in listed


def test_kichwa_text_is_heard_in_kichwa(client, linked_entries):
    html = client.get(f"/qu/{linked_entries['plant']}").content.decode()
    assert (KICHWA_SUMMARY, "qu", "text") in set(heard(html, "qu"))
    listed = BeautifulSoup(html, "html.parser").select_one(".notice-language details")
    assert "Resumen" not in listed.get_text()
