"""Titles carry a translation status: loaded, exported and checked."""

import pytest
from django.conf import settings

from knowledge_portal.entries.entry_types import get_entry_type
from knowledge_portal.entries.scope import EVERYTHING
from knowledge_portal.learning.models import ModulePage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.site.content.loader import load_content
from knowledge_portal.site.content.yaml_io import dump_yaml
from tests import factories

pytestmark = pytest.mark.django_db

AWAITING = {"status": "awaiting-translation"}


def versions(slug, model=PlantProfilePage):
    return {
        page.locale.language_code: page
        for page in model.objects.filter(slug=slug).select_related("locale")
    }


def load(directory, data, folder="plants"):
    factories.write_entry(directory, data, folder=folder)
    return load_content(directory)


def test_a_title_awaiting_translation_is_the_spanish_one_with_its_status(
    seeded, tmp_path
):
    report = load(
        tmp_path, factories.plant("testia-prima", title=factories.titles("Testia"))
    )
    assert not report.errors

    pages = versions("testia-prima")
    assert {code: page.title for code, page in pages.items()} == {
        "es": "Testia",
        "qu": "Testia",
        "jiv": "Testia",
    }
    for code in ("qu", "jiv"):
        assert pages[code].translation_status["title"] == AWAITING
        assert pages[code].translation_gaps()[0][1] == "awaiting-translation"
    assert "title" not in pages["es"].translation_status


def test_a_sourced_title_keeps_no_status_and_others_keep_text_and_source(
    seeded, tmp_path
):
    titles = {
        "es": "Testia",
        "qu": {"status": "awaiting-review", "text": "Testia yura"},
        "jiv": {
            "status": "community-reviewed",
            "text": "Testia nupa",
            "source": "test-source",
        },
    }
    assert not load(tmp_path, factories.plant("testia-secunda", title=titles)).errors
    pages = versions("testia-secunda")
    assert pages["qu"].title == "Testia yura"
    assert pages["qu"].translation_status["title"] == {"status": "awaiting-review"}
    assert pages["jiv"].title == "Testia nupa"
    assert pages["jiv"].translation_status["title"] == {
        "status": "community-reviewed",
        "source": "test-source",
    }

    sourced = factories.titles("Testia", qu="Yura", jiv="Nupa")
    assert not load(tmp_path, factories.plant("testia-secunda", title=sourced)).errors
    pages = versions("testia-secunda")
    assert (pages["qu"].title, pages["jiv"].title) == ("Yura", "Nupa")
    assert "title" not in pages["qu"].translation_status
    assert "title" not in pages["jiv"].translation_status


@pytest.mark.parametrize(
    "titles",
    [
        factories.titles("Testia"),
        factories.titles("Testia", qu="Yura"),
        {
            "es": "Testia",
            "qu": {"status": "sourced", "text": "Yura", "source": "test-source"},
            "jiv": {"status": "awaiting-review", "text": "Nupa"},
        },
    ],
    ids=["awaiting", "sourced", "with-status-and-source"],
)
def test_export_writes_the_title_back_as_the_file_said(seeded, tmp_path, titles):
    data = factories.plant("testia-tertia", title=titles)
    path = factories.write_entry(tmp_path, data)
    assert not load_content(tmp_path).errors

    entry_type = get_entry_type("plant")
    exported = entry_type.serialize(entry_type.find_pages("testia-tertia"), EVERYTHING)
    assert exported["title"] == titles
    assert dump_yaml(exported) == path.read_text(encoding="utf-8")
    assert load_content(tmp_path).counts["unchanged"] == 1


def test_course_modules_and_site_sections_carry_the_status(seeded, tmp_path):
    factories.write_learning(tmp_path)
    assert not load_content(tmp_path).errors
    module = versions("modulo-uno", ModulePage)["qu"]
    assert (module.title, module.translation_status["title"]) == ("Módulo", AWAITING)

    entry_type = get_entry_type("course")
    exported = entry_type.serialize(entry_type.find_pages("curso-prueba"), EVERYTHING)
    assert exported["title"] == factories.titles("Curso")
    assert exported["modules"][0]["title"] == factories.titles("Módulo")

    # content/site.yaml: home titles are sourced, section titles await.
    site = get_entry_type("site")
    exported = site.serialize(site.find_pages("site"), EVERYTHING)
    assert exported["home"]["title"] == {
        "es": "Portal de la chakra",
        "qu": "Chakra",
        "jiv": "Aja",
    }
    assert exported["sections"][0]["title"] == factories.titles("Plantas")


