"""The Whoosh index lost, corrupted or half rebuilt while the site serves.

Each test works on the private copy of the index that tests/conftest.py
gives every test, so the shared index stays intact.
"""

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from knowledge_portal.search.backends.whoosh.storage import (
    BUILDING_FILE,
    GENERATION_PREFIX,
    POINTER_FILE,
)

pytestmark = [pytest.mark.faults, pytest.mark.django_db]

REPO = Path(__file__).resolve().parents[2]
SEARCH = "/es/search/"
QUERY = {"q": "cacao"}
CACAO = "/es/plantas/theobroma-cacao/"
#: Pages that must keep working whatever happens to the index.
PAGES = ["/es/", CACAO, "/es/plantas/"]


def result_urls(response):
    document = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in document.select(".result-title a")]


def rebuilding_notice():
    with translation.override("es"):
        return gettext(
            "Search is being rebuilt. Please try again in a minute; every page "
            "can still be browsed."
        )


@pytest.fixture
def index_path(settings):
    return Path(settings.WAGTAILSEARCH_BACKENDS["default"]["PATH"])


@pytest.fixture
def healthy_results(client, settings, index_path, tmp_path):
    """What the search answers on an untouched copy of the same index.

    A copy at another path has its own searchers, so searching it leaves
    nothing open on the index the test then breaks.
    """
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    healthy = tmp_path / "healthy-index"
    shutil.copytree(index_path, healthy)
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**backend, "PATH": str(healthy)}}
    response = client.get(SEARCH, QUERY)
    settings.WAGTAILSEARCH_BACKENDS = {"default": backend}
    assert response.status_code == 200
    urls = result_urls(response)
    assert CACAO in urls
    return urls


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
    assert autocomplete.json() == {"results": [], "unavailable": True}


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


HALFWAY = "REBUILD-HALFWAY"

#: Runs the real `update_index`, but stops it once the new generation holds
#: part of the documents and says so on stdout; the test then kills it.
REBUILD_THEN_HOLD = f"""
import signal
import django
django.setup()
from django.core.management import call_command
from knowledge_portal.search.backends.whoosh.backend import WhooshIndex

add_items = WhooshIndex.add_items

def add_items_then_hold(self, model, items):
    add_items(self, model, items)
    if self.generation and items:
        print("{HALFWAY}", self.generation, flush=True)
        signal.pause()

WhooshIndex.add_items = add_items_then_hold
call_command("update_index")
"""


def wait_for_line(process, marker, timeout):
    """The first stdout line of ``process`` from ``marker`` on."""
    deadline = time.monotonic() + timeout
    seen = []
    while (remaining := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([process.stdout], [], [], remaining)
        if not ready:
            break
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        # update_index writes progress without line ends; the marker may
        # follow it on the same line.
        if marker in line:
            return line[line.index(marker) :]
    raise AssertionError(
        f"update_index did not reach {marker} in {timeout}s:\n{''.join(seen)}"
    )


def generations(index_path):
    return {p.name for p in index_path.glob(GENERATION_PREFIX + "*") if p.is_dir()}


# The rebuild runs in another process, which must be able to take the
# database's write lock (on SQLite, update_index opens a transaction): so this
# test commits instead of holding one open.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rebuild_killed_half_way_leaves_the_old_index_answering(
    client, index_path, healthy_results, database_url, tmp_path
):
    live_before = (index_path / POINTER_FILE).read_text().strip()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "knowledge_portal.settings.production",
        "DATABASE_URL": database_url,
        "SEARCH_BACKEND": "whoosh",
        "SEARCH_INDEX_DIR": str(index_path),
        "DATA_DIR": str(tmp_path / "data"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SECRET_KEY": "fault-test-only",
        "PYTHONPATH": str(REPO),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", REBUILD_THEN_HOLD],
        cwd=REPO,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        halfway = wait_for_line(process, HALFWAY, timeout=90)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
    assert process.returncode == -signal.SIGKILL

    half_built = halfway.split()[1]
    # The killed rebuild left its generation, still marked as being built,
    # and never made it live.
    assert half_built in generations(index_path)
    assert (index_path / BUILDING_FILE).read_text().strip() == half_built
    assert (index_path / POINTER_FILE).read_text().strip() == live_before

    for url in PAGES:
        assert client.get(url).status_code == 200, url
    response = client.get(SEARCH, QUERY)
    assert response.status_code == 200
    assert result_urls(response) == healthy_results

    call_command("update_index", verbosity=0)

    live_after = (index_path / POINTER_FILE).read_text().strip()
    assert live_after not in {live_before, half_built}
    assert not (index_path / BUILDING_FILE).exists()
    # The abandoned generation is gone; the one live before is kept for
    # searchers still reading it.
    assert generations(index_path) == {live_after, live_before}
    response = client.get(SEARCH, QUERY)
    assert response.status_code == 200
    assert result_urls(response) == healthy_results
