"""A visitor searches in Spanish on a page of any language and finds the
plants whose text says the word in another form (the text shown in Kichwa or
Shuar pages is Spanish while it awaits translation)."""

import pytest
from playwright.sync_api import expect

from knowledge_portal.plants.models import PlantProfilePage
from tests.browser.phone import browser_test

pytestmark = browser_test


@pytest.mark.parametrize("language", ["es", "qu", "jiv"])
def test_a_singular_query_finds_and_marks_the_plural(phone, language):
    peanut = PlantProfilePage.objects.get(
        slug="arachis-hypogaea", locale__language_code=language
    )
    page = phone.page
    phone.open(f"/{language}/")
    phone.check("home")
    page.fill("#site-search", "semilla comestible")
    page.locator("#site-search").press("Enter")
    # Its summary says "sus semillas son comestibles".
    result = page.locator(".results li").filter(
        has=page.get_by_role("link", name=peanut.title, exact=True)
    )
    expect(result).to_be_visible()
    expect(result.locator("p[lang=es] mark")).to_have_text(["semillas", "comestibles"])
    phone.check("results")
