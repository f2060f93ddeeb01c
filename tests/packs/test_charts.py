"""Pictures in packs: each plant page's calendar chart, and the layers
diagram of the pack's plants on its contents pages, in the pack's languages."""

import json
import posixpath

import pytest
from bs4 import BeautifulSoup

from knowledge_portal.plants.models import PlantProfilePage

from . import material
from .checks import outside_links, read_pack
from .test_protocols import canary_pages  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def page(files, name):
    return BeautifulSoup(files[name].decode(), "html.parser")


def layer_links(document, name):
    """Pack path of each plant the layers diagram links to, from ``name``."""
    return {
        posixpath.normpath(posixpath.join(posixpath.dirname(name), link["href"]))
        for link in document.select("#layers svg a")
    }


def test_a_pack_draws_calendars_and_layers_in_its_languages(export_pack, seeded):
    lessons, guides = material.class_pages()
    files = read_pack(export_pack([*lessons, *guides], languages=("qu", "es")))
    assert outside_links(files) == []
    manifest = json.loads(files["manifest.json"])
    plants = [item for item in manifest["items"] if item["kind"] == "plant"]
    assert plants
    charted = 0
    for item in plants:
        for code, entry in item["pages"].items():
            profile = PlantProfilePage.objects.get(
                translation_key=item["key"], locale__language_code=code
            )
            section = page(files, entry["path"]).select_one("#calendar")
            chart = section.select_one("svg.chart-months")
            if not (profile.planting_months or profile.harvest_months):
                assert chart is None and section.select_one(".no-calendar")
                continue
            charted += 1
            for series, months in (
                ("planting", profile.planting_months),
                ("harvest", profile.harvest_months),
            ):
                marked = [
                    int(cell["data-month"])
                    for cell in chart.select(f'g[data-series="{series}"] .chart-on')
                ]
                assert marked == sorted(months)
            assert section.select_one("#calendar-months dd")
            # Its page draws the pack's layers: the pack's plants, no other.
            assert layer_links(page(files, entry["path"]), entry["path"]) == {
                other["pages"][code]["path"] for other in plants
            }
    assert charted
    for code, contents in (("qu", "qu/index.html"), ("es", "es/index.html")):
        document = page(files, contents)
        linked = layer_links(document, contents)
        expected = {item["pages"][code]["path"] for item in plants}
        assert linked == expected
        # Plant names in the pack's language (Spanish marked where it awaits one).
        for item in plants:
            title = item["pages"][code]["title"]
            assert title in document.select_one("#layers svg").get_text()
        # The same links as a list.
        listed = {
            posixpath.normpath(posixpath.join(code, link["href"]))
            for link in document.select("#layers-list a")
        }
        assert listed == expected
    # The first page (the pack's first language) has them too.
    assert layer_links(page(files, "index.html"), "index.html") == {
        item["pages"]["qu"]["path"] for item in plants
    }


def test_the_layers_diagram_holds_the_canary_only_for_its_community(
    export_pack,
    canary_pages,  # noqa: F811 (the fixture)
    restricted_site,
):
    member = restricted_site["member"].username
    for username, present in ((member, True), (None, False)):
        files = read_pack(
            export_pack(
                canary_pages,
                languages=("es",),
                username=username,
                name=f"{username}.zip",
            )
        )
        diagram = page(files, "es/index.html").select_one("#layers")
        assert diagram is not None
        secret = any("canaria-secreta" in link["href"] for link in diagram.select("a"))
        assert secret is present
