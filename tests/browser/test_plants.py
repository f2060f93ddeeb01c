"""A visitor reads a plant in her language and finds plants despite typos."""

import pytest
from playwright.sync_api import expect

from knowledge_portal.plants.models import PlantProfilePage
from tests.browser.phone import browser_test

pytestmark = browser_test


def plant(slug, language):
    return PlantProfilePage.objects.get(slug=slug, locale__language_code=language)


def test_language_switcher_keeps_the_plant(phone):
    versions = {code: plant("ilex-guayusa", code) for code in ("es", "qu", "jiv")}
    page = phone.page
    phone.open(versions["es"].url)
    expect(page.locator("h1")).to_have_text("Guayusa")
    phone.check("es")

    for code, heading in (("qu", "Wayusa"), ("jiv", "Wais")):
        switch = page.locator(f'nav.languages a[hreflang="{code}"]')
        expect(switch).to_be_visible()
        switch.click()
        expect(page).to_have_url(phone.url(versions[code].url))
        assert versions[code].url.startswith(f"/{code}/")
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator("h1")).to_have_text(heading)
        expect(page.locator(".scientific i")).to_have_text("Ilex guayusa")
        expect(page.locator('nav.languages [aria-current="true"]')).to_have_attribute(
            "lang", code
        )
        phone.check(code)


@pytest.mark.parametrize(
    ("language", "typo", "slug", "title"),
    [
        ("es", "guayuza", "ilex-guayusa", "Guayusa"),
        ("qu", "wayuza", "ilex-guayusa", "Wayusa"),
    ],
)
def test_search_box_finds_the_plant_despite_a_typo(phone, language, typo, slug, title):
    target = plant(slug, language)
    page = phone.page
    phone.open(f"/{language}/")
    phone.check("home")
    page.fill("#site-search", typo)
    page.locator("#site-search").press("Enter")
    expect(page).to_have_url(phone.url(f"/{language}/search/?q={typo}"))
    result = page.locator(".results").get_by_role("link", name=title, exact=True)
    expect(result).to_be_visible()
    phone.check("results")

    result.click()
    expect(page).to_have_url(phone.url(target.url))
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".scientific i")).to_have_text(target.scientific_name)
    phone.check("plant")
