"""Photos reach phones as WebP renditions at most 480 px wide and well under
80 KB, through the protocol check (knowledge_portal/core/photos.py)."""

import io
import random

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageChops, ImageDraw, ImageFilter
from wagtail.images import get_image_model

from knowledge_portal.protocols.models import Community, ImageProtocol
from knowledge_portal.site.content.loader import load_content
from tests import factories

pytestmark = pytest.mark.django_db

PHONE_WIDTH = 480
PHONE_BYTES = 80_000


def camera_photo(width=2000, height=1500, seed=7):
    """A JPEG like a phone's photo of a chakra: leaves of many greens over a
    gradient, softened by the lens, with sensor noise (about 1.6 MB)."""
    rng = random.Random(seed)  # noqa: S311  (a picture, not a secret)
    light = Image.linear_gradient("L").resize((width, height))
    photo = Image.merge(
        "RGB",
        (
            light.point(lambda v: 60 + v // 3),
            light.point(lambda v: 90 + v // 2),
            light.point(lambda v: 40 + v // 4),
        ),
    )
    draw = ImageDraw.Draw(photo)
    for _leaf in range(400):
        x, y, size = rng.randrange(width), rng.randrange(height), rng.randrange(15, 160)
        colour = (rng.randrange(10, 90), rng.randrange(70, 200), rng.randrange(0, 70))
        draw.ellipse((x - size, y - size // 2, x + size, y + size // 2), fill=colour)
    photo = photo.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    photo = ImageChops.add(photo, noise, offset=-128)
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, b"".join(response.streaming_content)


def candidates(element):
    """(url, width) for each candidate of a srcset."""
    return [
        (url, int(width.removesuffix("w")))
        for url, width in (item.split() for item in element["srcset"].split(", "))
    ]


@pytest.fixture
def photographed_plant(seeded, tmp_path):
    slug = "foto-grande"
    folder = tmp_path / "plants" / slug
    folder.mkdir(parents=True)
    original = camera_photo()
    assert len(original) > 1_000_000
    (folder / "chakra.jpg").write_bytes(original)
    factories.write_entry(
        tmp_path,
        factories.plant(slug, images=[{"file": "chakra.jpg", "credit": "Sisa"}]),
    )
    assert not load_content(tmp_path).errors
    return f"/es/plantas/{slug}/"


def test_a_phone_gets_a_small_webp_photo(client, photographed_plant):
    document = BeautifulSoup(client.get(photographed_plant).content, "html.parser")
    img = document.select_one("#gallery picture img")
    assert img["loading"] == "lazy"
    assert int(img["width"]) <= PHONE_WIDTH
    assert (int(img["width"]), int(img["height"])) == (480, 360)
    # Whatever its pixel density, a phone chooses among these.
    phone_choices = [(img["src"], int(img["width"])), *candidates(img)]
    for url, width in phone_choices:
        response, body = fetch(client, url)
        assert url.endswith(".webp")
        assert response["Content-Type"] == "image/webp"
        assert len(body) < PHONE_BYTES
        assert width <= PHONE_WIDTH
        with Image.open(io.BytesIO(body)) as served:
            assert served.format == "WEBP"
            assert served.width == width
    # The camera's file is never sent.
    original = get_image_model().objects.get(file__contains="chakra")
    assert original.file.url not in str(document)


def test_larger_screens_may_take_a_960_px_photo(client, photographed_plant):
    document = BeautifulSoup(client.get(photographed_plant).content, "html.parser")
    source = document.select_one("#gallery picture source")
    assert source["media"] == "(min-width: 48em)"
    assert source["type"] == "image/webp"
    url, width = candidates(source)[-1]
    assert width == 960
    with Image.open(io.BytesIO(fetch(client, url)[1])) as served:
        assert (served.format, served.width) == ("WEBP", 960)


def test_a_guide_step_photo_follows_its_protocol(
    client, seeded, tmp_path, django_user_model
):
    factories.write_image(
        tmp_path, "guia-foto", "paso.png", section="guides", width=900, height=600
    )
    guide = factories.guide(
        "guia-foto",
        steps=[
            {
                "kind": "step",
                "image": "paso.png",
                "text": factories.localized("Cortar la rama."),
            }
        ],
    )
    factories.write_entry(tmp_path, guide, folder="guides")
    assert not load_content(tmp_path).errors
    url = "/es/guias/guia-foto/"

    def step_images():
        document = BeautifulSoup(client.get(url).content, "html.parser")
        return document.select(".steps picture img")

    [img] = step_images()
    assert img["src"].endswith(".webp") and int(img["width"]) == 480

    image = get_image_model().objects.get(file__contains="paso")
    sarayaku = Community.objects.create(name="Sarayaku", slug="sarayaku")
    ImageProtocol.objects.create(
        image=image, access="community", access_communities=[sarayaku.pk]
    )
    assert step_images() == []
    member = django_user_model.objects.create_user("sisa", password="x" * 12)
    sarayaku.members.add(member)
    client.force_login(member)
    assert len(step_images()) == 1
