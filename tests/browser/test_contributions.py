"""A chakramama shares a practice with a photo from her phone."""

from django.contrib.auth.models import Group
from PIL import Image as PillowImage
from PIL import ImageDraw
from playwright.sync_api import expect

from knowledge_portal.contributions.models import Contribution, KnowledgeNotePage
from knowledge_portal.core import roles
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Community
from tests.browser.phone import browser_test, in_spanish

pytestmark = browser_test

PASSWORD = "a-long-passphrase-9"
PRACTICE = "Sembramos la guayusa a la sombra del cacao, cerca de la casa."


def jpeg(path, size=(320, 240)):
    image = PillowImage.new("RGB", size, (46, 107, 58))
    ImageDraw.Draw(image).ellipse((80, 40, 240, 200), fill=(122, 75, 42))
    image.save(path, "JPEG", quality=85)
    return path


def test_chakramama_shares_a_note_with_a_photo(phone, django_user_model, tmp_path):
    rosa = django_user_model.objects.create_user(
        "rosa", password=PASSWORD, first_name="Rosa", last_name="Grefa"
    )
    rosa.groups.add(Group.objects.get(name=roles.CHAKRAMAMA))
    community, _created = Community.objects.get_or_create(
        slug="winak", defaults={"name": "Wiñak"}
    )
    community.members.add(rosa)
    cacao = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )
    photo = jpeg(tmp_path / "cacao-y-guayusa.jpg")
    page = phone.page

    phone.open("/es/contribute/")
    phone.sign_in("rosa", PASSWORD)
    expect(page).to_have_url(phone.url("/es/contribute/"))
    phone.check("start")

    page.get_by_role(
        "link", name=in_spanish("Add to a plant: a use, a practice, a story, a recipe")
    ).click()
    expect(page).to_have_url(phone.url("/es/contribute/note/"))
    phone.check("choose-plant")

    page.locator("main").get_by_role("link", name=cacao.title, exact=True).click()
    expect(page).to_have_url(phone.url(f"/es/contribute/note/{cacao.pk}/"))
    form = page.locator("form.contribution-form")
    form.locator('input[name="kind"][value="practice"]').check()
    form.locator('textarea[name="text"]').fill(PRACTICE)
    form.locator('input[name="credit_as"][value="name"]').check()
    form.locator('select[name="community"]').select_option(label="Wiñak")
    form.locator('input[name="access"][value="public"]').check()
    form.locator('input[name="commercial_use"][value="no"]').check()
    form.locator('input[name="consent"]').check()
    form.locator('input[name="photos"]').set_input_files(photo)
    phone.check("note-form")

    form.locator("button[type=submit]").click()
    expect(page).to_have_url(phone.url("/es/contribute/mine/"))
    thanks = in_spanish("Thank you! Your knowledge was received.")
    expect(page.get_by_role("status").filter(has_text=thanks)).to_be_visible()
    received = page.locator(".contributions li.status-received")
    expect(received).to_have_count(1)
    phone.check("confirmation")

    note = KnowledgeNotePage.objects.child_of(cacao).get()
    assert note.text == PRACTICE
    assert note.kind == "practice"
    assert not note.live
    assert note.credit_line == "Rosa Grefa"
    expect(received).to_contain_text(note.title)
    assert Contribution.objects.filter(contributor=rosa, page=note).exists()
    [stored] = [item.image for item in note.photos.all()]
    assert (stored.width, stored.height) == (320, 240)
    with stored.file.open("rb") as handle:
        assert handle.read() == photo.read_bytes()
