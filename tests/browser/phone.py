"""A browser tab at phone size that checks every page it lands on."""

import os
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

PHONE = {"width": 360, "height": 740}
REPO = Path(__file__).resolve().parents[2]

#: Every browser test: transactional, so that the live server sees the data,
#: and restored from the seeded snapshot (see conftest.py).
browser_test = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def screenshot_dir():
    return Path(
        os.environ.get("BROWSER_SCREENSHOT_DIR") or REPO / "ci-logs" / "screenshots"
    )


def in_spanish(message):
    """The Spanish interface text, as the visitor reads it."""
    with translation.override("es"):
        return gettext(message)


class Phone:
    """A tab 360 px wide on the live server.

    ``check()`` asserts that the page does not scroll sideways and had no
    console error or uncaught exception, then saves a screenshot; every page
    the tab loads must be checked.
    """

    def __init__(self, page, base_url, name, saved):
        self.page = page
        self.base_url = base_url
        self.name = name
        self.saved = saved
        self.errors = []
        self.loaded = []
        self.checked = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("load", lambda loaded: self.loaded.append(loaded.url))

    def _console(self, message):
        if message.type != "error":
            return
        self.errors.append(f"console error: {message.text} ({message.location})")

    def url(self, path):
        """The absolute address of a path on the live server."""
        return self.base_url + path

    def open(self, path):
        response = self.page.goto(self.url(path))
        assert response.ok, f"{path}: HTTP {response.status}"
        return response

    def sign_in(self, username, password):
        """Through the real sign-in form, on whatever page asked for it."""
        self.check("sign-in")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.locator("main form button[type=submit]").click()

    def check(self, label):
        page = self.page
        page.wait_for_load_state("load")
        widths = page.evaluate(
            """() => ({
                viewport: window.innerWidth,
                document: document.documentElement.scrollWidth,
                body: document.body.scrollWidth,
            })"""
        )
        # Saved before the assertions, so that a failing page is in CI's log.
        folder = screenshot_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}-{label}.png"
        page.screenshot(path=path, full_page=True)
        self.saved.append(path)
        self.checked.append(page.url)
        assert widths["viewport"] == PHONE["width"]
        assert max(widths["document"], widths["body"]) <= widths["viewport"], (
            f"{page.url} scrolls sideways at {PHONE['width']} px: {widths}; "
            f"too wide: {self.too_wide()}"
        )
        assert not self.errors, f"{page.url}: {self.errors}"

    def too_wide(self):
        """The outermost elements that stick out on the right, to fix the CSS."""
        return self.page.evaluate(
            """() => {
                const width = window.innerWidth;
                const wide = [...document.body.querySelectorAll('*')].filter(
                    (element) => element.getBoundingClientRect().right > width + 0.5
                );
                return wide
                    .filter((element) => !wide.includes(element.parentElement))
                    .slice(0, 5)
                    .map((element) => element.outerHTML.slice(0, 160));
            }"""
        )

    def finish(self):
        assert not self.errors, self.errors
        unchecked = set(self.loaded) - set(self.checked)
        assert not unchecked, f"pages loaded but not checked: {sorted(unchecked)}"
