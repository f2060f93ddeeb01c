"""Pages name months in Kichwa and Shuar where a source gives the name, as a
proposal with the Spanish month beside it; Spanish pages only in Spanish."""

import pytest
from bs4 import BeautifulSoup

from knowledge_portal.core import interface_review
from knowledge_portal.site.content.loader import load_content
from tests import factories
from tests.core.findable import plant_in_three_languages

pytestmark = pytest.mark.django_db


def calendar(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("#calendar")


def test_a_kichwa_plant_page_shows_kichwa_months_with_the_spanish_beside(
    client, seeded, tmp_path
):
    pages = plant_in_three_languages(
        tmp_path, planting_months=[1, 9], harvest_months=[9]
    )
    table = calendar(client, pages["qu"])
    # The chart's columns show the first letter of the Kichwa name.
    september = table.select("svg text.chart-head")[8]
    assert september.get_text() == "K"
    assert not september.has_attr("lang")
    assert "Setiembre" not in str(table)
    # In words too, where a phone shows only first letters.
    in_words = table.select_one(".calendar-months dd")
    assert in_words.decode_contents() == (
        '<span lang="qu">Kamay</span> (<span lang="es">enero</span>), '
        '<span lang="qu">Kuya</span> (<span lang="es">septiembre</span>)'
    )


def test_a_shuar_plant_page_shows_the_dictionary_months(client, seeded, tmp_path):
    pages = plant_in_three_languages(tmp_path, harvest_months=[8])
    harvest = calendar(client, pages["jiv"]).select(".calendar-months dd")[1]
    assert str(harvest.select_one('span[lang="jiv"]')) == (
        '<span lang="jiv">ayumpum nantu</span>'
    )
    assert harvest.select_one('span[lang="es"]').get_text() == "agosto"


def test_a_spanish_plant_page_shows_only_spanish_months(client, seeded, tmp_path):
    pages = plant_in_three_languages(tmp_path, planting_months=[1, 9])
    table = calendar(client, pages["es"])
    heads = [text.get_text() for text in table.select("svg text.chart-head")]
    assert heads[:3] == ["E", "F", "M"]
    assert not table.select("[lang]")
    assert "Kamay" not in str(table)
    assert table.select_one(".calendar-months dd").get_text() == "enero, septiembre"


def test_confirmed_kichwa_months_lose_the_spanish(
    client, seeded, tmp_path, monkeypatch
):
    pending = interface_review._awaiting_review() - {("qu", "January")}
    monkeypatch.setattr(interface_review, "_awaiting_review", lambda: pending)
    pages = plant_in_three_languages(tmp_path, planting_months=[1, 2])
    planted = calendar(client, pages["qu"]).select_one(".calendar-months dd")
    assert planted.decode_contents() == (
        'Kamay, <span lang="qu">Panchiy</span> (<span lang="es">febrero</span>)'
    )


def test_a_guide_names_its_best_months_in_the_page_language(client, seeded, tmp_path):
    factories.write_entry(
        tmp_path, factories.guide("guia-meses", best_months=[9, 1]), folder="guides"
    )
    assert not load_content(tmp_path).errors
    from knowledge_portal.guides.models import GuidePage

    guides = {
        page.locale.language_code: page
        for page in GuidePage.objects.filter(slug="guia-meses")
    }

    def best_months(code):
        response = client.get(guides[code].url)
        document = BeautifulSoup(response.content, "html.parser")
        term = document.find(
            lambda tag: tag.name == "dt" and "meses" in tag.get_text().lower()
        )
        return term.find_next_sibling("dd")

    assert best_months("es").decode_contents() == "enero, septiembre"
    assert best_months("qu").decode_contents() == (
        '<span lang="qu">Kamay</span> (<span lang="es">enero</span>), '
        '<span lang="qu">Kuya</span> (<span lang="es">septiembre</span>)'
    )
