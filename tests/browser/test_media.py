"""An uploaded file never runs in the browser, whatever it was called.

A chakramama sends, through the contribution form, a PNG that is also an
HTML page as ``x.html`` and a JPEG that is also a script as ``x.js``; older
files are stored under such names too. A moderator, signed in, opens the
links and visits a page of the site's origin that loads them as scripts.
Their code would set ``window.__pwned`` and the page title: neither ever
happens, and the same bytes served as HTML and JavaScript do run, so the
files are real attacks.
"""

import io

from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.images import get_image_model

from knowledge_portal.contributions.models import KnowledgeNotePage
from knowledge_portal.core import roles
from knowledge_portal.plants.models import PlantProfilePage
from tests import factories
from tests.browser.phone import browser_test

pytestmark = browser_test

PASSWORD = "a-long-passphrase-9"
MARKS = "() => [window.__pwned === 1, document.title === 'pwned']"


def contributed_photos(django_user_model):
    """The two polyglots, sent through the contribution form."""
    rosa = django_user_model.objects.create_user("rosa", password=PASSWORD)
    rosa.groups.add(Group.objects.get(name=roles.CHAKRAMAMA))
    cacao = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )
    client = Client()
    client.force_login(rosa)
    response = client.post(
        f"/es/contribute/note/{cacao.pk}/",
        {
            "kind": "practice",
            "text": "Se siembra junto al cacao.",
            "credit_as": "name",
            "access": "public",
            "commercial_use": "no",
            "consent": "on",
            "photos": [
                SimpleUploadedFile("x.html", factories.png_html_polyglot()),
                SimpleUploadedFile("x.js", factories.jpeg_js_polyglot()),
            ],
        },
    )
    assert response.status_code == 302
    note = KnowledgeNotePage.objects.get()
    return [photo.image for photo in note.photos.order_by("sort_order")]


def stored_under_its_name(name, content):
    """A file stored before names were decided by content."""
    return get_image_model().objects.create(
        title=name, file=ImageFile(io.BytesIO(content), name=name), width=16, height=16
    )


def attack_page(scripts):
    tags = "".join(
        f'<script src="{url}" charset="ISO-8859-1"></script>' for url in scripts
    )
    return f"<!doctype html><title>clean</title><p>clean</p>{tags}"


def test_uploaded_polyglots_never_run(browser, live_server, django_user_model):
    django_user_model.objects.create_superuser("moderadora", password=PASSWORD)
    page_photo, script_photo = contributed_photos(django_user_model)
    assert page_photo.file.name.endswith(".png")
    assert script_photo.file.name.endswith(".jpg")
    old_page = stored_under_its_name("old.html", factories.png_html_polyglot())
    old_script = stored_under_its_name("old.js", factories.jpeg_js_polyglot())
    assert old_page.file.name.endswith(".html")

    base = live_server.url
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "moderadora")
    page.fill("#id_password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    # She opens the links.
    for image, content_type in [
        (page_photo, "image/png"),
        (old_page, "image/png"),
        (script_photo, "image/jpeg"),
        (old_script, "image/jpeg"),
    ]:
        response = page.goto(base + image.file.url)
        headers = response.all_headers()
        assert response.status == 200
        assert headers["content-type"] == content_type
        assert headers["x-content-type-options"] == "nosniff"
        assert page.evaluate(MARKS) == [False, False], image.file.name

    # A page of the site's own origin loads them as scripts.
    scripts = [script_photo.file.url, old_script.file.url]
    page.route(
        f"{base}/attack/",
        lambda route: route.fulfill(
            content_type="text/html", body=attack_page(scripts)
        ),
    )
    page.goto(f"{base}/attack/")
    page.wait_for_load_state("load")
    assert page.evaluate(MARKS) == [False, False]
    refused = [text for text in console if "Refused to execute script" in text]
    assert len(refused) == len(scripts), console

    # The same bytes, served as what their old names said, do run.
    page.route(
        f"{base}/control/page.html",
        lambda route: route.fulfill(
            content_type="text/html", body=factories.png_html_polyglot()
        ),
    )
    page.goto(f"{base}/control/page.html")
    assert page.evaluate(MARKS) == [True, True]
    page.route(
        f"{base}/control/script.js",
        lambda route: route.fulfill(
            content_type="text/javascript", body=factories.jpeg_js_polyglot()
        ),
    )
    page.route(
        f"{base}/control/",
        lambda route: route.fulfill(
            content_type="text/html", body=attack_page(["/control/script.js"])
        ),
    )
    page.goto(f"{base}/control/")
    page.wait_for_load_state("load")
    assert page.evaluate(MARKS) == [True, True]
    context.close()
