"""Search reads the query in every language and each text in its own: Spanish
gets Spanish stemming, on /es/ and on the Spanish text a Kichwa or Shuar
page shows while its own awaits translation; Kichwa text keeps its Kichwa
analysis and is never stemmed as Spanish."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from whoosh import query as wq

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.search import service

from .factories import guide_with_steps, load, plant_saying

pytestmark = pytest.mark.django_db

INFLECTIONS = [
    ("planta", "plantas"),
    ("semilla", "semillas"),
    ("hoja", "hojas"),
    ("cosechar", "cosecha"),
]


def ranked(query, code):
    locale = Locale.objects.get(language_code=code)
    return service.ranked_ids(query, service.searchable_pages(locale, AnonymousUser()))


def result_urls(response):
    document = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in document.select(".result-title a")]


def api_slugs(client, query, code):
    data = client.get(
        "/api/v2/pages/", {"search": query, "locale": code, "limit": 20}
    ).json()
    assert data["meta"]["total_count"] <= 20, "the comparison needs every result"
    return {item["meta"]["slug"] for item in data["items"]}


@pytest.mark.parametrize(("one", "other"), INFLECTIONS)
def test_inflected_spanish_words_find_the_same_pages_on_es(seeded, one, other):
    one_ids, one_fuzzy = ranked(one, "es")
    other_ids, other_fuzzy = ranked(other, "es")
    assert not one_fuzzy and not other_fuzzy  # found by stemming, not as typos
    assert one_ids and set(one_ids) == set(other_ids)


def test_a_plural_finds_a_page_that_says_only_the_singular(client, seeded, tmp_path):
    load(tmp_path, plant_saying("testia-alba", "Da una semilla negra y dura."))
    assert "/es/plantas/testia-alba/" in result_urls(
        client.get("/es/search/", {"q": "semillas negras"})
    )


@pytest.mark.parametrize(("one", "other"), [("semilla", "semillas"), ("hoja", "hojas")])
def test_the_api_finds_the_same_pages_for_both_forms(client, seeded, one, other):
    assert api_slugs(client, one, "es") == api_slugs(client, other, "es")


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_spanish_awaiting_translation_is_found_by_an_inflected_form(
    client, seeded, tmp_path, code
):
    load(tmp_path, plant_saying("testia-alba", "Da una semilla negra y dura."))
    page = PlantProfilePage.objects.get(slug="testia-alba", locale__language_code=code)
    assert page.field_status("summary") == "awaiting-translation"

    ids, fuzzy = ranked("semillas", code)
    assert page.pk in ids and not fuzzy
    assert f"/{code}/plantas/testia-alba/" in result_urls(
        client.get(f"/{code}/search/", {"q": "semillas"})
    )
    assert "testia-alba" in api_slugs(client, "semillas", code)


def test_the_snippet_marks_the_spanish_word_and_says_it_is_spanish(
    client, seeded, tmp_path
):
    load(tmp_path, plant_saying("testia-alba", "Da una semilla negra y dura."))
    document = BeautifulSoup(
        client.get("/qu/search/", {"q": "semillas"}).content, "html.parser"
    )
    item = next(
        li
        for li in document.select(".results li")
        if li.select_one('a[href="/qu/plantas/testia-alba/"]')
    )
    assert [mark.get_text() for mark in item.select("mark")] == ["semilla"]
    # Said in the language it is written in, for screen readers.
    assert item.select_one("mark").find_parent("p")["lang"] == "es"
    # Its Kichwa title awaits translation (tests/factories.py): Spanish too.
    assert item.select_one(".result-title a")["lang"] == "es"


def test_a_guide_step_awaiting_translation_is_searched_as_spanish(
    client, seeded, tmp_path
):
    load(tmp_path, guide_with_steps("guia-prueba", "Riegue las plántulas al alba."))
    guide = Page.objects.get(slug="guia-prueba", locale__language_code="qu")
    ids, fuzzy = ranked("plántula", "qu")
    assert guide.pk in ids and not fuzzy


def test_a_kichwa_name_still_finds_its_plant_on_qu(client, seeded, tmp_path):
    load(tmp_path, plant_saying("testia-alba", "Da una semilla negra y dura."))
    assert result_urls(client.get("/qu/search/", {"q": "lumu"}))[0] == (
        "/qu/plantas/manihot-esculenta/"
    )


def test_kichwa_text_keeps_its_kichwa_reading_on_qu(client, seeded, tmp_path):
    # "wasi" (house) is a sourced glossary word; "huasi" its older spelling.
    load(tmp_path, plant_saying("testia-alba", "Una casa.", kichwa="wasi"))
    assert "/qu/plantas/testia-alba/" in result_urls(
        client.get("/qu/search/", {"q": "huasi"})
    )


def indexed(page, field, term):
    """Whether the index holds ``term`` in ``field`` for ``page``."""
    store = get_search_backend().store
    with store.searching() as searcher:
        hits = searcher.search(wq.Term(f"s__{field}", term), limit=None)
        return f"wagtailcore.page:{page.pk}" in {hit["doc_id"] for hit in hits}


def test_each_text_is_indexed_in_the_language_it_is_written_in(seeded, tmp_path):
    load(
        tmp_path,
        plant_saying("testia-alba", "Hojas anchas.", kichwa="yurakuna"),
        plant_saying("testia-nigra", "Hojas anchas."),
    )
    translated = PlantProfilePage.objects.get(
        slug="testia-alba", locale__language_code="qu"
    )
    waiting = PlantProfilePage.objects.get(
        slug="testia-nigra", locale__language_code="qu"
    )
    # Kichwa text: its Kichwa key, never a Spanish stem.
    assert indexed(translated, "summary", "~yurakuna")
    assert not indexed(translated, "summary", "^yurakun")
    # The Spanish shown in its place: Spanish stems, no Kichwa keys.
    assert indexed(waiting, "summary", "^hoj")
    assert not indexed(waiting, "summary", "~hujas")


def test_the_status_of_a_step_is_not_indexed_as_its_words(seeded, tmp_path):
    load(tmp_path, guide_with_steps("guia-prueba", "Riegue las plántulas al alba."))
    guide = Page.objects.get(slug="guia-prueba", locale__language_code="es")
    assert indexed(guide, "steps", "plantulas")
    # Its status ("sourced", "con fuente") and source key ("test-source").
    for word in ("sourced", "fuente", "test", "source"):
        assert not indexed(guide, "steps", word)
