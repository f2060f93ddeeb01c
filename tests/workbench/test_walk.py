"""The path of the issue's "Done when": a Kichwa reviewer translates a plant
summary and records a guide step in /qu/, marks them reviewed; the /qu/
pages show her text with her credit and the audio; export_content writes
them; a Shuar reviewer cannot edit the Kichwa text."""

import pytest
import yaml
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge_portal.protocols.models import Recording
from knowledge_portal.site.content.exporter import export_content
from tests import factories

from .conftest import GUIDE, PLANT, text_url

pytestmark = pytest.mark.django_db

# Placeholders, not Kichwa: the language is the communities' to write.
SUMMARY = "QU-TEST: the summary as Rosa wrote it."
STEP = "QU-TEST: the first step as Rosa wrote it."


def wav(name="paso.wav"):
    return SimpleUploadedFile(name, factories.wav_bytes(), content_type="audio/wav")


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def revision_on(document):
    return document.select_one("input[name=revision]")["value"]


def test_a_kichwa_reviewer_translates_records_and_reviews(
    client, entries, rosa, shuar_reviewer, tmp_path
):
    plant, guide = entries["plant"]["qu"], entries["guide"]["qu"]
    step_id = guide.steps[0].id
    # Readers of the new plant and guide put them first in her list.
    for _ in range(3):
        client.get(plant.url)
        client.get(guide.url)

    client.force_login(rosa)
    landing = page_of(client, "/qu/workbench/")
    assert landing.select_one('a[href="/qu/workbench/qu/"]')
    queue = page_of(client, "/qu/workbench/qu/")
    links = [a["href"] for a in queue.select(".work-queue a.button")]
    assert text_url("qu", plant, "summary") in links
    assert text_url("qu", guide, f"steps:{step_id}") in links

    # The plant summary: the Spanish beside her field, her text in its place.
    form = page_of(client, text_url("qu", plant, "summary"))
    assert (
        "Un árbol que da sombra al cacao."
        in form.select_one('.spanish[lang="es"]').get_text()
    )
    assert form.select_one("textarea[name=text]")["lang"] == "qu"
    assert form.select_one("textarea[name=text]").get_text().strip() == ""
    response = client.post(
        text_url("qu", plant, "summary"),
        {
            "text": SUMMARY,
            "credit": "name:kallari-prueba",
            "revision": revision_on(form),
        },
    )
    assert response.status_code == 302

    # The guide step: her text and her voice.
    step_url = text_url("qu", guide, f"steps:{step_id}")
    form = page_of(client, step_url)
    response = client.post(
        step_url,
        {
            "text": STEP,
            "recording": wav(),
            "credit": "community:kallari-prueba",
            "revision": revision_on(form),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    # Both marked reviewed.
    for url in (text_url("qu", plant, "summary"), step_url):
        form = page_of(client, url)
        response = client.post(
            url.rstrip("/") + "/review/",
            {
                "credit": "name:kallari-prueba",
                "revision": revision_on(form.select_one(".review-form")),
            },
        )
        assert response.status_code == 302

    client.logout()
    shown = page_of(client, plant.specific.url)
    summary = shown.select_one("#summary")
    text = summary.find(string=lambda s: "QU-TEST" in s).parent.parent
    assert text.get("lang") == "qu" and "fallback" not in (text.get("class") or [])
    assert "Rosa (Kallari Prueba)" in summary.select_one(".credit").get_text()
    notice = shown.select_one(".notice-language")
    assert notice is None or "resumen" not in notice.get_text().lower()

    shown = page_of(client, guide.specific.url)
    step = shown.select("ol.steps li.step")[0]
    assert STEP in step.get_text()
    assert step.find(string=lambda s: "QU-TEST" in s).parent.parent.get("lang") == "qu"
    assert "Kallari" in step.select_one(".credit").get_text()
    player = step.select_one("audio[controls][preload=none]")
    assert player is not None
    assert client.get(player["src"]).status_code == 200

    # export_content keeps her text, her credit and the recording.
    export_content(tmp_path / "export")
    plant_file = yaml.safe_load(
        (tmp_path / "export" / "plants" / f"{PLANT}.yaml").read_text()
    )
    qu = plant_file["text"]["summary"]["qu"]
    assert qu["text"] == SUMMARY and qu["status"] == "community-reviewed"
    assert (
        qu["credit"]["name"] == "Rosa" and qu["credit"]["community"] == "kallari-prueba"
    )
    guide_file = yaml.safe_load(
        (tmp_path / "export" / "guides" / f"{GUIDE}.yaml").read_text()
    )
    step_qu = guide_file["steps"][0]["text"]["qu"]
    assert step_qu["text"] == STEP and step_qu["credit"] == {
        "community": "kallari-prueba",
        "date": step_qu["credit"]["date"],
    }
    audio_file = tmp_path / "export" / "guides" / GUIDE / step_qu["audio"]["file"]
    assert audio_file.read_bytes() == factories.wav_bytes()
    assert Recording.objects.filter(uploaded_by=rosa).count() == 1

    # A Shuar reviewer cannot edit the Kichwa text, from any door.
    client.force_login(shuar_reviewer)
    for url in (
        text_url("qu", plant, "summary"),
        "/jiv/workbench/qu/",
        f"/jiv/workbench/qu/{plant.pk}/summary/",
    ):
        assert client.get(url).status_code == 404
    response = client.post(
        text_url("qu", plant, "summary"),
        {"text": "overwritten", "credit": "name:", "revision": ""},
    )
    assert response.status_code == 404
    plant.refresh_from_db()
    assert plant.summary == SUMMARY
