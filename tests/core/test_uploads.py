"""Every way a file gets in applies core.uploads: the contribution forms, the
admin's image and document forms (single and multiple upload) and nothing
else (the profile picture upload is closed).

Each path is tried with a file too large and a file of the wrong type: the
answer names the problem in the user's language, and nothing is saved, in the
database or under MEDIA_ROOT.
"""

import io
import re
import struct
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.users.models import UserProfile

from knowledge_portal.contributions.models import Contribution
from knowledge_portal.core import roles, uploads
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Recording
from tests import factories

pytestmark = pytest.mark.django_db

PADDING = b"\x00" * (max(uploads.MAX_AUDIO_BYTES, uploads.MAX_DOCUMENT_BYTES) + 1)


def big_photo():
    # A whole PNG with junk after its end: a real photo, just too heavy.
    return factories.png_bytes() + PADDING[: uploads.MAX_IMAGE_BYTES + 1]


def big_recording():
    return factories.wav_bytes() + PADDING[: uploads.MAX_AUDIO_BYTES + 1]


def big_pdf():
    return b"%PDF-1.4\n" + PADDING[: uploads.MAX_DOCUMENT_BYTES + 1]


def truncated_png():
    # Wagtail's own check opens it; only decoding the pixels finds it broken.
    return factories.png_bytes(400, 400)[:150]


def media_files():
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


@pytest.fixture
def nothing_saved():
    """Asserts, after the test, that no image, document, recording,
    contribution, page or media file was added."""
    pages, images = Page.objects.count(), get_image_model().objects.count()
    documents = get_document_model().objects.count()
    recordings, files = Recording.objects.count(), media_files()
    yield
    assert Page.objects.count() == pages
    assert get_image_model().objects.count() == images
    assert get_document_model().objects.count() == documents
    assert Recording.objects.count() == recordings
    assert not Contribution.objects.exists()
    assert media_files() == files


def message(language, text, **values):
    with translation.override(language):
        return translation.gettext(text) % values


TOO_LARGE = "The file is too large (%(size)s). The limit is %(limit)s."


def too_large(language, size, limit):
    from django.template.defaultfilters import filesizeformat

    with translation.override(language):
        return message(
            language, TOO_LARGE, size=filesizeformat(size), limit=filesizeformat(limit)
        )


NOT_A_PHOTO = "This file is not a photo we can use. Send a JPEG, PNG or WebP photo."
NOT_AUDIO = "This file is not a recording we can play. Send %(types)s."
NOT_A_DOCUMENT = "This file is not a document we accept. Send %(types)s."


# The contribution forms -------------------------------------------------------


@pytest.fixture
def chakramama(client, django_user_model):
    user = django_user_model.objects.create_user("rosa", password="a-long-pass-9")
    user.groups.add(Group.objects.get(name=roles.CHAKRAMAMA))
    client.force_login(user)
    return user


def note_form(**files):
    return {
        "kind": "practice",
        "text": "Se siembra junto al cacao.",
        "credit_as": "name",
        "access": "public",
        "commercial_use": "no",
        "consent": "on",
        **files,
    }


CONTRIBUTION_CASES = [
    (
        "photos",
        lambda: SimpleUploadedFile("hoja.png", big_photo()),
        lambda language: too_large(language, len(big_photo()), uploads.MAX_IMAGE_BYTES),
    ),
    (
        "photos",
        lambda: SimpleUploadedFile("hoja.jpg", b"<html><script>x</script></html>"),
        lambda language: message(language, NOT_A_PHOTO),
    ),
    (
        "recording",
        lambda: SimpleUploadedFile("voz.wav", big_recording()),
        lambda language: too_large(
            language, len(big_recording()), uploads.MAX_AUDIO_BYTES
        ),
    ),
    (
        "recording",
        lambda: SimpleUploadedFile("voz.mp3", factories.png_bytes()),
        lambda language: message(language, NOT_AUDIO, types=uploads.AUDIO_EXTENSIONS),
    ),
]


@pytest.mark.parametrize("language", ["es", "qu"])
@pytest.mark.parametrize(
    ("field", "upload", "expected"),
    CONTRIBUTION_CASES,
    ids=["photo-too-large", "photo-wrong-type", "audio-too-large", "audio-wrong-type"],
)
def test_contribution_uploads(
    client, seeded, chakramama, nothing_saved, language, field, upload, expected
):
    cacao = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code=language
    )
    response = client.post(
        f"/{language}/contribute/note/{cacao.pk}/", note_form(**{field: upload()})
    )
    assert response.status_code == 200
    assert expected(language) in response.content.decode()


# Wagtail's admin ---------------------------------------------------------------


