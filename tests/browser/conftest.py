"""Real Chromium, at phone size, against the live server.

Debian's Chromium drives the site that pytest-django's ``live_server`` serves
from the test database. The server thread needs committed data, so these
tests are transactional and Django empties the database after each one. To
start every test from the seeded site, the database is snapshotted once after
``content/`` is loaded and restored before each test (Django's serialized
rollback, about half a second per test).
"""

import re
from pathlib import Path

import pytest
from django.db import connections
from django.test import testcases
from playwright.sync_api import sync_playwright

from tests.browser.phone import PHONE, Phone, screenshot_dir

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Snapshot the seeded site for serialized rollback.

    pytest-django serializes the database when it creates it, before the
    session fixture loads content/; take the snapshot again afterwards.
    """
    with django_db_blocker.unblock():
        for connection in connections.all():
            connection._test_serialized_contents = (
                connection.creation.serialize_db_to_string()
            )


@pytest.fixture(scope="session")
def media_through_the_site():
    """Django's live server serves MEDIA_URL from disk itself, by name and
    without any protocol check; here media go through the site's own view
    (protocols.views.serve_media), as in production."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(testcases, "_MediaFilesHandler", lambda application: application)
        yield


@pytest.fixture(scope="session")
def live_server(media_through_the_site, live_server):
    return live_server


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Browser tests need Debian's Chromium at {CHROMIUM} "
            "(apt-get install chromium); it is missing.",
            pytrace=False,
        )
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API runs an event loop in this thread, and Django
        # refuses ORM calls wherever a loop runs. Tests and Playwright take
        # turns, never at once, so the check is off while the browser is up.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser, live_server, request):
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(15_000)
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name).strip("-")
    saved = request.config.stash.setdefault(SCREENSHOTS, [])
    tab = Phone(context.new_page(), live_server.url, name, saved)
    yield tab
    context.close()
    tab.finish()


def pytest_terminal_summary(terminalreporter, config):
    saved = config.stash.get(SCREENSHOTS, [])
    if saved:
        terminalreporter.write_line(
            f"Browser screenshots ({len(saved)}): {screenshot_dir()}"
        )
