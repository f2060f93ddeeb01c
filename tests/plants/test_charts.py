"""Pictures on plant pages: the calendar chart and the layers diagram."""

import pytest
from bs4 import BeautifulSoup

from knowledge_portal.core import formatting
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.site.content.loader import load_content
from tests import factories
from tests.core.findable import keep_for_a_community

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def plant_pages(tmp_path, slug, **overrides):
    factories.write_entry(tmp_path, factories.plant(slug, **overrides))
    assert not load_content(tmp_path).errors
    return {
        page.locale.language_code: page
        for page in PlantProfilePage.objects.filter(slug=slug).select_related("locale")
    }


def marked_months(chart, series):
    return [
        int(cell["data-month"])
        for cell in chart.select(f'g[data-series="{series}"] rect.chart-on')
    ]


@pytest.mark.parametrize("code", ["es", "qu", "jiv"])
def test_the_calendar_chart_marks_the_plants_months(client, seeded, tmp_path, code):
    pages = plant_pages(
        tmp_path, "mensis-chartae", planting_months=[9, 1], harvest_months=[6, 7]
    )
    section = soup(client.get(pages[code].url)).select_one("#calendar")
    chart = section.select_one("svg.chart-months")
    assert chart["role"] == "img"
    assert chart["viewbox"].startswith("0 0 360 ")
    assert chart["width"] == "100%"
    # Coordinates are numbers SVG reads, never written the Spanish way (20,7).
    assert all(float(rect["x"]) >= 0 for rect in chart.select("rect[x]"))
    title = chart.select_one(f"#{chart['aria-labelledby']}")
    assert title.name == "title" and title.get_text(strip=True)
    assert marked_months(chart, "planting") == [1, 9]
    assert marked_months(chart, "harvest") == [6, 7]
    # Sowing and harvest differ by more than colour: a dot, a solid cell.
    dots = chart.select('g[data-series="planting"] circle.chart-dot[data-month]')
    assert [int(dot["data-month"]) for dot in dots] == [1, 9]
    assert not chart.select('g[data-series="harvest"] circle[data-month]')
    assert all(
        "chart-solid" in cell["class"]
        for cell in chart.select('g[data-series="harvest"] rect.chart-on')
    )
    # Each column's first letter, in the language its name is written in.
    names = formatting.month_names(code)
    heads = chart.select("text.chart-head")
    assert [head.get_text() for head in heads] == [
        name.text[0].upper() for name in names
    ]
    assert {head.get("lang") for head in heads} <= {None, "es"}
    # No HTML inside the picture: a <span> would end the <svg>.
    assert not chart.select("span")
    # The text alternative names the same months, in words.
    in_words = section.select_one(f"#{chart['aria-describedby']}").select("dd")
    assert in_words[0].decode_contents() == as_html(names, (1, 9))
    assert in_words[1].decode_contents() == as_html(names, (6, 7))


def as_html(names, numbers):
    """Months as the page writes them in words (each part in its language)."""
    html = ", ".join(names[number - 1].__html__() for number in numbers)
    return BeautifulSoup(html, "html.parser").decode_contents()


def test_a_plant_without_months_says_so_instead_of_a_chart(client, seeded, tmp_path):
    pages = plant_pages(tmp_path, "mensis-nullus")
    section = soup(client.get(pages["es"].url)).select_one("#calendar")
    assert section.select_one("svg") is None
    assert "se han registrado" in section.select_one(".no-calendar").get_text()


def test_a_row_without_months_is_said_in_words(client, seeded, tmp_path):
    pages = plant_pages(tmp_path, "mensis-unus", harvest_months=[3])
    section = soup(client.get(pages["es"].url)).select_one("#calendar")
    assert marked_months(section, "planting") == []
    assert marked_months(section, "harvest") == [3]
    planting, harvest = section.select("#calendar-months dd")
    assert planting.get_text() == "sin registrar"
    assert harvest.get_text() == "marzo"


def layers_of(document):
    """Band key -> the plant links the diagram draws in it."""
    return {
        band["data-band"]: [link["href"] for link in band.select("a")]
        for band in document.select("#layers svg g[data-band]")
    }


