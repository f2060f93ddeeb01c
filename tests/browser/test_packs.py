"""An offline pack opened from file:// in Chromium on a 360 px phone: every
page reached through its own links, nothing requested outside the pack."""

import re
import zipfile

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.offline import offline_tab
from tests.packs import material

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def unzipped_pack(seeded, tmp_path):
    """The Done-when pack (five lessons, two guides, the plants they link to,
    cacao with a photo and a recording), in Kichwa, Spanish and Shuar,
    unzipped as a phone would."""
    import io

    material.cacao_with_media()
    lessons, guides = material.class_pages()
    args = [str(tmp_path / "pack.zip")]
    for code in ("qu", "es", "jiv"):
        args += ["--language", code]
    for page in [*lessons, *guides]:
        args += ["--page", str(page.pk)]
    call_command("export_pack", *args, stdout=io.StringIO())
    folder = tmp_path / "pack"
    with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
        archive.extractall(folder)
    return folder


@pytest.fixture
def offline_phone(browser, unzipped_pack, request):
    """A phone tab on the unzipped pack that records every request that is
    not for a file of the pack, and every one that failed."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name).strip("-")
    tab = offline_tab(browser, unzipped_pack, name)
    yield tab
    tab.context.close()
    tab.finish()


def test_the_pack_opens_from_file_in_each_language(offline_phone):
    phone, page = offline_phone, offline_phone.page
    page.goto(phone.url("index.html"))
    expect(page.locator("html")).to_have_attribute("lang", "qu")
    phone.check("qu-contents")

    page.locator("#lessons a").first.click()
    expect(page.locator("#quiz fieldset.question").first).to_be_visible()
    page.locator("#quiz details summary").first.click()
    expect(page.locator("#quiz details li.right").first).to_be_visible()
    phone.check("qu-lesson")

    page.locator('nav.languages a[hreflang="es"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    phone.check("es-lesson")

    page.locator("#links a").first.click()
    expect(page.locator("article.plant h1")).to_be_visible()
    phone.check("es-plant")

    page.locator("a.site-name").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    phone.check("es-contents")
    page.locator('#plants a[href$="theobroma-cacao.html"]').click()
    photo = page.locator("#gallery img")
    photo.scroll_into_view_if_needed()
    # Loaded from the pack (lazily, as on the site).
    page.wait_for_function(
        "() => document.querySelector('#gallery img').naturalWidth > 0"
    )
    expect(page.locator("#recordings audio")).to_have_count(1)
    phone.check("es-plant-photo")

    page.locator('nav.languages a[hreflang="jiv"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "jiv")
    # Its calendar and the pack's layers, drawn in the pack's Shuar page.
    expect(page.locator("#calendar svg.chart-months")).to_have_count(1)
    expect(page.locator("#layers svg a").first).to_be_attached()
    phone.check("jiv-plant-photo")

    page.locator("a.site-name").click()
    expect(page.locator("#layers svg a").first).to_be_attached()
    phone.check("jiv-contents")
    page.locator("#guides a").first.click()
    expect(page.locator("article.guide")).to_be_visible()
    phone.check("jiv-guide")

    assert phone.outside == [], phone.outside
    assert phone.failed == [], phone.failed
