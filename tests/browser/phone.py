"""A browser tab at phone size that checks every page it lands on."""

import os
from http import HTTPStatus
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext

PHONE = {"width": 360, "height": 740}
#: WCAG 2.2's minimum target size (2.5.8), in CSS pixels.
MIN_TARGET = 24
#: A single-line field a thumb can hit (44 px) that does not fill the screen.
FIELD_HEIGHT = (44, 56)
#: axe-core impacts that fail a page.
FAILING_IMPACTS = {"serious", "critical"}
AXE = Axe()

# What a finger must hit on the page, measured in the browser: every visible
# link and control. A checkbox or radio counts with its label, which the
# browser also toggles on a tap. Links inside running text are exempt (WCAG
# 2.5.8's inline exception): a link whose nearest block holds other text.
MEASURE = """(min) => {
    const fields = 'input:not([type=checkbox], [type=radio], [type=hidden], '
        + '[type=file], [type=submit], [type=button]), select:not([multiple])';
    const targets = 'a[href], button, input:not([type=hidden]), select, '
        + 'textarea, summary';
    const shown = (element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return box.width > 0 && box.height > 0 && box.right > 0
            && style.visibility !== 'hidden';
    };
    const describe = (element, box) => `${element.outerHTML.slice(0, 100)} `
        + `(${Math.round(box.width)}x${Math.round(box.height)})`;
    const inline = (element) => {
        if (element.tagName !== 'A' || getComputedStyle(element).display !== 'inline') {
            return false;
        }
        let block = element.parentElement;
        while (block && getComputedStyle(block).display.startsWith('inline')) {
            block = block.parentElement;
        }
        return block.textContent.trim().length > element.textContent.trim().length;
    };
    const area = (element) => {
        const boxes = [element, ...(element.labels || [])].filter(shown)
            .map((item) => item.getBoundingClientRect());
        return {
            width: Math.max(...boxes.map((box) => box.width)),
            height: Math.max(...boxes.map((box) => box.height)),
        };
    };
    const heights = [...document.querySelectorAll(fields)].filter(shown).map(
        (element) => [describe(element, element.getBoundingClientRect()),
                      element.getBoundingClientRect().height]
    );
    const small = [...document.querySelectorAll(targets)]
        .filter((element) => shown(element) && !inline(element))
        .map((element) => [element, area(element)])
        .filter(([, box]) => box.width < min - 0.5 || box.height < min - 0.5)
        .map(([element, box]) => describe(element, box));
    return {heights, small};
}"""
REPO = Path(__file__).resolve().parents[2]

#: Every browser test: transactional, so that the live server sees the data,
#: and restored from the seeded snapshot (see conftest.py).
browser_test = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def response_reason(status):
    return HTTPStatus(status).phrase


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

    ``check()`` saves a screenshot and asserts that the page does not scroll
    sideways, had no console error or uncaught exception, has single-line
    fields of a thumb's height and targets of at least 24 x 24 px, and that
    axe-core finds nothing serious or critical; every page the tab loads must
    be checked.
    """

    def __init__(self, page, base_url, name, saved):
        self.page = page
        self.base_url = base_url
        self.name = name
        self.saved = saved
        self.errors = []
        self.loaded = []
        self.checked = []
        self.expected_error = None
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("load", lambda loaded: self.loaded.append(loaded.url))

    def _console(self, message):
        if message.type != "error":
            return
        if self.expected_error and self.expected_error == (
            message.location.get("url"),
            message.text,
        ):
            return  # Chromium's note that an error page has an error status.
        self.errors.append(f"console error: {message.text} ({message.location})")

    def url(self, path):
        """The absolute address of a path on the live server."""
        return self.base_url + path

    def open(self, path):
        response = self.page.goto(self.url(path))
        assert response.ok, f"{path}: HTTP {response.status}"
        return response

    def open_error(self, path, status):
        """A page that must answer with an error ``status``."""
        self.expect_status(path, status)
        response = self.page.goto(self.url(path))
        assert response.status == status, f"{path}: HTTP {response.status}"
        return response

    def expect_status(self, path, status):
        """Chromium logs an error status as a console error: expected here."""
        self.expected_error = (
            self.url(path),
            "Failed to load resource: the server responded with a status of "
            f"{status} ({response_reason(status)})",
        )

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
        measured = page.evaluate(MEASURE, MIN_TARGET)
        low, high = FIELD_HEIGHT
        wrong = [field for field in measured["heights"] if not low <= field[1] <= high]
        assert not wrong, f"{page.url}: fields not {low}-{high} px tall: {wrong}"
        assert not measured["small"], (
            f"{page.url}: targets under {MIN_TARGET} x {MIN_TARGET} px: "
            f"{measured['small']}"
        )
        found = self.axe_violations()
        assert not found, f"{page.url}: axe-core finds {found}"

    def axe_violations(self):
        """axe-core's serious and critical findings (bundled script, offline)."""
        results = AXE.run(self.page)
        return [
            f"{violation['id']} ({violation['impact']}): "
            + "; ".join(node["html"][:120] for node in violation["nodes"][:3])
            for violation in results.response["violations"]
            if violation["impact"] in FAILING_IMPACTS
        ]

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