def test_the_layers_diagram_puts_each_plant_in_its_layer(client, seeded, tmp_path):
    pages = plant_pages(tmp_path, "stratum-altum", layer="emergent")
    document = soup(client.get("/es/plantas/"))
    layers = layers_of(document)
    assert pages["es"].url in layers["emergent"]
    guayusa = PlantProfilePage.objects.get(
        slug="ilex-guayusa", locale__language_code="es"
    )
    assert guayusa.url in layers["understory"]
    # From the top of the chakra down; climbers last.
    order = list(layers)
    assert (order[0], order[-1]) == ("emergent", "climber")
    labels = [text.get_text() for text in document.select("#layers svg .chart-label")]
    assert labels[0] == "Árboles emergentes"
    # The same plants as a list of links.
    listed = [a["href"] for a in document.select("#layers-list a")]
    assert sorted(listed) == sorted(href for hrefs in layers.values() for href in hrefs)
    # A chip is a target a finger can hit.
    assert all(
        float(rect["height"]) >= 40 for rect in document.select("#layers a rect")
    )


@pytest.mark.parametrize("code", ["qu", "jiv"])
def test_the_layers_diagram_follows_the_page_language(client, seeded, code):
    document = soup(client.get(f"/{code}/"))
    index = document.find("a", href=f"/{code}/plantas/")
    document = soup(client.get(index["href"] if index else f"/{code}/plantas/"))
    chart = document.select_one("#layers svg")
    assert chart is not None
    guayusa = PlantProfilePage.objects.get(
        slug="ilex-guayusa", locale__language_code=code
    )
    chip = chart.find("a", href=guayusa.url)
    assert chip.select_one("text").get_text() == guayusa.title
    # Labels not yet in the language are the Spanish ones, marked as such,
    # and capitalised as in Spanish.
    for label in chart.select(".chart-label"):
        assert label.get("lang") in (None, "es")
        assert label.get_text()[0].isupper()
    assert chart.find("text", string="Arbustos")["lang"] == "es"
    listed = document.select_one("#layers-list").find("dt", string="Arbustos")
    assert listed["lang"] == "es"
    assert not chart.select("span")


def test_the_layers_diagram_shows_only_plants_the_visitor_may_see(
    client, seeded, tmp_path, django_user_model, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    canary = plant_pages(tmp_path, "arcanum-stratum", layer="emergent")["es"]
    canary.title = "Canario secreto"
    canary.save()
    member, outsider = keep_for_a_community(canary, django_user_model)

    guayusa = PlantProfilePage.objects.get(
        slug="ilex-guayusa", locale__language_code="es"
    )

    def diagrams():
        # The plant index, and a plant's own page (where it stands).
        for url in ("/es/plantas/", guayusa.url):
            diagram = soup(client.get(url)).select_one("#layers")
            assert diagram is not None, url
            yield diagram

    # Signed in, the member sees it (a page never stored for others).
    client.force_login(member)
    for shown in diagrams():
        assert canary.url in [a["href"] for a in shown.select("a")]
        assert "Canario secreto" in shown.get_text()
    client.logout()
    for viewer in (None, outsider):
        if viewer:
            client.force_login(viewer)
        for hidden in diagrams():
            assert guayusa.url in str(hidden)
            assert canary.url not in str(hidden)
            assert "Canario secreto" not in str(hidden)
        client.logout()


def test_a_crowded_layer_draws_some_plants_and_links_to_the_rest(
    client, seeded, tmp_path, saves_leave_the_index_alone
):
    from knowledge_portal.plants.layers import INDEX_PER_LAYER

    for number in range(INDEX_PER_LAYER + 2):
        factories.write_entry(
            tmp_path,
            factories.plant(factories.numbered_slug("turba", number), layer="emergent"),
        )
    assert not load_content(tmp_path).errors
    document = soup(client.get("/es/plantas/?use=commercial"))
    band = document.select_one('#layers svg g[data-band="emergent"]')
    links = [link["href"] for link in band.select("a")]
    assert len(links) == INDEX_PER_LAYER + 1
    # The last chip leads to the index filtered by that layer, filters kept.
    assert links[-1] == "?use=commercial&layer=emergent"
    assert band.select("a text")[-1].get_text() == "2 más"
    listed = document.select_one("#layers-list").find("a", string="2 más")
    assert listed["href"] == links[-1]


def test_the_index_queries_stay_constant_as_layers_fill(
    client, seeded, tmp_path, django_assert_max_num_queries, saves_leave_the_index_alone
):
    with django_assert_max_num_queries(60) as few:
        assert client.get("/es/plantas/").status_code == 200
    for number in range(20):
        factories.write_entry(
            tmp_path,
            factories.plant(factories.numbered_slug("multa", number), layer="herb"),
        )
    assert not load_content(tmp_path).errors
    with django_assert_max_num_queries(len(few)):
        document = soup(client.get("/es/plantas/"))
    assert document.select('#layers svg g[data-band="herb"] a')
