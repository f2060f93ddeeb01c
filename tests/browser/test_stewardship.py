"""A community's steward opens a plant to everyone from her phone, in each
language, with a reason."""

from playwright.sync_api import expect

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import (
    Community,
    CommunityLogEntry,
    Membership,
    Role,
)
from tests.browser.phone import browser_test, in_spanish

pytestmark = browser_test

PASSWORD = "a-long-passphrase-9"
SLUG = "theobroma-cacao"


def test_a_steward_changes_a_protocol_on_her_phone(phone, django_user_model):
    kallari = Community.objects.create(name="Kallari Prueba", slug="kallari-prueba")
    steward = django_user_model.objects.create_user("killa", password=PASSWORD)
    Membership.objects.create(community=kallari, user=steward, roles=[Role.STEWARD])
    for page in PlantProfilePage.objects.filter(slug=SLUG):
        page.access, page.access_communities = "community", [kallari.pk]
        page.save_revision().publish()
    page = phone.page

    phone.open("/es/accounts/login/")
    phone.sign_in("killa", PASSWORD)
    phone.check("signed-in")
    for code in ("es", "qu", "jiv"):
        cacao = PlantProfilePage.objects.get(slug=SLUG, locale__language_code=code)
        phone.open(f"/{code}/communities/kallari-prueba/protocols/")
        item = page.locator(f"#page-{cacao.pk}")
        expect(item).to_contain_text(cacao.title)
        phone.check(f"{code}-list")
        item.locator("summary").click()
        phone.check(f"{code}-form")

    # In Spanish: without a reason she is told, and nothing changes.
    cacao = PlantProfilePage.objects.get(slug=SLUG, locale__language_code="es")
    phone.open("/es/communities/kallari-prueba/protocols/")
    form = page.locator(f"#page-{cacao.pk} form")
    page.locator(f"#page-{cacao.pk} summary").click()
    form.locator('input[name$="-access"][value="public"]').check()
    # The browser's own check would stop an empty reason; a space gets past it.
    form.locator('textarea[name$="-reason"]').fill(" ")
    form.locator("button[type=submit]").click()
    expect(form.get_by_role("alert").first).to_be_visible()
    phone.check("es-no-reason")
    assert PlantProfilePage.objects.get(pk=cacao.pk).access == "community"

    form = page.locator(f"#page-{cacao.pk} form")
    form.locator('input[name$="-access"][value="public"]').check()
    form.locator('textarea[name$="-reason"]').fill("La asamblea lo abrió a todos.")
    form.locator("button[type=submit]").click()
    changed = in_spanish("The protocol was changed.")
    expect(page.get_by_text(changed)).to_be_visible()
    phone.check("es-changed")
    for translation in PlantProfilePage.objects.filter(slug=SLUG):
        assert translation.access == "public"
    # Logged in each community the plant belongs to (those credited too).
    entry = CommunityLogEntry.objects.get(action="protocol", community=kallari)
    assert entry.actor == steward
    assert entry.detail["reason"] == "La asamblea lo abrió a todos."
