"""Media files are stored and sent as what they are, never as their name says.

A PNG that is also an HTML page, sent as ``x.html``, and a JPEG that is also
a script, sent as ``x.js``, are stored as ``.png`` and ``.jpg`` and served as
images; files stored under a wrong name earlier are served by their content
too. Headers keep browsers from sniffing, saving or caching what they should
not, and recordings answer byte ranges (tests/browser/test_media.py shows a
browser never runs them).
"""

import io
import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from knowledge_portal.contributions.models import KnowledgeNotePage
from knowledge_portal.core import roles
from knowledge_portal.core.file_responses import RangeNotSatisfiable, requested_range
from knowledge_portal.plants.models import PlantGalleryImage, PlantProfilePage
from knowledge_portal.protocols.models import ImageProtocol, Recording
from tests import factories

pytestmark = pytest.mark.django_db

TOKEN = r"[A-Za-z0-9_-]{12}"


def fetch(client, url, **headers):
    """The response, with its whole body read (the test client then closes
    the file)."""
    response = client.get(url, headers=headers)
    response.body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return response


@pytest.fixture
def chakramama(django_user_model):
    user = django_user_model.objects.create_user("rosa", password="a-long-pass-9")
    user.groups.add(Group.objects.get(name=roles.CHAKRAMAMA))
    return user


