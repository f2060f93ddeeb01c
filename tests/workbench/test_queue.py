"""The queue: every text awaiting something (titles, prose, blocks), the most
read first, and only on pages the access rule lets her see."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Recording
from knowledge_portal.workbench import reads
from knowledge_portal.workbench.models import PageReads
from knowledge_portal.workbench.queue import work_queue
from tests import factories

from . import factories as make
from .conftest import PLANT, text_url

pytestmark = pytest.mark.django_db

CANARY = "Zwetlockcanary"


def test_every_kind_of_text_is_in_the_queue(entries, rosa, seeded, tmp_path):
    make.load(tmp_path, lessons=[factories.lesson("leccion-workbench", questions=1)])
    keys = {
        (item.page.slug, item.slot.key.split(":")[0], item.slot.key.count(":"))
        for item in work_queue(rosa, "qu")
    }
    assert (PLANT, "summary", 0) in keys
    assert ("injerto-workbench", "summary", 0) in keys
    assert ("injerto-workbench", "materials", 0) in keys
    assert ("injerto-workbench", "steps", 1) in keys  # steps and the warning
    for expected in [
        ("leccion-workbench", "objectives", 0),
        ("leccion-workbench", "activity", 0),
        ("leccion-workbench", "quiz", 1),  # the question
        ("leccion-workbench", "quiz", 3),  # an answer
        ("leccion-workbench", "quiz", 4),  # its feedback
        ("curso-prueba", "method", 0) if False else ("curso-prueba", "intro", 0),
    ]:
        assert expected in keys, expected


def test_a_title_awaiting_translation_is_in_the_queue(entries, rosa):
    plant = entries["plant"]["qu"]
    plant.set_field_status("title", "awaiting-translation")
    plant.save_revision().publish()
    items = [item for item in work_queue(rosa, "qu") if item.page.pk == plant.pk]
    assert "title" in [item.slot.key for item in items]
    title = next(item for item in items if item.slot.key == "title")
    assert title.spanish == entries["plant"]["es"].title


def test_the_most_read_pages_come_first(client, entries, rosa, seeded, tmp_path):
    make.load(tmp_path, plants=[make.plant_awaiting("inga-leidissima", "Leída.")])
    popular = PlantProfilePage.objects.get(
        slug="inga-leidissima", locale__language_code="es"
    )
    quiet = entries["plant"]["es"]
    for _ in range(3):
        client.get(popular.url)
    client.get(quiet.url)
    # Reads of every language count: Kichwa readers of the page too.
    client.get(entries["plant"]["qu"].url)
    items = work_queue(rosa, "qu")
    order = [item.page.slug for item in items if item.slot.key == "summary"]
    assert order[:2] == ["inga-leidissima", PLANT]
    assert items[0].reads == 3
    # Counted in memory, then added up in the database once.
    assert (
        PageReads.objects.get(
            translation_key=popular.translation_key, language="es"
        ).reads
        == 3
    )
    assert not reads._counts


def test_a_page_from_the_page_cache_is_counted_too(client, entries, settings):
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    url = entries["plant"]["es"].url
    first, second = client.get(url), client.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    reads.flush()
    assert (
        PageReads.objects.get(
            translation_key=entries["plant"]["es"].translation_key
        ).reads
        == 2
    )
    caches["pages"].clear()


def test_reading_a_page_writes_nothing_to_the_database(client, entries):
    url = entries["plant"]["es"].url
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert captured.captured_queries
    assert not any("pagereads" in query["sql"] for query in captured.captured_queries)
    assert reads._counts[str(entries["plant"]["es"].translation_key), "es"] == 2


def test_texts_of_a_page_of_another_community_are_not_hers(
    client, entries, rosa, shuar_reviewer, kallari, seeded, tmp_path
):
    make.load(
        tmp_path, plants=[make.plant_awaiting("inga-secretissima", f"Saber {CANARY}.")]
    )
    secret = {}
    for page in PlantProfilePage.objects.filter(
        slug="inga-secretissima"
    ).select_related("locale"):
        page.access = "community"
        page.access_communities = [kallari.pk]
        page.save_revision().publish()
        secret[page.locale.language_code] = page
    # Read by members: first in the queue of whoever may see it.
    client.force_login(rosa)
    for _ in range(5):
        assert client.get(secret["qu"].url).status_code == 200
    # The Shuar reviewer, of another community, finds it nowhere.
    client.force_login(shuar_reviewer)
    seen = _crawl_queue(client, "/jiv/workbench/jiv/")
    assert CANARY not in seen
    for code in ("jiv", "qu"):
        url = f"/jiv/workbench/{code}/{secret[code].pk}/summary/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"text": "x", "credit": "name:"}).status_code == 404
    # A reviewer of the community does (the positive control).
    client.force_login(rosa)
    assert CANARY in _crawl_queue(client, "/qu/workbench/qu/")
    url = text_url("qu", secret["qu"], "summary")
    assert client.get(url).status_code == 200
    # Her recording of it takes the page's protocol: only members hear it.
    secret["qu"].refresh_from_db()
    voice = SimpleUploadedFile("voz.wav", factories.wav_bytes(), "audio/wav")
    response = client.post(
        url,
        {
            "recording": voice,
            "credit": "name:kallari-prueba",
            "revision": secret["qu"].live_revision_id,
        },
    )
    assert response.status_code == 302
    secret["qu"].refresh_from_db()
    audio = secret["qu"].text_record("summary")["audio"]
    recording = Recording.objects.get(pk=audio["recording"])
    assert recording.access_communities == [kallari.pk]
    assert client.get(recording.file.url).status_code == 200
    assert 'preload="none"' in client.get(secret["qu"].url).content.decode()
    for outsider in (shuar_reviewer, None):
        client.logout()
        if outsider:
            client.force_login(outsider)
        assert client.get(recording.file.url).status_code == 404


def _crawl_queue(client, url):
    """Every page of the queue, and the texts its first page links to."""
    seen = []
    first = True
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        document = BeautifulSoup(response.content, "html.parser")
        seen.append(response.content.decode())
        for link in document.select(".work-queue a.button") if first else ():
            seen.append(client.get(link["href"]).content.decode())
        first = False
        following = document.select_one("a[rel=next]")
        url = url.split("?")[0] + following["href"] if following else None
    return " ".join(seen)
