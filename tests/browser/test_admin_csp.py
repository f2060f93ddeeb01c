"""Wagtail's admin works under its Content-Security-Policy, in real Chromium.

The admin's policy (settings.CONTENT_SECURITY_POLICY_ADMIN) allows only what
the admin was seen to need; Chromium reports anything else it refuses on the
console, so an editor's day is walked through and the console must stay free
of policy violations.
"""

from PIL import Image as PillowImage

from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.plants.models import PlantProfilePage
from tests.browser.phone import browser_test

pytestmark = browser_test

PASSWORD = "a-long-passphrase-9"


def violations_of(page):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return found


def test_an_editor_works_in_the_admin_without_policy_violations(
    browser, live_server, django_user_model, tmp_path
):
    django_user_model.objects.create_superuser("editora", password=PASSWORD)
    plant = PlantProfilePage.objects.filter(locale__language_code="es").first()
    guide = GuidePage.objects.filter(locale__language_code="es").first()
    lesson = LessonPage.objects.filter(locale__language_code="es").first()
    photo = tmp_path / "hoja.jpg"
    PillowImage.new("RGB", (640, 480), (40, 120, 60)).save(photo)

    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    violations = violations_of(page)
    base = live_server.url

    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "editora")
    page.fill("#id_password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    for path in [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{plant.get_parent().pk}/",
        f"/admin/pages/{guide.pk}/edit/",
        f"/admin/pages/{lesson.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
        "/admin/account/",
        "/admin/pages/search/?q=cacao",
    ]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")

    # The page editor with its preview panel, which frames the page.
    page.goto(f"{base}/admin/pages/{plant.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    preview = page.frame_locator(".w-preview__iframe").last
    preview.locator("h1").first.wait_for()

    # Uploading photos shows previews from blob: URLs.
    page.goto(f"{base}/admin/images/multiple/add/")
    page.set_input_files("#fileupload", str(photo))
    page.locator(".upload-success, .upload-failure").first.wait_for()
    assert page.locator(".upload-success").count() == 1

    context.close()
    assert violations == []


def test_the_public_pages_run_under_the_strict_policy(browser, live_server):
    plant = PlantProfilePage.objects.filter(locale__language_code="qu").first()
    context = browser.new_context()
    page = context.new_page()
    violations = violations_of(page)
    for path in ["/es/", plant.url, "/es/search/?q=cacao", "/jiv/join/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    context.close()
    assert violations == []
