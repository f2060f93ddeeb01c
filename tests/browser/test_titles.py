"""A plant whose Kichwa and Shuar titles await translation, on a phone: the
Spanish title says it is Spanish; a sourced Kichwa title does not."""

from playwright.sync_api import expect

from knowledge_portal.plants.models import PlantProfilePage
from tests.browser.phone import browser_test

pytestmark = browser_test


def url_of(slug, language):
    return PlantProfilePage.objects.get(slug=slug, locale__language_code=language).url


def test_a_title_awaiting_translation_reads_as_spanish(phone):
    page = phone.page
    phone.open(url_of("theobroma-cacao", "es"))
    expect(page.locator("h1")).to_have_text("Cacao")
    expect(page.locator("h1 [lang]")).to_have_count(0)
    phone.check("es")

    for code in ("qu", "jiv"):
        phone.open(url_of("theobroma-cacao", code))
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator('h1 > span[lang="es"]')).to_have_text("Cacao")
        expect(page.locator("head > title")).to_have_attribute("lang", "es")
        phone.check(code)

    phone.open(url_of("ilex-guayusa", "qu"))
    expect(page.locator("h1")).to_have_text("Wayusa")
    expect(page.locator("h1 [lang]")).to_have_count(0)
    expect(page.locator("head > title")).not_to_have_attribute("lang", "es")
    phone.check("qu-sourced")
