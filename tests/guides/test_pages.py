"""Guide pages: steps, print view, links with plant profiles, query counts."""

import pytest
from bs4 import BeautifulSoup

from knowledge_portal.site.content.loader import load_content
from tests import factories

pytestmark = pytest.mark.django_db


def load(tmp_path, *guides):
    for item in guides:
        factories.write_entry(tmp_path, item, folder="guides")
    report = load_content(tmp_path)
    assert not report.errors, report.errors


def test_guide_shows_numbered_steps_materials_and_months(client, seeded, tmp_path):
    load(
        tmp_path,
        factories.guide(
            "injerto-prueba", best_months=[3, 4], plants=["theobroma-cacao"]
        ),
    )
    document = BeautifulSoup(
        client.get("/es/guias/injerto-prueba/").content, "html.parser"
    )
    assert len(document.select("ol.steps li.step")) == 3
    assert document.select_one("ol.steps li.note-warning")
    assert [li.get_text() for li in document.select("#materials li")] == [
        "Cuchillo",
        "Cinta",
    ]
    assert "marzo, abril" in document.select_one("dl.facts").get_text()


def test_plant_profile_links_back_to_its_guides(client, seeded, tmp_path):
    load(tmp_path, factories.guide("injerto-prueba", plants=["theobroma-cacao"]))
    for code in ("es", "qu", "jiv"):
        document = BeautifulSoup(
            client.get(f"/{code}/plantas/theobroma-cacao/").content, "html.parser"
        )
        assert f"/{code}/guias/injerto-prueba/" in [
            a["href"] for a in document.select("#chakra a")
        ]


def test_print_view_is_a_compact_page_with_print_css(client, seeded, tmp_path):
    load(tmp_path, factories.guide("injerto-prueba"))
    response = client.get("/es/guias/injerto-prueba/print/")
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one('link[href$="print.css"]')
    assert not document.select("nav")
    assert len(document.select("ol.steps li.step")) == 3


def test_guide_queries_stay_constant_as_it_grows(
    client, seeded, tmp_path, django_assert_max_num_queries
):
    def with_images(slug, count):
        steps = []
        for number in range(count):
            factories.write_image(
                tmp_path, slug, f"s{number}.png", section="guides", color=(number, 3, 9)
            )
            steps.append(
                {
                    "kind": "step",
                    "image": f"s{number}.png",
                    "text": factories.localized(f"Paso {number}."),
                }
            )
        return factories.guide(slug, plants=["theobroma-cacao"], steps=steps)

    for item in (with_images("guia-corta", 1), with_images("guia-larga", 6)):
        factories.write_entry(tmp_path, item, folder="guides")
    assert not load_content(tmp_path).errors
    client.get("/es/guias/guia-corta/")
    client.get("/es/guias/guia-larga/")
    with django_assert_max_num_queries(40) as few:
        client.get("/es/guias/guia-corta/")
    with django_assert_max_num_queries(len(few)) as many:
        client.get("/es/guias/guia-larga/")
    assert len(many) == len(few)
