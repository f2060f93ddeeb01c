"""A Kichwa reviewer writes an interface string on her phone and sees it on
the site at once; a Shuar reviewer opens her language's strings."""

import pytest
from playwright.sync_api import expect

from knowledge_portal.core import catalog_overlay
from knowledge_portal.interface.models import InterfaceString
from tests.browser.phone import browser_test, in_spanish
from tests.interface import factories

pytestmark = browser_test

# Not Kichwa: a test text no one could take for it.
WRITTEN = "XQ join-a-class"


@pytest.fixture(autouse=True)
def no_strings_left_behind():
    """The live server runs in this process: its loaded strings outlive the
    test's rows."""
    catalog_overlay.reset()
    yield
    catalog_overlay.reset()


def test_reviewers_translate_the_interface_on_their_phones(phone):
    kallari = factories.community("Kallari Prueba")
    wasak = factories.community("Wasak Prueba")
    factories.reviewer("rosa", "qu", kallari, first_name="Rosa")
    factories.reviewer("nantu", "jiv", wasak, first_name="Nantu")
    page = phone.page

    phone.open("/es/accounts/login/")
    phone.sign_in("rosa", factories.PASSWORD)
    phone.check("signed-in")
    phone.open("/es/workbench/interface/")
    expect(page.locator("h1")).to_contain_text("Kichwa")
    phone.check("es")
    phone.open("/qu/workbench/interface/")
    phone.check("qu")

    page.fill("#interface-q", "join a class")
    page.locator(".interface-filter button").click()
    card = page.locator(".interface-string").first
    expect(card.locator('dd[lang="es"]')).to_have_text("Unirse a una clase")
    # Markup is refused, in her language, and her text stays.
    card.locator("textarea").fill("XQ <b>join</b>")
    card.locator("button[value=save]").click()
    card = page.locator(".interface-string").first
    expect(card.locator(".error")).to_be_visible()
    expect(card.locator("textarea")).to_have_value("XQ <b>join</b>")
    phone.check("qu-refused")
    assert not InterfaceString.objects.exists()

    card.locator("textarea").fill(WRITTEN)
    card.locator("select").select_option(label="Kallari Prueba")
    card.locator("button[value=save]").click()
    expect(page.locator(".messages")).to_contain_text(
        in_spanish("Saved. It now shows on every page, awaiting review.")
    )
    phone.check("qu-saved")
    assert InterfaceString.objects.get().credit == "Kallari Prueba"

    # Every visitor's page says it at once (the header's link to join a class).
    page.context.clear_cookies()
    phone.open("/qu/")
    expect(page.locator("header")).to_contain_text(WRITTEN)
    phone.check("qu-home")

    phone.open("/jiv/accounts/login/")
    phone.sign_in("nantu", factories.PASSWORD)
    phone.check("jiv-signed-in")
    phone.open("/jiv/workbench/interface/")
    phone.check("jiv")
    # Shuar has two plural forms: one field for each.
    phone.open("/jiv/workbench/interface/?q=plants")
    plural = page.locator(
        ".interface-string",
        has=page.get_by_text("%(counter)s plant / %(counter)s plants"),
    )
    expect(plural.locator("textarea")).to_have_count(2)
    phone.check("jiv-plural")
