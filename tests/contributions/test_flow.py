"""A chakramama shares a note with photo and voice; a moderator publishes it."""

import io
import struct

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from knowledge_portal.contributions.models import (
    Contribution,
    KnowledgeNotePage,
)
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Community, Recording
from tests import factories

pytestmark = pytest.mark.django_db


def wav_bytes(seconds=0.1, rate=8000):
    frames = b"\x00\x00" * int(seconds * rate)
    header = b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    return header + b"data" + struct.pack("<I", len(frames)) + frames


def photo(name="hoja.png"):
    return SimpleUploadedFile(name, factories.png_bytes(), content_type="image/png")


def voice(name="voz.wav"):
    return SimpleUploadedFile(name, wav_bytes(), content_type="audio/wav")


def note_form(**overrides):
    data = {
        "kind": "practice",
        "text": "Se siembra junto al cacao <script>alert(1)</script>",
        "credit_as": "name",
        "community": factories.community_key("winak"),
        "access": "public",
        "commercial_use": "no",
        "consent": "on",
        "photos": photo(),
        "recording": voice(),
    }
    data.update(overrides)
    return data


def test_contribution_path_from_submission_to_published_page(
    client, seeded, chakramama, moderator
):
    guayusa = PlantProfilePage.objects.get(
        slug="ilex-guayusa", locale__language_code="qu"
    )
    client.force_login(chakramama)
    response = client.post(f"/qu/contribute/note/{guayusa.pk}/", note_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    note = KnowledgeNotePage.objects.get()
    assert not note.live
    assert note.credit_line == "Rosa Grefa"
    assert note.tk_labels == [
        "tk-attribution",
        "tk-community-voice",
        "tk-non-commercial",
    ]
    state = WorkflowState.objects.for_instance(note).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    mine = BeautifulSoup(client.get("/qu/contribute/mine/").content, "html.parser")
    assert "status-received" in mine.select_one(".contributions li")["class"]

    # The moderator approves it in the Wagtail admin.
    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(note.pk, "approve", state.current_task_state.pk),
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302), response.content[:500]
    note.refresh_from_db()
    assert note.live

    # The plant page shows the note, its credit, labels, photo and audio.
    client.logout()
    page = BeautifulSoup(client.get(guayusa.url).content, "html.parser")
    article = page.select_one(f"#note-{note.pk}")
    assert "Rosa Grefa" in article.select_one(".credit").get_text()
    labels = [item.strong.get_text() for item in article.select(".tk-label")]
    assert "TK Attribution" in labels or len(labels) == 3
    assert "<script>" not in str(article)
    assert "&lt;script&gt;" in str(article)
    audio = article.select_one("audio")["src"]
    assert client.get(audio).status_code == 200
    image_src = article.select_one("img")["src"]
    assert client.get(image_src).status_code == 200

    client.force_login(chakramama)
    mine = BeautifulSoup(client.get("/qu/contribute/mine/").content, "html.parser")
    assert "status-published" in mine.select_one(".contributions li")["class"]


def test_returned_with_a_comment(client, seeded, chakramama, moderator):
    cacao = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )
    client.force_login(chakramama)
    client.post(f"/es/contribute/note/{cacao.pk}/", note_form(photos="", recording=""))
    note = KnowledgeNotePage.objects.get()
    state = WorkflowState.objects.for_instance(note).get()
    client.force_login(moderator)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(note.pk, "reject", state.current_task_state.pk),
        ),
        {"comment": "Falta decir en qué mes."},
    )
    client.force_login(chakramama)
    mine = BeautifulSoup(client.get("/es/contribute/mine/").content, "html.parser")
    item = mine.select_one(".contributions li")
    assert "status-returned" in item["class"]
    assert "Falta decir en qué mes." in item.get_text()


def test_new_plant_proposal_becomes_a_draft(client, seeded, chakramama):
    client.force_login(chakramama)
    response = client.post(
        "/qu/contribute/plant/",
        {
            "name_qu": "sacha wiru",
            "uses": ["medicinal"],
            "uses_text": "Para el dolor de estómago.",
            "credit_as": "community",
            "community": factories.community_key("winak"),
            "access": "community",
            "commercial_use": "no",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    plant = PlantProfilePage.objects.get(title="Sacha wiru")
    assert not plant.live and plant.locale.language_code == "qu"
    assert plant.credit_line == "Wiñak"
    assert plant.access == "community" and plant.access_communities == [
        Community.objects.get(slug="winak").pk
    ]
    assert [name.status for name in plant.names.all()] == ["awaiting-review"]
    assert Contribution.objects.filter(page=plant).exists()


@pytest.mark.parametrize(
    ("field", "upload", "message"),
    [
        (
            "photos",
            SimpleUploadedFile("x.jpg", b"MZ\x90\x00" + b"\x00" * 200),
            "not a photo",
        ),
        (
            "photos",
            SimpleUploadedFile("t.png", factories.png_bytes(400, 400)[:150]),
            "not a photo",
        ),
        (
            "photos",
            SimpleUploadedFile(
                "s.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            ),
            "not a photo",
        ),
        (
            "recording",
            SimpleUploadedFile("v.mp3", b"#!/bin/sh\nrm -rf /\n"),
            "not a recording",
        ),
    ],
    ids=["renamed-executable", "truncated-image", "svg-with-script", "fake-audio"],
)
def test_bad_files_are_refused_and_nothing_is_saved(
    client, seeded, chakramama, field, upload, message
):
    cacao = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )
    client.force_login(chakramama)
    images, recordings = get_image_model().objects.count(), Recording.objects.count()
    data = note_form(photos="", recording="")
    data[field] = upload
    response = client.post(f"/es/contribute/note/{cacao.pk}/", data)
    assert response.status_code == 200
    with_translation = response.content.decode()
    assert "error" in with_translation
    assert not KnowledgeNotePage.objects.exists()
    assert get_image_model().objects.count() == images
    assert Recording.objects.count() == recordings
    assert message in with_translation or "no es" in with_translation


def test_decompression_bomb_is_refused(client, seeded, chakramama, settings):
    from PIL import Image as PillowImage

    buffer = io.BytesIO()
    PillowImage.new("1", (12000, 12000)).save(buffer, "PNG")
    cacao = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )
    client.force_login(chakramama)
    data = note_form(
        recording="", photos=SimpleUploadedFile("b.png", buffer.getvalue())
    )
    response = client.post(f"/es/contribute/note/{cacao.pk}/", data)
    assert response.status_code == 200
    assert not KnowledgeNotePage.objects.exists()


def test_oversized_upload_is_refused(client, seeded, chakramama, monkeypatch):
    from knowledge_portal.core import uploads

    monkeypatch.setattr(uploads, "MAX_AUDIO_BYTES", 100)
    cacao = PlantProfilePage.objects.get(
        slug="theobroma-cacao", locale__language_code="es"
    )
    client.force_login(chakramama)
    response = client.post(f"/es/contribute/note/{cacao.pk}/", note_form(photos=""))
    assert response.status_code == 200
    assert not Recording.objects.exists()


def test_only_chakramamas_contribute(client, seeded, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitante"))
    assert client.get("/es/contribute/").status_code == 403
