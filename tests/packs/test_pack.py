"""A class pack opens anywhere with nothing installed: a ZIP of static
pages with index.html and manifest.json at its root, every link inside it,
every file as the manifest says."""

import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.utils import translation
from PIL import Image as PillowImage

from knowledge_portal.learning.models import CoursePage, LessonPage
from knowledge_portal.protocols import labels

from . import material
from .checks import checksum_errors, outside_links, read_pack

pytestmark = pytest.mark.django_db

MAX_SIZE = 5 * 1024 * 1024


@pytest.fixture
def cacao_with_media(seeded):
    return material.cacao_with_media()


@pytest.fixture
def class_pages(seeded):
    return material.class_pages()


def test_a_pack_of_five_lessons_and_two_guides_opens_anywhere(
    export_pack, class_pages, cacao_with_media
):
    lessons, guides = class_pages
    path = export_pack([*lessons, *guides], languages=("qu", "es"))
    assert path.stat().st_size < MAX_SIZE
    files = read_pack(path)
    assert {"index.html", "manifest.json"} <= set(files)
    assert checksum_errors(files) == []
    assert outside_links(files) == []

    manifest = json.loads(files["manifest.json"])
    assert manifest["languages"] == ["qu", "es"]
    kinds = [item["kind"] for item in manifest["items"]]
    assert kinds.count("lesson") == 5 and kinds.count("guide") == 2
    # The plants they link to came along, cacao among them.
    linked = {
        str(row.plant.translation_key)
        for page in [*lessons, *guides]
        for row in page.plants.all()
    }
    packed_plants = {
        item["key"] for item in manifest["items"] if item["kind"] == "plant"
    }
    assert linked and linked == packed_plants
    for item in manifest["items"]:
        assert set(item["pages"]) == {"qu", "es"}
        assert item["protocol"]["access"] == "public"

    # Every file is one the manifest names; photos at phone size.
    photos = [name for name in files if name.startswith("media/images/")]
    assert len(photos) == 1
    width, _height = PillowImage.open(io.BytesIO(files[photos[0]])).size
    assert width <= 480
    assert any(name.startswith("media/recordings/") for name in files)

    # Nothing asks for a server or the network: no form sends anything (the
    # search's only runs its script), scripts only from the pack (no inline
    # code) that request nothing, and the stylesheets fetch nothing.
    for name, data in files.items():
        text = data.decode() if name.endswith((".html", ".css", ".js")) else ""
        if name.endswith(".html"):
            document = BeautifulSoup(text, "html.parser")
            for form in document.find_all("form"):
                assert not form.get("action") and not form.get("method"), name
            scripts = document.select("script")
            assert all(script.get("src") and not script.text for script in scripts)
        assert "@import" not in text and not re.search(r"url\(", text), name
        assert not re.search(r"fetch\(|XMLHttpRequest|WebSocket|sendBeacon", text)


def test_pages_switch_language_and_mark_spanish_fallbacks(
    export_pack, class_pages, cacao_with_media
):
    lessons, guides = class_pages
    files = read_pack(export_pack([*lessons, *guides], languages=("qu", "es")))
    manifest = json.loads(files["manifest.json"])
    lesson = manifest["items"][0]["pages"]
    kichwa = BeautifulSoup(files[lesson["qu"]["path"]], "html.parser")
    assert kichwa.html["lang"] == "qu"
    switch = kichwa.select_one("nav.languages a[hreflang=es]")
    assert switch["href"] == "../../" + lesson["es"]["path"]
    # The Spanish a Kichwa page shows while it awaits translation says so.
    assert kichwa.select_one("#summary [lang=es]")
    # The quiz: every question with its answers, checked without JavaScript.
    questions = kichwa.select("#quiz fieldset.question")
    assert questions and all(q.select("input[type=radio]") for q in questions)
    assert all(q.select_one("details.answers li.right") for q in questions)
    # The first page is the contents in the first language; each language has
    # its own.
    index = BeautifulSoup(files["index.html"], "html.parser")
    assert index.html["lang"] == "qu"
    assert index.select_one(f"a[href='{lesson['qu']['path']}']")
    spanish = BeautifulSoup(files["es/index.html"], "html.parser")
    assert spanish.html["lang"] == "es"
    assert len(spanish.select("#lessons li")) == 5


