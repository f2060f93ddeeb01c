"""Plant profile pages and the plant index: calendar, names, A–Z, filters."""

import pytest
from bs4 import BeautifulSoup

from knowledge_portal.core import formatting
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.site.content.loader import load_content
from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("code", ["es", "qu", "jiv"])
def test_guayusa_profile_shows_names_and_calendar_in_each_language(
    client, seeded, code
):
    document = soup(client.get(f"/{code}/plantas/ilex-guayusa/"))
    names = {
        tag.get_text(strip=True) for tag in document.select("#names li > span[lang]")
    }
    assert {"guayusa", "wayusa", "wais"} <= names
    heads = document.select("#calendar svg text.chart-head")
    assert [tag.get_text() for tag in heads] == [
        name.text[0].upper() for name in formatting.month_names(code)
    ]
    harvest_cells = document.select(
        '#calendar svg g[data-series="harvest"] rect.chart-on'
    )
    assert len(harvest_cells) == 12


def test_kichwa_title_is_the_kichwa_name(client, seeded):
    document = soup(client.get("/qu/plantas/ilex-guayusa/"))
    assert document.h1.get_text(strip=True) == "Wayusa"


def test_prose_awaiting_translation_shows_spanish_marked_and_listed(client, seeded):
    document = soup(client.get("/jiv/plantas/ilex-guayusa/"))
    summary = document.select_one("#summary")
    assert summary.select_one(".notice") is None
    assert "Resumen" in document.select_one(".notice-language details").get_text()
    assert (
        summary.select_one('[lang="es"]').get_text(strip=True).startswith("La guayusa")
    )


def test_names_awaiting_review_are_marked(client, seeded):
    document = soup(client.get("/es/plantas/coffea-spp/"))
    marked = [
        item.select_one("span[lang]").get_text(strip=True)
        for item in document.select("#names li")
        if item.select_one(".status")
    ]
    assert "shañu" in marked


def test_companions_show_in_both_directions(client, seeded):
    # Only guayusa's file lists cacao; cacao's page must show guayusa too.
    guayusa = soup(client.get("/es/plantas/ilex-guayusa/"))
    cacao = soup(client.get("/es/plantas/theobroma-cacao/"))
    assert "/es/plantas/theobroma-cacao/" in [
        a["href"] for a in guayusa.select("#chakra a")
    ]
    assert "/es/plantas/ilex-guayusa/" in [a["href"] for a in cacao.select("#chakra a")]


def index_titles(client, url):
    return [
        a.get_text(strip=True) for a in soup(client.get(url)).select(".cards > li > a")
    ]


def test_index_is_alphabetical_in_the_page_language(client, seeded, tmp_path):
    for slug, title in [
        ("alpha-one", "Ñachag"),
        ("alpha-two", "Nuna"),
        ("alpha-three", "Oca"),
    ]:
        factories.write_entry(
            tmp_path,
            factories.plant(slug, title={"es": title, "qu": title, "jiv": title}),
        )
    assert not load_content(tmp_path).errors
    titles = index_titles(client, "/es/plantas/?use=commercial&page=1")
    assert titles.index("Nuna") < titles.index("Ñachag") < titles.index("Oca")


def test_filters_narrow_the_list_and_show_counts(client, seeded):
    document = soup(client.get("/es/plantas/?use=amazonian-fruit"))
    titles = [a.get_text(strip=True) for a in document.select(".cards > li > a")]
    expected = PlantProfilePage.objects.filter(
        locale__language_code="es", uses__category="amazonian-fruit"
    ).count()
    assert len(titles) == expected > 0
    selected = document.select_one('.filters a[aria-current="true"]')
    assert selected.get_text(strip=True).endswith(f"({expected})")
    # Counts of the other filters are counts within the current selection.
    for link in document.select(".filters section:nth-of-type(2) a"):
        count = int(link.get_text(strip=True).rsplit("(", 1)[1].rstrip(")"))
        assert 0 < count <= expected


def test_filter_links_combine_and_work_without_javascript(client, seeded):
    document = soup(client.get("/es/plantas/?use=commercial"))
    layer_link = document.select_one(".filters section:nth-of-type(2) a")["href"]
    assert "use=commercial" in layer_link and "layer=" in layer_link
    combined = soup(client.get(f"/es/plantas/{layer_link}"))
    assert combined.select(".cards > li > a")


def test_unknown_filter_values_are_ignored(client, seeded):
    all_titles = index_titles(client, "/es/plantas/")
    assert index_titles(client, "/es/plantas/?layer=moon&page=abc") == all_titles


def test_index_paginates(client, seeded, tmp_path, saves_leave_the_index_alone):
    for number in range(30):
        factories.write_entry(
            tmp_path, factories.plant(factories.numbered_slug("pagina", number))
        )
    assert not load_content(tmp_path).errors
    first = soup(client.get("/es/plantas/"))
    assert len(first.select(".cards > li")) == 24
    second = soup(client.get("/es/plantas/?page=2"))
    assert second.select(".cards > li")
    assert "page=1" in second.select_one(".pagination a")["href"]


def test_profile_page_queries_stay_constant_as_it_grows(
    client, seeded, tmp_path, django_assert_max_num_queries
):
    def profile(size):
        slug = factories.numbered_slug("crescens", size)
        images = []
        for number in range(size):
            factories.write_image(
                tmp_path, slug, f"p{number}.png", color=(number, size, 9)
            )
            images.append({"file": f"p{number}.png", "credit": "Test"})
        data = factories.plant(
            slug,
            names=[
                {"language": "es", "name": f"n{number}", "status": "sourced"}
                for number in range(size)
            ],
            companions=[
                path.stem for path in list((tmp_path / "plants").glob("*.yaml"))[:size]
            ],
            images=images,
        )
        factories.write_entry(tmp_path, data)
        assert not load_content(tmp_path).errors
        return f"/es/plantas/{slug}/"

    small, large = profile(1), profile(8)
    client.get(small)  # renditions are made on first view
    client.get(large)
    with django_assert_max_num_queries(40) as small_queries:
        soup(client.get(small))
    with django_assert_max_num_queries(len(small_queries)) as large_queries:
        soup(client.get(large))
    assert len(large_queries) == len(small_queries)


def test_gallery_uses_webp_renditions_with_srcset(client, seeded, tmp_path):
    factories.write_image(tmp_path, "imago-una", "leaf.png", width=1200, height=800)
    factories.write_entry(
        tmp_path,
        factories.plant(
            "imago-una",
            images=[
                {
                    "file": "leaf.png",
                    "credit": "A. Tester",
                    "caption": factories.localized("Hoja de prueba."),
                }
            ],
        ),
    )
    assert not load_content(tmp_path).errors
    picture = soup(client.get("/es/plantas/imago-una/")).select_one("#gallery picture")
    img = picture.select_one("img")
    assert img["src"].endswith(".webp")
    # Phones choose between renditions at most 480 px wide, whatever their
    # pixel density; only screens at least 48em wide may take the 960 px one.
    assert [item.split()[1] for item in img["srcset"].split(", ")] == ["360w", "480w"]
    source = picture.select_one("source")
    assert source["media"] == "(min-width: 48em)"
    assert [item.split()[1] for item in source["srcset"].split(", ")] == [
        "480w",
        "960w",
    ]
    assert img["alt"] == "Hoja de prueba."