@pytest.mark.parametrize(
    ("qu", "words"),
    [
        ({"status": "sourced"}, "'text' is a required property"),
        ({"status": "sourced", "text": "Yura"}, "'source' is a required property"),
        ({"status": "community-reviewed"}, "'text' is a required property"),
        ({"status": "awaiting-translation", "text": "Yura"}, "should not be valid"),
        ({"status": "translated", "text": "Yura"}, "'translated' is not one of"),
        ("", "should be non-empty"),
        ("y" * 256, "is too long"),
    ],
    ids=[
        "sourced-without-text",
        "sourced-object-without-source",
        "reviewed-without-text",
        "awaiting-with-text",
        "unknown-status",
        "empty",
        "too-long",
    ],
)
def test_a_bad_title_is_reported_with_its_line_and_imports_nothing(
    seeded, tmp_path, qu, words
):
    data = factories.plant(
        "testia-mala", title={"es": "Testia", "qu": qu, "jiv": "Nupa"}
    )
    report = load(tmp_path, data)
    assert len(report.errors) == 1
    message = str(report.errors[0])
    assert "testia-mala.yaml:" in message
    assert "title/qu" in message
    assert words in message
    assert not PlantProfilePage.objects.filter(slug="testia-mala").exists()


def test_spanish_is_always_the_title_itself(seeded, tmp_path):
    data = factories.plant(
        "testia-mala", title={"es": AWAITING, "qu": "Yura", "jiv": "Nupa"}
    )
    report = load(tmp_path, data)
    assert "title/es" in str(report.errors[0])
    assert not PlantProfilePage.objects.filter(slug="testia-mala").exists()


def test_a_title_citing_a_source_the_entry_does_not_list_is_an_error(seeded, tmp_path):
    titles = factories.titles("Testia", qu="Yura")
    titles["jiv"] = {"status": "sourced", "text": "Nupa", "source": "nowhere"}
    report = load(tmp_path, factories.plant("testia-mala", title=titles))
    assert "source 'nowhere' is not listed under sources" in str(report.errors[0])
    assert not PlantProfilePage.objects.filter(slug="testia-mala").exists()


def test_loading_the_status_over_an_old_copy_updates_it_unless_edited_on_the_site(
    seeded, tmp_path
):
    # A site set up before titles had a status: the Spanish title copied.
    copies = {"es": "Testia", "qu": "Testia", "jiv": "Testia"}
    for slug in ("testia-vetus", "testia-mutata"):
        assert not load(tmp_path, factories.plant(slug, title=copies)).errors
    edited = versions("testia-mutata")["es"]
    edited.summary = "Corregido en el sitio."
    edited.save_revision().publish()

    for slug in ("testia-vetus", "testia-mutata"):
        factories.write_entry(
            tmp_path, factories.plant(slug, title=factories.titles("Testia"))
        )
    report = load_content(tmp_path)
    assert (report.counts["updated"], report.counts["kept"]) == (1, 1)
    assert versions("testia-vetus")["qu"].translation_status["title"] == AWAITING
    # The edit is kept, and with it the title as it was (shown unmarked).
    kept = versions("testia-mutata")
    assert kept["es"].summary == "Corregido en el sitio."
    assert "title" not in kept["qu"].translation_status


def test_content_titles_copied_from_spanish_await_translation():
    """No Kichwa or Shuar title in content/ is a copy of the Spanish one."""
    import yaml

    def titles_in(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "title" and isinstance(item, dict) and "es" in item:
                    yield item
                else:
                    yield from titles_in(item)
        elif isinstance(value, list):
            for item in value:
                yield from titles_in(item)

    copies = []
    for path in settings.CONTENT_DIR.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for titles in titles_in(data):
            copies += [
                (path.name, code)
                for code in ("qu", "jiv")
                if titles[code] == titles["es"]
            ]
    assert copies == []