@pytest.mark.parametrize(
    "args, message",
    [
        (["--page", "999999", "--language", "es"], "ninguna página publicada 999999"),
        (["--page", "{lesson}", "--language", "xx"], "Idioma desconocido xx"),
        (["--page", "{course}", "--language", "es"], "un paquete lleva lecciones"),
        (["--page", "{lesson}", "--language", "es", "--as", "nadie"], "nombre nadie"),
    ],
)
def test_bad_input_says_why_and_writes_nothing(seeded, tmp_path, args, message):
    """In the site's language, as the command runs in it."""
    lesson = LessonPage.objects.live().first()
    course = CoursePage.objects.live().first()
    args = [arg.format(lesson=lesson.pk, course=course.pk) for arg in args]
    output = tmp_path / "pack.zip"
    with translation.override("es"), pytest.raises(CommandError, match=message):
        call_command("export_pack", str(output), *args, stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == []


def test_a_failed_build_leaves_no_half_written_zip(
    export_pack, class_pages, tmp_path, monkeypatch
):
    from knowledge_portal.packs import building

    lessons, _guides = class_pages
    output = export_pack(lessons[:1], languages=("es",))
    before = output.read_bytes()

    def broken(self, *args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(building.Build, "write_contents", broken)
    with pytest.raises(RuntimeError):
        export_pack(lessons[:2], languages=("es",))
    # The earlier pack is untouched and no part file is left beside it.
    assert output.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["pack.zip"]


def test_a_photo_open_only_in_its_season_bounds_the_pack(
    export_pack, class_pages, cacao_with_media
):
    import datetime

    from django.utils import timezone

    from knowledge_portal.protocols.models import ImageProtocol

    image, _recording = cacao_with_media
    today = timezone.localdate()
    ImageProtocol.objects.create(image=image, season_months=[today.month])
    lessons, guides = class_pages
    files = read_pack(export_pack([*lessons, *guides], languages=("es",)))
    manifest = json.loads(files["manifest.json"])
    following = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    closes = (following - datetime.timedelta(days=1)).isoformat()
    assert manifest["valid_until"] == closes
    (photo,) = [entry for entry in manifest["media"] if entry["kind"] == "image"]
    assert photo["open_until"] == closes
    assert photo["protocol"]["season_months"] == [today.month]
    assert 'id="valid-until"' in files["index.html"].decode()


def test_the_manifest_gives_each_items_labels_in_the_packs_languages(
    export_pack, class_pages
):
    lessons, _guides = class_pages
    for lesson in LessonPage.objects.filter(translation_key=lessons[0].translation_key):
        lesson.tk_labels = ["tk-attribution", "tk-non-commercial"]
        lesson.save_revision().publish()
    files = read_pack(export_pack([lessons[0]], languages=("qu", "es")))
    (lesson,) = [
        item
        for item in json.loads(files["manifest.json"])["items"]
        if item["asked_for"]
    ]
    assert [label["code"] for label in lesson["tk_labels"]] == [
        "tk-attribution",
        "tk-non-commercial",
    ]
    attribution = lesson["tk_labels"][0]
    with translation.override("es"):
        spanish = str(labels.EXPLANATIONS[labels.TKLabel.ATTRIBUTION])
    assert attribution["explanation"]["es"] == {"text": spanish, "lang": "es"}
    # Kichwa has no text for it yet: the Spanish one, marked as Spanish.
    assert attribution["explanation"]["qu"] == {"text": spanish, "lang": "es"}
