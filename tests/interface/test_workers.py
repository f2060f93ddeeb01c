"""A string translated through the screen shows at once on pages served by
every gunicorn worker, the other one included, without a restart.

Two real worker processes serve the test database (committed, so the test is
transactional) with the page cache in files they share, as `make run` does.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from bs4 import BeautifulSoup
from django.db import connection

from knowledge_portal.interface.models import InterfaceString

from .factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REPO = Path(__file__).resolve().parents[2]
SPANISH = "Unirse a una clase"
# Not Kichwa: a test text no one could take for it.
WRITTEN = "XQ join-a-class"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def workers(seeded, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the workers open the SQLite test database by its file")
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "tests.interface.workers_settings",
        "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
        "PAGE_CACHE_DIR": str(tmp_path / "pages"),
        "DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": str(REPO),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tests.interface.pid_wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "gthread",
            "--threads",
            "2",
        ],
        cwd=REPO,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Each worker imports the portal on its own: a busy machine takes a while.
        deadline = time.monotonic() + 180
        while True:
            try:
                if requests.get(f"{base}/es/", timeout=60).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(process.stderr.read().decode()[-3000:])
            time.sleep(0.5)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        process.stderr.close()


def fetch_from_both(base, path, rounds=20):
    """Responses to ``path`` until both workers answered (requests in
    parallel, each with its own query so it is rendered, not cached)."""
    responses = []
    with ThreadPoolExecutor(max_workers=6) as pool:
        for round_number in range(rounds):
            urls = [f"{base}{path}?n={round_number}-{i}" for i in range(6)]
            responses += list(pool.map(lambda url: requests.get(url, timeout=60), urls))
            if len({r.headers["X-Worker-Pid"] for r in responses}) == 2:
                return responses
    pytest.fail("one worker answered every request")


def test_a_string_saved_through_the_screen_shows_on_every_worker_at_once(
    workers, rosa, kallari
):
    before = fetch_from_both(workers, "/qu/")
    assert all(SPANISH in r.text and WRITTEN not in r.text for r in before)
    # The same page, stored in the cache both workers share.
    requests.get(f"{workers}/qu/", timeout=30)
    assert requests.get(f"{workers}/qu/", timeout=30).headers["X-Page-Cache"] == "hit"

    reviewer = requests.Session()
    login = reviewer.get(f"{workers}/es/accounts/login/", timeout=30)
    token = BeautifulSoup(login.text, "html.parser").select_one(
        "main form [name=csrfmiddlewaretoken]"
    )["value"]
    signed_in = reviewer.post(
        f"{workers}/es/accounts/login/",
        {"username": "rosa", "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{workers}/es/accounts/login/"},
        timeout=30,
    )
    assert signed_in.status_code == 200
    assert "sessionid" in reviewer.cookies
    screen = reviewer.get(
        f"{workers}/qu/workbench/interface/?q={quote('join a class')}", timeout=30
    )
    assert screen.status_code == 200
    form = BeautifulSoup(screen.text, "html.parser").select_one(
        ".interface-string form"
    )
    anchor = form.select_one("[name=string]")["value"]
    saved = reviewer.post(
        screen.url,
        {
            "csrfmiddlewaretoken": form.select_one("[name=csrfmiddlewaretoken]")[
                "value"
            ],
            "string": anchor,
            f"{anchor}-text_0": WRITTEN,
            f"{anchor}-credit": f"name-{kallari.pk}",
            f"{anchor}-action": "save",
        },
        headers={"Referer": screen.url},
        allow_redirects=False,
        timeout=30,
    )
    assert saved.status_code == 302, saved.text[-2000:]
    assert InterfaceString.objects.get().texts == [WRITTEN]

    # At once: every page served from now on, by either worker, shows it.
    after = fetch_from_both(workers, "/qu/")
    assert all(WRITTEN in r.text and SPANISH not in r.text for r in after)
    assert {r.headers["X-Worker-Pid"] for r in after} - {saved.headers["X-Worker-Pid"]}
    cached = requests.get(f"{workers}/qu/", timeout=30)
    assert cached.headers["X-Page-Cache"] == "miss"
    assert WRITTEN in cached.text
