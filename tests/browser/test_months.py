"""A plant's calendar names its months in the page's language on a phone."""

from playwright.sync_api import expect

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.site.content.loader import load_content
from tests import factories
from tests.browser.phone import browser_test

pytestmark = browser_test


def test_the_calendar_names_months_in_each_language(phone, tmp_path):
    factories.write_entry(
        tmp_path,
        factories.plant(
            "mensis-tria", planting_months=[1, 2, 9], harvest_months=[6, 7, 8]
        ),
    )
    assert not load_content(tmp_path).errors
    expected = {
        # Each column shows its month's first letter on a phone.
        "es": ("E", "enero", None),
        "qu": ("K", "Kamay (enero)", "Kamay"),
        "jiv": ("E", "etsánantu (enero)", "etsánantu"),
    }
    page = phone.page
    for code, (letter, title, proposal) in expected.items():
        plant = PlantProfilePage.objects.get(
            slug="mensis-tria", locale__language_code=code
        )
        phone.open(plant.url)
        january = page.locator("#calendar thead abbr").first
        january.scroll_into_view_if_needed()
        expect(january).to_have_attribute("title", title)
        assert january.inner_text().strip()[0].upper() == letter
        if proposal:
            expect(january.locator(f'span[lang="{code}"]')).to_have_text(proposal)
            expect(january.locator('span[lang="es"]')).to_have_text("ene")
        planted = page.locator("#calendar tbody tr").first.locator("td.on")
        expect(planted).to_have_count(3)
        in_words = page.locator("#calendar .calendar-months dd").first
        expect(in_words).to_be_visible()
        expect(in_words).to_contain_text(title)
        phone.check(code)
