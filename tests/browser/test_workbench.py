"""A Kichwa and a Shuar reviewer at the translation workbench on a phone: the
list and the form in Spanish, Kichwa and Shuar; a text written and recorded
shows on the page with her credit and a player."""

from playwright.sync_api import expect

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Community, Membership, Role
from tests import factories
from tests.browser.phone import browser_test

pytestmark = browser_test

PASSWORD = "a-long-passphrase-9"
SLUG = "theobroma-cacao"


def reviewer(django_user_model, community, role, username, first_name):
    user = django_user_model.objects.create_user(
        username, password=PASSWORD, first_name=first_name
    )
    Membership.objects.create(community=community, user=user, roles=[role])
    return user


def test_reviewers_work_on_their_phones(phone, django_user_model, tmp_path):
    kallari = Community.objects.create(name="Kallari Prueba", slug="kallari-prueba")
    nunkui = Community.objects.create(name="Nunkui Prueba", slug="nunkui-prueba")
    reviewer(django_user_model, kallari, Role.REVIEWER_QU, "rosa", "Rosa")
    reviewer(django_user_model, nunkui, Role.REVIEWER_JIV, "nantu", "Nantu")
    plants = {
        page.locale.language_code: page
        for page in PlantProfilePage.objects.filter(slug=SLUG).select_related("locale")
    }
    page = phone.page

    phone.open("/es/accounts/login/")
    phone.sign_in("rosa", PASSWORD)
    phone.check("signed-in")
    phone.open("/es/workbench/")
    phone.check("es-landing")
    for code in ("es", "qu"):
        phone.open(f"/{code}/workbench/qu/")
        expect(page.locator(".work-queue li").first).to_be_visible()
        phone.check(f"{code}-list")
        phone.open(f"/{code}/workbench/qu/{plants['qu'].pk}/summary/")
        expect(page.locator('.spanish[lang="es"]')).to_be_visible()
        phone.check(f"{code}-form")

    # Her text and her voice, from the Kichwa form.
    form = page.locator("form.workbench-form")
    form.locator("textarea[name=text]").fill("QU-TEST: Rosa's summary.")
    audio = tmp_path / "voz.wav"
    audio.write_bytes(factories.wav_bytes())
    form.locator("input[name=recording]").set_input_files(str(audio))
    form.locator("input[name=reviewed]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    phone.check("qu-saved")
    phone.open(plants["qu"].url)
    summary = page.locator("#summary")
    expect(summary.locator('div[lang="qu"]')).to_contain_text("Rosa's summary")
    expect(summary.locator(".credit").first).to_contain_text("Rosa (Kallari Prueba)")
    expect(summary.locator("audio[controls]")).to_have_count(1)
    phone.check("qu-plant")

    page.locator(".account button").click()
    page.wait_for_load_state("load")
    phone.check("signed-out")
    phone.open("/jiv/accounts/login/")
    phone.sign_in("nantu", PASSWORD)
    phone.check("jiv-signed-in")
    phone.open("/jiv/workbench/jiv/")
    phone.check("jiv-list")
    phone.open(f"/jiv/workbench/jiv/{plants['jiv'].pk}/summary/")
    phone.check("jiv-form")
    # The Kichwa text is not hers.
    phone.open_error(f"/jiv/workbench/qu/{plants['qu'].pk}/summary/", 404)
    phone.check("jiv-not-hers")
