"""A visitor reads a community's page on her phone, in her language, and
reaches it from a plant credited to the community."""

import pytest
from playwright.sync_api import expect

from tests.browser.phone import browser_test

pytestmark = browser_test


@pytest.mark.parametrize("code", ["es", "qu", "jiv"])
def test_from_a_plant_to_its_community_page(phone, code):
    page = phone.page
    phone.open(f"/{code}/plantas/ilex-guayusa/")
    link = page.locator("#chakra").get_by_role("link", name="Wiñak", exact=True)
    expect(link).to_be_visible()
    link.scroll_into_view_if_needed()
    phone.check(f"plant-{code}")

    link.click()
    expect(page).to_have_url(phone.url(f"/{code}/comunidades/winak/"))
    expect(page.locator("h1")).to_have_text("Wiñak")
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("dl.facts")).to_contain_text("Pastaza")
    knowledge = page.locator("#knowledge")
    expect(
        knowledge.locator(f'a[href="/{code}/plantas/ilex-guayusa/"]')
    ).to_be_visible()
    phone.check(f"community-{code}")
    knowledge.scroll_into_view_if_needed()
    phone.check(f"community-knowledge-{code}")


def test_the_section_lists_the_four_associations(phone):
    page = phone.page
    phone.open("/es/comunidades/")
    expect(page.locator(".cards a")).to_have_count(4)
    phone.check("section")
