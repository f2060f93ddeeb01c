"""Phone tabs on an unzipped offline pack, opened from file://: every
request outside the pack is refused and recorded."""

from tests.browser.phone import AXE, FAILING_IMPACTS, PHONE, Phone


class OfflinePhone(Phone):
    """The phone check on pages opened from file://. axe-core would fetch the
    stylesheets again by XMLHttpRequest, which Chromium refuses from a file
    (a "null" origin): its own preload is off, the page's loading is not
    touched."""

    def axe_violations(self):
        results = AXE.run(
            self.page, options={"resultTypes": ["violations"], "preload": False}
        )
        return [
            f"{violation['id']} ({violation['impact']}): "
            + "; ".join(node["html"][:120] for node in violation["nodes"][:3])
            for violation in results.response["violations"]
            if violation["impact"] in FAILING_IMPACTS
        ]


def offline_tab(browser, folder, name, **context_options):
    """A phone tab on the pack unzipped in ``folder``: ``tab.outside`` lists
    the requests it refused (not for a file of the pack), ``tab.failed``
    those that failed; close ``tab.context`` when done."""
    context = browser.new_context(viewport=PHONE, **context_options)
    context.set_default_timeout(15_000)
    base = folder.as_uri()
    outside, failed = [], []

    def route(handled):
        if handled.request.url.startswith(base + "/"):
            handled.continue_()
        else:
            outside.append(handled.request.url)
            handled.abort()

    context.route("**/*", route)
    tab = OfflinePhone(context.new_page(), base + "/", name, [])
    tab.page.on("requestfailed", lambda request: failed.append(request.url))
    tab.outside, tab.failed, tab.context = outside, failed, context
    return tab
