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
        # Each column of the chart shows its month's first letter.
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
        chart = page.locator("#calendar svg.chart-months")
        chart.scroll_into_view_if_needed()
        expect(chart).to_be_visible()
        # The picture scales to the phone: as wide as the text, no wider.
        box = chart.bounding_box()
        assert 300 <= box["width"] <= 360 and box["height"] > 100
        january = chart.locator("text.chart-head").first
        expect(january).to_have_text(letter)
        planted = chart.locator('g[data-series="planting"] rect.chart-on')
        expect(planted).to_have_count(3)
        in_words = page.locator("#calendar .calendar-months dd").first
        expect(in_words).to_be_visible()
        expect(in_words).to_contain_text(title)
        if proposal:
            expect(in_words.locator(f'span[lang="{code}"]').first).to_have_text(
                proposal
            )
        phone.check(code)
