"""The Whoosh index lost, corrupted or half rebuilt while the site serves.

Each test works on the private copy of the index that tests/conftest.py
gives every test, so the shared index stays intact.
"""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from knowledge_portal.search.backends.whoosh.storage import (
    POINTER_FILE,
)

from .conftest import CACAO, QUERY, SEARCH, result_urls

pytestmark = [pytest.mark.faults, pytest.mark.django_db]

REPO = Path(__file__).resolve().parents[2]
#: Pages that must keep working whatever happens to the index.
PAGES = ["/es/", CACAO, "/es/plantas/"]


def rebuilding_notice():
    with translation.override("es"):
        return gettext(
            "Search is not available right now. Please try again in a minute; "
            "every page can still be browsed."
        )


def live_generation(index_path):
    return index_path / (index_path / POINTER_FILE).read_text().strip()


def delete_index(index_path):
    shutil.rmtree(index_path)


def corrupt_index(index_path):
    """Cut the tables of contents short and overwrite the segments with noise."""
    for file in live_generation(index_path).iterdir():
        if file.suffix == ".toc":
            file.write_bytes(file.read_bytes()[:16])
        else:
            size = max(file.stat().st_size, 64)
            file.write_bytes(bytes((i * 37 + 11) % 256 for i in range(size)))


def assert_site_serves_and_search_says_rebuilding(client):
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    response = client.get(SEARCH, QUERY)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert rebuilding_notice() in response.content.decode()
    assert result_urls(response) == []
    autocomplete = client.get("/es/search/autocomplete/", {"q": "caca"})
    assert autocomplete.status_code == 503
    assert autocomplete.json() == {
        "results": [],
        "unavailable": True,
        "message": rebuilding_notice(),
    }
    api = client.get("/api/v2/pages/", {"search": "caca"}, HTTP_ACCEPT_LANGUAGE="es")
    assert api.status_code == 503
    assert api["Retry-After"] == "60"
    assert api.json() == {"message": rebuilding_notice()}


@pytest.mark.parametrize("fault", [delete_index, corrupt_index])
def test_broken_index_site_serves_and_update_index_repairs(
    client, index_path, healthy_results, fault
):
    fault(index_path)

    assert_site_serves_and_search_says_rebuilding(client)

    call_command("update_index", verbosity=0)
    response = client.get(SEARCH, QUERY)
    assert response.status_code == 200
    assert result_urls(response) == healthy_results
