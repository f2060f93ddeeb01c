"""The pack's search over its plant names, opened from file:// in Chromium on
a 360 px phone: a Kichwa spelling with a typo finds guayusa first, in each of
the pack's languages, and nothing is requested outside the pack. Without
JavaScript the contents page lists the plants."""

import io
import re
import zipfile

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from knowledge_portal.plants.models import PlantProfilePage
from tests.browser.offline import offline_tab
from tests.browser.phone import screenshot_dir
from tests.packs import material

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

GUAYUSA = "plants/ilex-guayusa.html"
#: What she types on each language's contents page, and the plant it finds.
SEARCHES = (
    ("qu", "wayuza", GUAYUSA),
    ("es", "guayuza", GUAYUSA),
    ("jiv", "wais", GUAYUSA),
    ("es", "platanos", "plants/musa-spp.html"),
)


@pytest.fixture
def search_pack(seeded, tmp_path):
    """The lessons and guides of a class, with guayusa and plátano, in
    Spanish, Kichwa and Shuar, unzipped."""
    lessons, guides = material.class_pages()
    plants = PlantProfilePage.objects.filter(
        slug__in=("ilex-guayusa", "musa-spp"), locale__language_code="es"
    )
    args = [str(tmp_path / "pack.zip")]
    for code in ("es", "qu", "jiv"):
        args += ["--language", code]
    for page in [*lessons, *guides, *plants]:
        args += ["--page", str(page.pk)]
    call_command("export_pack", *args, stdout=io.StringIO())
    folder = tmp_path / "pack"
    with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
        archive.extractall(folder)
    return folder


def test_the_pack_finds_plants_by_any_spelling_offline(browser, search_pack, request):
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name).strip("-")
    phone = offline_tab(browser, search_pack, name)
    page = phone.page
    try:
        for language, query, found in SEARCHES:
            page.goto(phone.url(f"{language}/index.html"))
            expect(page.locator("html")).to_have_attribute("lang", language)
            box = page.locator("#pack-search")
            expect(box).to_be_visible()
            page.fill("#pack-search-query", query)
            first = box.locator("ol li a").first
            expect(first).to_have_attribute("href", re.compile(f"{language}/{found}$"))
            phone.check(f"{language}-search-{query}")
        # The result opens the plant, in the page's language.
        first.click()
        expect(page.locator("article.plant h1")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "es")
        phone.check("es-plant-found")

        # The contents page at the pack's root (its first language) searches too.
        page.goto(phone.url("index.html"))
        page.fill("#pack-search-query", "wayuza")
        page.locator("#pack-search button").click()
        expect(page.locator("#pack-search ol li a").first).to_have_attribute(
            "href", f"es/{GUAYUSA}"
        )
        phone.check("es-search-wayuza-root")
        page.fill("#pack-search-query", "qqqxz")
        expect(page.locator(".pack-search-none")).to_be_visible()
        expect(page.locator("#pack-search ol")).to_be_hidden()
        phone.check("es-search-nothing")
        assert phone.outside == [], phone.outside
        assert phone.failed == [], phone.failed
    finally:
        phone.context.close()
    phone.finish()


def test_without_javascript_the_contents_list_the_plants(browser, search_pack):
    phone = offline_tab(
        browser, search_pack, "pack-search-no-js", java_script_enabled=False
    )
    page = phone.page
    try:
        page.goto(phone.url("qu/index.html"))
        expect(page.locator("#pack-search")).to_be_hidden()
        expect(page.locator(f'#plants a[href$="{GUAYUSA}"]')).to_have_count(1)
        # The phone check runs axe-core, a script: here only the screenshot.
        page.screenshot(
            path=screenshot_dir() / "pack-search-qu-no-javascript.png", full_page=True
        )
        assert phone.outside == [], phone.outside
    finally:
        phone.context.close()