@pytest.fixture
def editor(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(admin_user)
    return admin_user


def odt_bytes(mimetype=b"application/vnd.oasis.opendocument.text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


ADMIN_IMAGE_CASES = [
    ("hoja.png", big_photo, "too large"),
    ("hoja.gif", lambda: gif_bytes(), NOT_A_PHOTO),
    ("hoja.png", truncated_png, NOT_A_PHOTO),
    ("hoja.png", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"/>', NOT_A_PHOTO),
]
ADMIN_IMAGE_IDS = ["too-large", "gif-not-accepted", "broken-image", "svg"]


def gif_bytes():
    from PIL import Image as PillowImage

    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 8)).save(buffer, "GIF")
    return buffer.getvalue()


def spanish(expected):
    if expected == "too large":
        return too_large("es", len(big_photo()), uploads.MAX_IMAGE_BYTES)
    return message("es", expected)


@pytest.mark.parametrize(
    ("name", "content", "expected"), ADMIN_IMAGE_CASES, ids=ADMIN_IMAGE_IDS
)
def test_admin_image_upload(
    client, seeded, editor, nothing_saved, name, content, expected
):
    response = client.post(
        "/admin/images/add/",
        {"title": "Hoja", "file": SimpleUploadedFile(name, content())},
    )
    assert response.status_code == 200
    assert spanish(expected) in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "expected"), ADMIN_IMAGE_CASES, ids=ADMIN_IMAGE_IDS
)
def test_admin_multiple_image_upload(
    client, seeded, editor, nothing_saved, name, content, expected
):
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content())},
    )
    data = response.json()
    assert data["success"] is False
    assert spanish(expected) in data["error_message"]
    assert len(data["error_message"].splitlines()) == 1


def test_admin_image_upload_still_accepts_a_photo(client, seeded, editor):
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Hoja",
            "file": SimpleUploadedFile("hoja.png", factories.png_bytes()),
        },
    )
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Hoja").exists()


DOCUMENT_TYPES = ", ".join(f".{item}" for item in uploads.DOCUMENT_EXTENSIONS)
ADMIN_DOCUMENT_CASES = [
    ("informe.pdf", big_pdf, "Este archivo es demasiado grande"),
    ("informe.pdf", lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 64, NOT_A_DOCUMENT),
    ("informe.odt", lambda: odt_bytes(b"application/zip"), NOT_A_DOCUMENT),
    ("lista.csv", lambda: b"MZ\x90\x00\x03\x00\x00\x00", NOT_A_DOCUMENT),
    (
        "pagina.html",
        lambda: b"<script>alert(1)</script>",
        "La extensión de archivo “html” no esta permitida. Las extensiones "
        "permitidas son: pdf, odt, txt, csv.",
    ),
]
ADMIN_DOCUMENT_IDS = [
    "too-large",
    "pdf-that-is-not",
    "odt-that-is-not",
    "binary-csv",
    "html-not-accepted",
]


def document_message(expected):
    if expected == NOT_A_DOCUMENT:
        return message("es", NOT_A_DOCUMENT, types=DOCUMENT_TYPES)
    return expected


@pytest.mark.parametrize(
    ("name", "content", "expected"), ADMIN_DOCUMENT_CASES, ids=ADMIN_DOCUMENT_IDS
)
def test_admin_document_upload(
    client, seeded, editor, nothing_saved, name, content, expected
):
    response = client.post(
        "/admin/documents/add/",
        {"title": "Informe", "file": SimpleUploadedFile(name, content())},
    )
    assert response.status_code == 200
    assert document_message(expected) in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "expected"), ADMIN_DOCUMENT_CASES, ids=ADMIN_DOCUMENT_IDS
)
def test_admin_multiple_document_upload(
    client, seeded, editor, nothing_saved, name, content, expected
):
    response = client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content())},
    )
    data = response.json()
    assert data["success"] is False
    assert document_message(expected) in data["error_message"]
    assert len(data["error_message"].splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("informe.pdf", b"%PDF-1.4\n%%EOF\n"),
        ("informe.odt", odt_bytes()),
        ("lista.csv", "nombre;uso\nguayusa;bebida\n".encode("cp1252")),
    ],
)
def test_admin_document_upload_still_accepts_documents(
    client, seeded, editor, name, content
):
    response = client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    assert get_document_model().objects.filter(title=name).exists()


def test_the_profile_picture_upload_is_closed(client, seeded, editor, nothing_saved):
    page = client.get("/admin/account/")
    assert page.status_code == 200
    assert 'name="avatar-avatar"' not in page.content.decode()
    client.post(
        "/admin/account/",
        {
            "avatar-avatar": SimpleUploadedFile("me.png", factories.png_bytes()),
            "name_email-first_name": "Ana",
            "name_email-last_name": "Admin",
            "name_email-email": "admin@example.com",
        },
    )
    assert not UserProfile.get_for_user(editor).avatar


