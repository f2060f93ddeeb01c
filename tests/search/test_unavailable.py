"""Whatever the search backend raises, every search door answers 503 with
Retry-After and a note in the visitor's language, and pages keep serving."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from knowledge_portal.search.service import UNAVAILABLE

pytestmark = pytest.mark.django_db

BACKENDS = "tests.search.failing_backends"


@pytest.fixture
def backend(settings):
    def use(name):
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {"BACKEND": f"{BACKENDS}.{name}", "AUTO_UPDATE": False}
        }

    return use


def notice(language):
    with translation.override(language):
        return str(UNAVAILABLE)


@pytest.mark.parametrize("failing", ["UnreachableBackend", "TimingOutBackend"])
def test_a_failing_search_server_is_a_503_and_pages_serve(
    client, seeded, backend, failing
):
    backend(failing)
    response = client.get("/es/search/", {"q": "cacao"})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    shown = BeautifulSoup(response.content, "html.parser").select_one(
        "main [role=status]"
    )
    assert shown.get_text(strip=True) == notice("es")
    autocomplete = client.get("/es/search/autocomplete/", {"q": "caca"})
    assert autocomplete.status_code == 503
    assert autocomplete["Retry-After"] == "60"
    assert autocomplete.json() == {
        "results": [],
        "unavailable": True,
        "message": notice("es"),
    }
    for endpoint in ("pages", "images", "documents"):
        api = client.get(
            f"/api/v2/{endpoint}/", {"search": "cacao"}, HTTP_ACCEPT_LANGUAGE="es"
        )
        assert api.status_code == 503, endpoint
        assert api["Retry-After"] == "60"
        assert api.json() == {"message": notice("es")}
    for url in ("/es/", "/es/plantas/", "/es/plantas/ilex-guayusa/", "/api/v2/pages/"):
        assert client.get(url).status_code == 200, url


def test_the_notice_is_spanish_until_the_speakers_write_it(client, seeded, backend):
    backend("UnreachableBackend")
    assert notice("es") != notice("en")
    for language in ("qu", "jiv"):
        response = client.get(f"/{language}/search/", {"q": "cacao"})
        assert response.status_code == 503
        assert notice("es") in response.content.decode()


def test_typed_syntax_never_reaches_the_engine(client, seeded, backend):
    backend("SyntaxRejectingBackend")
    response = client.get("/es/search/", {"q": '"'})
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one(".no-results")
    assert client.get("/es/search/", {"q": '"cacao'}).status_code == 200
    assert client.get("/es/search/autocomplete/", {"q": '"x'}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": '"cacao'}).status_code == 200