def contribute(client, user, **files):
    client.force_login(user)
    cacao = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )
    response = client.post(
        f"/es/contribute/note/{cacao.pk}/",
        {
            "kind": "practice",
            "text": "Se siembra junto al cacao.",
            "credit_as": "name",
            "access": "public",
            "commercial_use": "no",
            "consent": "on",
            **files,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return KnowledgeNotePage.objects.get()


def test_contributed_polyglots_are_stored_and_served_as_images(
    client, seeded, chakramama, admin_user
):
    png, jpeg = factories.png_html_polyglot(), factories.jpeg_js_polyglot()
    note = contribute(
        client,
        chakramama,
        photos=[SimpleUploadedFile("x.html", png), SimpleUploadedFile("x.js", jpeg)],
    )
    stored = [photo.image for photo in note.photos.order_by("sort_order")]
    assert re.fullmatch(rf"original_images/x-{TOKEN}\.png", stored[0].file.name)
    assert re.fullmatch(rf"original_images/x-{TOKEN}\.jpg", stored[1].file.name)

    # The moderator opens the links in her session.
    client.force_login(admin_user)
    for image, content, content_type in [
        (stored[0], png, "image/png"),
        (stored[1], jpeg, "image/jpeg"),
    ]:
        response = fetch(client, image.file.url)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        extension = content_type.split("/")[1].replace("jpeg", "jpg")
        assert re.fullmatch(
            # The name is sanitised for the header: lower case, and a "-" or
            # "_" at either end of the random part is dropped.
            rf'inline; filename="x-[a-z0-9_-]{{6,12}}\.{extension}"',
            response["Content-Disposition"],
        )
        assert response.body == content


def test_contributed_recordings_get_an_unguessable_address(client, seeded, chakramama):
    wav = factories.wav_bytes()
    first = contribute(client, chakramama, recording=SimpleUploadedFile("voz.mp3", wav))
    name = first.recordings.get().recording.file.name
    today = date.today()
    assert re.fullmatch(rf"recordings/{today:%Y}/{today:%m}/{TOKEN}/voz\.wav", name), (
        name
    )
    assert first.recordings.get().recording.mime_type == "audio/wav"


def stored_image(name, content, **protocol):
    image = get_image_model().objects.create(
        title=name, file=ImageFile(io.BytesIO(content), name=name), width=16, height=16
    )
    if protocol:
        ImageProtocol.objects.create(image=image, **protocol)
    return image


def test_a_file_stored_under_a_wrong_name_is_served_as_what_it_is(
    client, seeded, admin_user
):
    client.force_login(admin_user)
    png = stored_image("old.html", factories.png_html_polyglot())
    jpeg = stored_image("old.js", factories.jpeg_js_polyglot())
    assert png.file.name.endswith(".html") and jpeg.file.name.endswith(".js")

    response = fetch(client, png.file.url)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="old.png"'
    response = fetch(client, jpeg.file.url)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'inline; filename="old.jpg"'


def test_an_image_that_is_not_one_is_only_a_download(client, seeded, admin_user):
    client.force_login(admin_user)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    image = stored_image("icon.svg", svg)
    response = fetch(client, image.file.url)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="icon.bin"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("mime_type", "content_type", "disposition"),
    [
        ("audio/wav", "audio/wav", 'inline; filename="voz.wav"'),
        ("text/html", "application/octet-stream", 'attachment; filename="voz.bin"'),
    ],
)
def test_a_recording_is_sent_as_the_type_its_check_found(
    client, seeded, admin_user, mime_type, content_type, disposition
):
    client.force_login(admin_user)
    recording = Recording(mime_type=mime_type, title="Voz")
    recording.file.save("voz.html", ContentFile(factories.wav_bytes()))
    response = fetch(client, recording.file.url)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == disposition


def test_public_files_are_revalidated_and_restricted_ones_never_stored(
    client, seeded, admin_user
):
    public = stored_image("hoja.png", factories.png_bytes())
    cacao = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )
    PlantGalleryImage.objects.create(page=cacao, image=public)
    response = fetch(client, public.file.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"] and response["Last-Modified"]
    again = fetch(client, public.file.url, if_none_match=response["ETag"])
    assert again.status_code == 304
    assert again.body == b""
    assert again["Cache-Control"] == "public, max-age=60"

    keepers = Group.objects.create(name="Guardianas")
    secret = stored_image(
        "secreto.png",
        factories.png_bytes(),
        access="restricted",
        access_group=keepers,
    )
    assert fetch(client, secret.file.url).status_code == 404
    client.force_login(admin_user)
    response = fetch(client, secret.file.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


# Byte ranges -------------------------------------------------------------------


@pytest.fixture
def recording(admin_user, client):
    client.force_login(admin_user)
    recording = Recording(mime_type="audio/wav", title="Voz")
    recording.file.save("voz.wav", ContentFile(factories.wav_bytes()))
    return recording


def test_a_recording_answers_byte_ranges(client, recording):
    wav = factories.wav_bytes()
    size = len(wav)
    url = recording.file.url

    whole = fetch(client, url)
    assert whole.status_code == 200
    assert whole["Accept-Ranges"] == "bytes"
    assert whole.body == wav

    for header, first, last in [
        ("bytes=0-1", 0, 1),
        ("bytes=10-99", 10, 99),
        ("bytes=100-", 100, size - 1),
        ("bytes=-16", size - 16, size - 1),
        (f"bytes=-{size + 500}", 0, size - 1),
        (f"bytes=1-{size * 2}", 1, size - 1),
    ]:
        part = fetch(client, url, range=header)
        assert part.status_code == 206, header
        assert part["Content-Range"] == f"bytes {first}-{last}/{size}"
        assert int(part["Content-Length"]) == last - first + 1
        assert part["Content-Type"] == "audio/wav"
        assert part["Accept-Ranges"] == "bytes"
        assert part.body == wav[first : last + 1], header


@pytest.mark.parametrize("header", ["bytes={size}-", "bytes={size}-{size}", "bytes=-0"])
def test_a_range_past_the_end_is_416(client, recording, header):
    size = recording.file.size
    response = fetch(client, recording.file.url, range=header.format(size=size))
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"
    assert response.body == b""


@pytest.mark.parametrize(
    "headers",
    [
        {"range": "bytes=0-1,4-5"},
        {"range": "lines=1-2"},
        {"range": "bytes=9-2"},
        {"range": "bytes=0-1", "if_range": '"an-older-version"'},
    ],
    ids=["several-ranges", "other-unit", "backwards", "if-range-stale"],
)
def test_other_range_requests_get_the_whole_file(client, recording, headers):
    response = fetch(client, recording.file.url, **headers)
    assert response.status_code == 200
    assert response.body == factories.wav_bytes()


def test_if_range_with_the_current_etag_gets_the_range(client, recording):
    etag = fetch(client, recording.file.url)["ETag"]
    response = fetch(client, recording.file.url, range="bytes=0-3", if_range=etag)
    assert response.status_code == 206
    assert response.body == b"RIFF"


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        (None, 10, None),
        ("", 10, None),
        ("bytes=0-0", 10, (0, 0)),
        ("bytes=2-", 10, (2, 9)),
        (" bytes=2-4 ", 10, (2, 4)),
        ("bytes=-3", 10, (7, 9)),
        ("bytes=-30", 10, (0, 9)),
        ("bytes=5-300", 10, (5, 9)),
        ("bytes=-", 10, None),
        ("bytes=4-3", 10, None),
        ("bytes=0-1, 3-4", 10, None),
        ("bytes=" + "9" * 40 + "-", 10, None),
        ("bytes=10-", 10, RangeNotSatisfiable),
        ("bytes=-0", 10, RangeNotSatisfiable),
        ("bytes=0-", 0, RangeNotSatisfiable),
        ("bytes=-1", 0, RangeNotSatisfiable),
    ],
)
def test_requested_range(header, size, expected):
    if expected is RangeNotSatisfiable:
        with pytest.raises(RangeNotSatisfiable):
            requested_range(header, size)
    else:
        assert requested_range(header, size) == expected
