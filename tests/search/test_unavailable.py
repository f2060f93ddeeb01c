"""Whatever the search backend raises, search answers 503 and pages serve."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

BACKENDS = "tests.search.failing_backends"


@pytest.fixture
def backend(settings):
    def use(name):
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {"BACKEND": f"{BACKENDS}.{name}", "AUTO_UPDATE": False}
        }

    return use


def test_an_unreachable_search_server_is_a_503_and_pages_serve(client, seeded, backend):
    backend("UnreachableBackend")
    response = client.get("/es/search/", {"q": "cacao"})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    notice = BeautifulSoup(response.content, "html.parser").select_one(
        "main [role=status]"
    )
    assert notice is not None
    autocomplete = client.get("/es/search/autocomplete/", {"q": "caca"})
    assert autocomplete.status_code == 503
    assert autocomplete["Retry-After"] == "60"
    assert autocomplete.json() == {"results": [], "unavailable": True}
    api = client.get("/api/v2/pages/", {"search": "cacao"})
    assert api.status_code == 503
    assert api["Retry-After"] == "60"
    assert api.json()["message"]
    for url in ("/es/", "/es/plantas/", "/api/v2/pages/"):
        assert client.get(url).status_code == 200, url


def test_query_syntax_the_database_rejects_finds_nothing(client, seeded, backend):
    backend("SyntaxRejectingBackend")
    response = client.get("/es/search/", {"q": '"'})
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one(".no-results")
    assert client.get("/es/search/autocomplete/", {"q": '"x'}).json() == {"results": []}
