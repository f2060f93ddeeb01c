"""The search page, the API search and autocomplete on the seed content."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def result_urls(response):
    document = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in document.select(".result-title a")]


@pytest.mark.parametrize("code", ["es", "qu", "jiv"])
@pytest.mark.parametrize("query", ["guayusa", "wayusa", "Ilex guayusa"])
def test_guayusa_comes_first_in_every_language(client, seeded, code, query):
    response = client.get(f"/{code}/search/", {"q": query})
    assert response.status_code == 200
    assert result_urls(response)[0] == f"/{code}/plantas/ilex-guayusa/"


@pytest.mark.parametrize("query", ["guayusa", "wayusa", "Ilex guayusa"])
def test_api_search_puts_guayusa_first(client, seeded, query):
    data = client.get(
        "/api/v2/pages/", {"search": query, "type": "plants.PlantProfilePage"}
    ).json()
    assert data["items"][0]["meta"]["slug"] == "ilex-guayusa"


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("lumu", "manihot-esculenta"),
        ("yuca", "manihot-esculenta"),
        ("Manihot", "manihot-esculenta"),
    ],
)
def test_any_name_finds_the_plant_in_any_interface_language(
    client, seeded, query, slug
):
    for code in ("es", "qu", "jiv"):
        urls = result_urls(client.get(f"/{code}/search/", {"q": query}))
        assert urls[0] == f"/{code}/plantas/{slug}/"


@pytest.mark.parametrize(
    ("typo", "slug"),
    [
        ("guayuza", "ilex-guayusa"),
        ("achote", "bixa-orellana"),
        ("papayaa", "carica-papaya"),
    ],
)
def test_one_typo_still_finds_the_plant(client, seeded, typo, slug):
    urls = result_urls(client.get("/es/search/", {"q": typo}))
    assert f"/es/plantas/{slug}/" in urls[:3]


def test_the_matched_name_is_highlighted(client, seeded):
    response = client.get("/es/search/", {"q": "wayusa"})
    document = BeautifulSoup(response.content, "html.parser")
    first = document.select_one(".results li")
    marked = [mark.get_text() for mark in first.select(".matched-names mark")]
    assert "wayusa" in marked


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "(",
        ")",
        "*",
        "AND",
        "OR NOT",
        '"guayusa',
        "wayusa*",
        "x" * 200,
        "\x00",
        "%",
    ],
)
def test_query_syntax_typed_by_a_person_never_fails(client, seeded, query):
    assert client.get("/es/search/", {"q": query}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": query}).status_code in (200, 400)
    assert client.get("/es/search/autocomplete/", {"q": query}).status_code == 200


def test_facets_count_and_filter_results(client, seeded):
    response = client.get("/es/search/", {"q": "cacao"})
    document = BeautifulSoup(response.content, "html.parser")
    counts = {
        a["href"]: int(a.get_text(strip=True).rsplit("(", 1)[1].rstrip(")"))
        for a in document.select(".filters section a")
    }
    commercial = next(href for href in counts if "use=commercial" in href)
    filtered = client.get(f"/es/search/{commercial}")
    assert len(result_urls(filtered)) == min(counts[commercial], 10)
    cycles = [count for href, count in counts.items() if "cycle=" in href]
    plants = next(count for href, count in counts.items() if "type=plant" in href)
    assert sum(cycles) == plants
    lessons = next(count for href, count in counts.items() if "type=lesson" in href)
    only_lessons = client.get("/es/search/?q=cacao&type=lesson")
    assert len(result_urls(only_lessons)) == min(lessons, 10)


def test_zero_results_offers_help_and_browse_links(client, seeded):
    response = client.get("/es/search/", {"q": "zzzzqqq"})
    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one(".no-results")
    assert "/es/plantas/" in [a["href"] for a in document.select(".no-results a")]


def test_did_you_mean_comes_from_the_index(client, seeded):
    response = client.get("/es/search/", {"q": "guayuza"})
    document = BeautifulSoup(response.content, "html.parser")
    suggestion = document.select_one(".suggestion a")
    assert suggestion is not None
    assert suggestion.get_text() == "guayusa"


def test_autocomplete_returns_titles_and_urls(client, seeded):
    data = client.get("/qu/search/autocomplete/", {"q": "way"}).json()
    assert {"title": "Wayusa", "url": "/qu/plantas/ilex-guayusa/"} in data["results"]


def test_search_page_works_without_javascript(client, seeded):
    response = client.get("/es/search/", {"q": "cacao"})
    document = BeautifulSoup(response.content, "html.parser")
    form = document.select_one("main form[role=search]")
    assert form["method"] == "get"
    assert all(script.get("src") for script in document.select("script"))


def test_the_database_backend_never_gives_a_500(client, seeded, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    for query in ("guayuza", "bebidas", "wayusa", '"', "x" * 200):
        assert client.get("/es/search/", {"q": query}).status_code == 200
    assert client.get("/es/search/", {"q": "x" * 300}).status_code == 400
