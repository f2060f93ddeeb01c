"""Content files keep who wrote, reviewed, confirmed and recorded a text:
export_content writes them (with the recording beside the entry) and
load_content reads them back."""

import filecmp

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge_portal.core import uploads
from knowledge_portal.core.text_status import TextStatus
from knowledge_portal.guides.models import GuidePage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.models import Recording
from knowledge_portal.site.content.exporter import export_content
from knowledge_portal.site.content.loader import load_content
from knowledge_portal.workbench import editing
from tests import factories

from . import factories as make
from .conftest import GUIDE, PLANT

pytestmark = pytest.mark.django_db


def credit(user, community=True):
    return editing.credit_for(
        user, "qu", f"{'community' if community else 'name'}:kallari-prueba"
    )


def pages(model, slug):
    return {
        page.locale.language_code: page
        for page in model.objects.filter(slug=slug).select_related("locale")
    }


def test_credits_and_recordings_survive_export_and_load(
    entries, rosa, second_reviewer, tmp_path, saves_leave_the_index_alone
):
    plant, guide = entries["plant"]["qu"], entries["guide"]["qu"]
    step = f"steps:{guide.steps[0].id}"
    editing.save_text(
        rosa,
        plant,
        "summary",
        text="QU-TEST summary",
        reviewed=True,
        credit=credit(rosa, community=False),
        seen_revision=plant.live_revision_id,
    )
    editing.confirm(second_reviewer, plant, "summary", credit(second_reviewer))
    plant.refresh_from_db()
    editing.save_text(
        rosa,
        plant,
        "title",
        text="QU-TEST title",
        reviewed=False,
        credit=credit(rosa),
        seen_revision=plant.live_revision_id,
    )
    editing.save_text(
        rosa,
        guide,
        step,
        text="QU-TEST step",
        reviewed=False,
        credit=credit(rosa),
        seen_revision=guide.live_revision_id,
        recording=_wav(),
    )

    export_content(tmp_path / "a")
    plant_file = yaml.safe_load((tmp_path / "a/plants" / f"{PLANT}.yaml").read_text())
    summary = plant_file["text"]["summary"]["qu"]
    assert summary["credit"]["name"] == "Rosa" and "user" not in summary["credit"]
    assert summary["reviewed"] == summary["credit"]
    assert [p["community"] for p in summary["confirmations"]] == ["kallari-prueba"]
    title = plant_file["title"]["qu"]
    assert title["text"] == "QU-TEST title" and title["status"] == "awaiting-review"
    assert title["credit"]["community"] == "kallari-prueba"
    guide_file = yaml.safe_load((tmp_path / "a/guides" / f"{GUIDE}.yaml").read_text())
    audio = guide_file["steps"][0]["text"]["qu"]["audio"]
    assert audio["file"].startswith("qu-steps-") and audio["file"].endswith(".wav")
    assert (tmp_path / "a/guides" / GUIDE / audio["file"]).is_file()

    # The original files put back: the site forgets who wrote what...
    _replace_with_originals(tmp_path / "original")
    assert pages(PlantProfilePage, PLANT)["qu"].text_record("summary") == {}
    assert pages(GuidePage, GUIDE)["qu"].text_record(step) == {}

    # ...and the export brings it back.
    report = load_content(tmp_path / "a", replace=True)
    assert not report.errors, report.errors
    plant = pages(PlantProfilePage, PLANT)["qu"]
    assert plant.summary == "QU-TEST summary"
    assert plant.field_status("summary") == TextStatus.COMMUNITY_REVIEWED
    assert plant.text_record("summary")["credit"]["name"] == "Rosa"
    assert plant.title == "QU-TEST title"
    assert plant.text_record("title")["credit"]["community"] == "kallari-prueba"
    guide = pages(GuidePage, GUIDE)["qu"]
    recording = Recording.objects.get(pk=guide.text_record(step)["audio"]["recording"])
    with recording.file.open("rb") as handle:
        assert handle.read() == factories.wav_bytes()

    export_content(tmp_path / "b")
    for name in (
        f"plants/{PLANT}.yaml",
        f"guides/{GUIDE}.yaml",
        f"guides/{GUIDE}/{audio['file']}",
    ):
        assert filecmp.cmp(
            tmp_path / "a" / name, tmp_path / "b" / name, shallow=False
        ), name


def _replace_with_originals(folder):
    factories.write_entry(
        folder, make.plant_awaiting(PLANT, "Un árbol que da sombra al cacao.")
    )
    factories.write_entry(folder, make.guide_awaiting(GUIDE), folder="guides")
    report = load_content(folder, replace=True)
    assert not report.errors, report.errors


def _wav():
    """A recording as the form hands it over: checked by its content."""
    uploaded = SimpleUploadedFile("voz.wav", factories.wav_bytes(), "audio/wav")
    uploaded.audio_kind = uploads.validate_audio_upload(uploaded)
    return uploaded


@pytest.mark.parametrize(
    "qu_entry, problem",
    [
        (
            {
                "status": "awaiting-review",
                "text": "QU-TEST",
                "credit": {"name": "Rosa"},
            },
            "date",
        ),
        (
            {
                "status": "awaiting-review",
                "text": "QU-TEST",
                "credit": {"date": "2026-12-07"},
            },
            "credit",
        ),
        (
            {
                "status": "awaiting-review",
                "text": "QU-TEST",
                "credit": {"name": "Rosa", "user": 3, "date": "2026-12-07"},
            },
            "user",
        ),
        (
            {
                "status": "awaiting-review",
                "text": "QU-TEST",
                "audio": {"file": "qu-summary.wav"},
            },
            "qu-summary.wav",
        ),
    ],
)
def test_a_bad_record_in_a_file_is_reported_and_nothing_loaded(
    seeded, tmp_path, qu_entry, problem
):
    summary = factories.localized("Resumen.")
    summary["qu"] = qu_entry
    factories.write_entry(
        tmp_path, factories.plant("inga-malformada", text={"summary": summary})
    )
    report = load_content(tmp_path)
    assert report.errors and problem in str(report.errors[0])
    assert not PlantProfilePage.objects.filter(slug="inga-malformada").exists()


def test_a_recording_that_is_not_audio_is_refused_in_a_file(seeded, tmp_path):
    summary = factories.localized("Resumen.")
    summary["qu"] = {
        "status": "awaiting-review",
        "text": "QU-TEST",
        "audio": {"file": "qu-summary.wav"},
    }
    factories.write_entry(
        tmp_path, factories.plant("inga-malformada", text={"summary": summary})
    )
    (tmp_path / "plants" / "inga-malformada").mkdir()
    (tmp_path / "plants" / "inga-malformada" / "qu-summary.wav").write_text("<html>")
    report = load_content(tmp_path)
    assert report.errors and "not a recording" in str(report.errors[0])
