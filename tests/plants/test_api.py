"""Wagtail API v2 exposes the structured fields of plant profiles."""

import pytest

pytestmark = pytest.mark.django_db

PLANTS = "/api/v2/pages/?type=plants.PlantProfilePage"


@pytest.mark.parametrize("code", ["es", "qu", "jiv"])
def test_each_language_lists_at_least_25_profiles(client, seeded, code):
    response = client.get(f"{PLANTS}&locale={code}&limit=100")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] >= 25
    assert {item["meta"]["locale"] for item in data["items"]} == {code}


def test_structured_fields_are_exposed(client, seeded):
    data = client.get(
        f"{PLANTS}&locale=qu&slug=ilex-guayusa&fields=scientific_name,family,names,"
        "uses,layer,life_cycle,harvest_months,translation_status,sources"
    ).json()
    [guayusa] = data["items"]
    assert guayusa["title"] == "Wayusa"
    assert guayusa["scientific_name"] == "Ilex guayusa"
    assert guayusa["family"] == "Aquifoliaceae"
    assert guayusa["layer"] == "understory"
    assert guayusa["harvest_months"] == list(range(1, 13))
    names = {(name["language"], name["name"]) for name in guayusa["names"]}
    assert {("es", "guayusa"), ("qu", "wayusa"), ("jiv", "wais")} <= names
    kichwa = next(name for name in guayusa["names"] if name["language"] == "qu")
    assert kichwa["variant_list"] == ["guayusa", "huayusa"]
    assert kichwa["status"] == "sourced"
    assert {use["category"] for use in guayusa["uses"]} >= {"beverage", "medicinal"}
    assert guayusa["translation_status"]["summary"]["status"] == "awaiting-translation"
    assert any(source["key"] == "minedu-2009" for source in guayusa["sources"])


def test_detail_endpoint_has_the_calendar_and_companions(client, seeded):
    listing = client.get(f"{PLANTS}&locale=es&slug=theobroma-cacao").json()
    detail = client.get(listing["items"][0]["meta"]["detail_url"]).json()
    assert detail["harvest_months"] == [2, 3, 4, 5, 6]
    assert detail["companions"]


def test_search_parameter_finds_a_plant_by_its_kichwa_name(client, seeded):
    data = client.get(f"{PLANTS}&locale=es&search=wayusa").json()
    assert data["items"][0]["meta"]["slug"] == "ilex-guayusa"