# The rules themselves ----------------------------------------------------------


def test_document_rules():
    def check(name, content):
        return uploads.validate_document_upload(SimpleUploadedFile(name, content))

    assert check("a.PDF", b"%PDF-1.7\n") == "pdf"
    assert check("a.odt", odt_bytes()) == "odt"
    assert check("a.txt", "Ñukanchik chakra\n".encode()) == "txt"
    for name, content in [
        ("a", b"%PDF-1.7"),
        ("a.exe", b"MZ"),
        ("a.odt", b"PK\x03\x04 not really a zip"),
        ("a.txt", struct.pack("<I", 0)),
    ]:
        with pytest.raises(ValidationError):
            check(name, content)


def test_editing_an_image_without_a_new_file_keeps_it(client, seeded, editor):
    client.post(
        "/admin/images/add/",
        {
            "title": "Hoja",
            "file": SimpleUploadedFile("hoja.png", factories.png_bytes()),
        },
    )
    image = get_image_model().objects.get(title="Hoja")
    response = client.post(f"/admin/images/{image.pk}/", {"title": "Hoja de cacao"})
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Hoja de cacao" and image.file


def test_wagtail_limits_come_from_core_uploads():
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == uploads.MAX_IMAGE_BYTES
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == uploads.MAX_IMAGE_PIXELS
    assert settings.WAGTAILIMAGES_EXTENSIONS == uploads.IMAGE_EXTENSIONS
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == uploads.MAX_DOCUMENT_BYTES
    assert settings.WAGTAILDOCS_EXTENSIONS == uploads.DOCUMENT_EXTENSIONS


def test_the_account_page_is_still_for_editors_only(client, seeded, django_user_model):
    assert client.get("/admin/account/").status_code == 302
    learner = django_user_model.objects.create_user("kuri", password="a-long-pass-9")
    client.force_login(learner)
    response = client.get("/admin/account/")
    assert response.status_code in (302, 403)
    assert 'name="password-new_password1"' not in response.content.decode()


# Stored under the name of what they are -----------------------------------------


def test_stored_name_comes_from_the_content_not_the_name_sent():
    assert uploads.stored_name("x.html", "png") == "x.png"
    assert uploads.stored_name("../../Ñuka Panka.PNG.js", "jpg") == "nuka-pankapng.jpg"
    assert uploads.stored_name("", "webp") == "file.webp"
    assert uploads.stored_name("<script>.html", "png") == "script.png"
    first = uploads.stored_name("hoja.png", "png", unguessable=True)
    second = uploads.stored_name("hoja.png", "png", unguessable=True)
    assert first != second
    assert re.fullmatch(r"hoja-[A-Za-z0-9_-]{12}\.png", first)


@pytest.mark.parametrize(
    ("name", "content", "stored", "content_type"),
    [
        ("x.html", factories.png_html_polyglot, "png", "image/png"),
        ("x.js", factories.jpeg_js_polyglot, "jpg", "image/jpeg"),
    ],
)
@pytest.mark.parametrize("uploader", ["single", "multiple"])
def test_admin_image_is_stored_and_served_as_what_it_is(
    client, seeded, editor, uploader, name, content, stored, content_type
):
    upload = SimpleUploadedFile(name, content())
    if uploader == "single":
        response = client.post("/admin/images/add/", {"title": "Hoja", "file": upload})
        assert response.status_code == 302
    else:
        response = client.post("/admin/images/multiple/add/", {"files[]": upload})
        assert response.json()["success"] is True
    image = get_image_model().objects.get()
    # Django's storage adds "_" and 7 characters when the name is taken.
    assert re.fullmatch(rf"original_images/x(_\w{{7}})?\.{stored}", image.file.name)
    served = client.get(image.file.url)
    assert served["Content-Type"] == content_type
    assert b"".join(served.streaming_content) == content()


def test_admin_document_is_stored_under_a_clean_name(client, seeded, editor):
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Lista",
            "file": SimpleUploadedFile("Lista de <plantas>.CSV", b"a;b\n"),
        },
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert re.fullmatch(r"documents/lista-de-plantas(_\w{7})?\.csv", document.file.name)
    served = client.get(document.file.url)
    assert served["Content-Type"] == "text/csv"
    assert re.fullmatch(
        r'attachment; filename="lista-de-plantas(_\w{7})?\.csv"',
        served["Content-Disposition"],
    )
