"""Pages travel gzip-compressed; photos and recordings never are."""

import gzip

from knowledge_portal.plants.models import PlantGalleryImage, PlantProfilePage
from tests import factories
from tests.core.test_page_cache import GUAYUSA, page_cache  # noqa: F401


def test_pages_are_compressed_for_clients_that_accept_it(client, seeded):
    plain = client.get(GUAYUSA)
    packed = client.get(GUAYUSA, HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2


def test_cached_pages_are_compressed_too(client, seeded, page_cache):  # noqa: F811
    client.get(GUAYUSA)
    hit = client.get(GUAYUSA, HTTP_ACCEPT_ENCODING="gzip")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip"
    assert b"Ilex guayusa" in gzip.decompress(hit.content)


def test_photos_are_sent_as_they_are(client, seeded, tmp_path):
    from knowledge_portal.site.content.loader import load_content

    factories.write_image(tmp_path, "con-foto", "hoja.png", width=300, height=200)
    data = factories.plant("con-foto", images=[{"file": "hoja.png", "credit": "Sisa"}])
    factories.write_entry(tmp_path, data)
    assert not load_content(tmp_path).errors
    page = PlantProfilePage.objects.get(slug="con-foto", locale__language_code="es")
    image = PlantGalleryImage.objects.get(page=page).image
    response = client.get(image.file.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
