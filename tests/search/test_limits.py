"""Every search door holds queries to one limit (search.service) and the
API's ?search= to a rate per address (core.ratelimits)."""

import django_ratelimit.core
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation

from knowledge_portal.core import ratelimits
from knowledge_portal.search.service import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_WORDS,
    check_query,
)

pytestmark = pytest.mark.django_db

API_DOORS = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]
TOO_LONG = "y" * (MAX_QUERY_LENGTH + 1)
TOO_MANY_WORDS = " ".join(["cacao"] * (MAX_QUERY_WORDS + 1))
AT_THE_LIMIT = " ".join(["guayusa"] * MAX_QUERY_WORDS)


def translated_limit_note(language):
    with translation.override(language):
        try:
            check_query(TOO_LONG)
        except ValidationError as error:
            return error.messages[0]


class FrozenClock:
    now = 1_800_000_000.0

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    frozen = FrozenClock()
    monkeypatch.setattr(django_ratelimit.core, "time", frozen)
    return frozen


@pytest.mark.parametrize("query", [TOO_LONG, TOO_MANY_WORDS])
@pytest.mark.parametrize("language", ["es", "qu"])
def test_the_search_page_refuses_with_a_note_and_keeps_the_form(
    client, seeded, query, language
):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 400
    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one("main [role=alert]").get_text(
        strip=True
    ) == translated_limit_note(language)
    assert document.select_one("#page-search")["value"] == query
    assert not document.select(".results, .no-results, .suggestion")


@pytest.mark.parametrize("query", [TOO_LONG, TOO_MANY_WORDS])
def test_autocomplete_refuses_with_the_note(client, seeded, query):
    response = client.get("/es/search/autocomplete/", {"q": query})
    assert response.status_code == 400
    assert response.json() == {
        "results": [],
        "message": translated_limit_note("es"),
    }


@pytest.mark.parametrize("door", API_DOORS)
@pytest.mark.parametrize("query", [TOO_LONG, TOO_MANY_WORDS])
def test_every_api_search_refuses_with_the_note_in_the_visitors_language(
    client, seeded, door, query
):
    for language in ("es", "qu"):
        response = client.get(
            door, {"search": query}, headers={"accept-language": language}
        )
        assert response.status_code == 400
        assert response.json() == {"message": translated_limit_note(language)}


def test_spaces_do_not_count_toward_the_limit(client, seeded):
    padded = "  guayusa  " + " " * MAX_QUERY_LENGTH
    assert client.get("/es/search/", {"q": padded}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": padded}).status_code == 200


def test_a_query_at_the_limit_works_everywhere(client, seeded):
    page = client.get("/es/search/", {"q": AT_THE_LIMIT})
    assert page.status_code == 200
    assert "/es/plantas/ilex-guayusa/" in page.content.decode()
    suggest = client.get("/es/search/autocomplete/", {"q": "guayusa " * 11 + "guay"})
    assert suggest.status_code == 200
    data = client.get(
        "/api/v2/pages/",
        {"search": AT_THE_LIMIT, "type": "plants.PlantProfilePage"},
    ).json()
    assert data["items"][0]["meta"]["slug"] == "ilex-guayusa"
    for door in API_DOORS[1:]:
        assert client.get(door, {"search": AT_THE_LIMIT}).status_code == 200


def test_api_search_is_limited_per_address_then_allowed_later(client, seeded, clock):
    allowed = int(ratelimits.API_SEARCHES_PER_ADDRESS.split("/")[0])
    for attempt in range(allowed):
        door = API_DOORS[attempt % len(API_DOORS)]
        assert client.get(door, {"search": "cacao"}).status_code == 200
    response = client.get(
        "/api/v2/pages/", {"search": "cacao"}, headers={"accept-language": "es"}
    )
    assert response.status_code == 429
    with translation.override("es"):
        assert response.json() == {"message": str(ratelimits.TOO_MANY_SEARCHES)}
    assert 1 <= int(response["Retry-After"]) <= 60

    # Another address, and listings without a search, are not held back.
    assert client.get("/api/v2/pages/").status_code == 200
    other = client.get("/api/v2/pages/", {"search": "cacao"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200

    clock.now += 60
    assert client.get("/api/v2/pages/", {"search": "cacao"}).status_code == 200
