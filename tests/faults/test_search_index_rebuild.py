"""A rebuild of the Whoosh index killed half way leaves the old index
answering.

The rebuild runs in another process, which must take the database's write
lock, so this test commits: it is transactional, and Django empties the
database after it. It has a file of its own, so that with the suite spread
over several workers (a file per worker, transactional files last) no test
that needs the seeded site runs after it on the same worker.
"""

import os
import select
import signal
import subprocess
import sys
import time

import pytest
from django.core.management import call_command

from knowledge_portal.search.backends.whoosh.storage import (
    BUILDING_FILE,
    GENERATION_PREFIX,
    POINTER_FILE,
)

from .conftest import QUERY, SEARCH, result_urls
from .test_search_index import PAGES, REPO

pytestmark = [pytest.mark.faults]


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
