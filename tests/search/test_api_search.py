"""/api/v2/pages/?search= is the search page's search: the same fallbacks
(all words, any word, typos), ranking and access rule, in Wagtail API v2's
own parameters and response shape. On the seed content and the session's
real Whoosh index."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

FOUND_BY = [
    ("guayuza", "ilex-guayusa"),  # a typo
    ("wayuza", "ilex-guayusa"),  # a typo of the Kichwa name
    ("Ilex guayussa", "ilex-guayusa"),  # a typo in a scientific name
    ("platanos", "musa-spp"),  # a plural without its accent
    ("yucas", "manihot-esculenta"),
    ("naranjas", "citrus-sinensis"),
]


def api_search(client, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return response.json()


def first_page_result(client, query, code="es"):
    document = BeautifulSoup(
        client.get(f"/{code}/search/", {"q": query}).content, "html.parser"
    )
    return document.select_one(".result-title a")["href"]


@pytest.mark.parametrize(("query", "slug"), FOUND_BY)
def test_the_api_finds_what_the_search_page_finds(client, seeded, query, slug):
    data = api_search(client, search=query)
    assert data["items"][0]["meta"]["slug"] == slug
    assert first_page_result(client, query) == f"/es/plantas/{slug}/"


@pytest.mark.parametrize(("query", "slug"), FOUND_BY)
def test_in_one_language_the_api_ranks_as_the_search_page(client, seeded, query, slug):
    data = api_search(client, search=query, locale="qu", fields="title")
    first = data["items"][0]
    assert first["meta"]["slug"] == slug
    assert first["meta"]["locale"] == "qu"
    assert first["meta"]["html_url"].endswith(first_page_result(client, query, "qu"))


def test_the_api_keeps_wagtails_parameters_and_shape(client, seeded):
    every = api_search(
        client, search="cacao", type="plants.PlantProfilePage", limit=100
    )
    assert set(every) == {"meta", "items"}
    total = every["meta"]["total_count"]
    assert total == len(every["items"]) > 1
    assert {item["meta"]["type"] for item in every["items"]} == {
        "plants.PlantProfilePage"
    }
    second = api_search(
        client,
        search="cacao",
        type="plants.PlantProfilePage",
        limit=1,
        offset=1,
        fields="scientific_name",
    )
    assert second["meta"]["total_count"] == total
    assert [item["id"] for item in second["items"]] == [every["items"][1]["id"]]
    assert second["items"][0]["scientific_name"]


def test_search_operator_and_or(client, seeded):
    both = api_search(client, search="cacao blanco", search_operator="and")
    either = api_search(client, search="cacao blanco", search_operator="or")
    assert "theobroma-bicolor" in {item["meta"]["slug"] for item in both["items"]}
    assert either["meta"]["total_count"] > both["meta"]["total_count"]


def test_a_bad_search_operator_is_a_400(client, seeded):
    response = client.get("/api/v2/pages/", {"search": "cacao", "search_operator": "x"})
    assert response.status_code == 400
    assert "search_operator" in response.json()["message"]


def test_order_sorts_the_matches(client, seeded):
    data = api_search(client, search="cacao", order="title", locale="es")
    titles = [item["title"] for item in data["items"]]
    assert titles == sorted(titles)
    assert data["meta"]["total_count"] > 1


def test_an_empty_search_finds_nothing(client, seeded):
    assert api_search(client, search=" ")["meta"]["total_count"] == 0
    assert api_search(client, search='"')["meta"]["total_count"] == 0


def test_images_are_searched_through_the_service_too(client, seeded):
    response = client.get("/api/v2/images/", {"search": "guayusa"})
    assert response.status_code == 200
    assert "total_count" in response.json()["meta"]
