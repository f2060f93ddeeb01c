"""load_content and export_content: idempotent, atomic per file, round trip."""

import filecmp

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.site.content.exporter import export_content
from knowledge_portal.site.content.loader import load_content
from tests import factories

pytestmark = pytest.mark.django_db


def test_second_load_of_the_seed_content_changes_nothing(seeded, capsys):
    # The session fixture already loaded content/ once.
    call_command("load_content")
    out = capsys.readouterr().out
    assert out.startswith("0 created, 0 updated, ")
    unchanged = int(out.split(", ")[2].split()[0])
    assert unchanged == len(list(settings.CONTENT_DIR.rglob("*.yaml")))


def test_load_reports_created_then_updated(seeded, tmp_path):
    factories.write_entry(tmp_path, factories.plant("testia-prima"))
    assert load_content(tmp_path).counts["created"] == 1
    changed = factories.plant("testia-prima", layer="shrub")
    factories.write_entry(tmp_path, changed)
    report = load_content(tmp_path)
    assert report.counts["updated"] == 1
    pages = PlantProfilePage.objects.filter(slug="testia-prima")
    assert {page.layer for page in pages} == {"shrub"}
    assert pages.count() == 3


def all_files(directory):
    return sorted(
        path.relative_to(directory) for path in directory.rglob("*") if path.is_file()
    )


def empty_the_site():
    for home in Page.objects.filter(depth=2):
        home.delete()
    get_image_model().objects.all().delete()


def test_export_then_load_into_an_empty_site_then_export_is_identical(
    seeded, tmp_path, saves_leave_the_index_alone
):
    extra = tmp_path / "extra"
    factories.write_image(extra, "testia-picta", "leaf.png")
    (extra / "plants" / "testia-picta" / "voz.wav").write_bytes(factories.wav_bytes())
    factories.write_entry(
        extra,
        factories.plant(
            "testia-picta",
            images=[
                {
                    "file": "leaf.png",
                    "credit": "A. Tester",
                    "caption": factories.localized("Hoja.", qu="Panka."),
                }
            ],
            companions=["theobroma-cacao"],
            planting_months=[3, 4],
            communities=["winak"],
            recordings=[
                {
                    "file": "voz.wav",
                    "title": "Voz",
                    "protocol": {"access": "community", "communities": ["winak"]},
                }
            ],
            protocol={"access": "public", "labels": ["tk-attribution"]},
            consent={"credit_as": "community", "community": "Wiñak"},
        ),
    )
    assert not load_content(extra).errors

    first, second = tmp_path / "first", tmp_path / "second"
    export_content(first)
    assert (first / "plants" / "testia-picta" / "leaf.png").exists()
    assert (first / "plants" / "testia-picta" / "voz.wav").exists()
    # Community pages travel too, and the plant keeps its credit.
    assert (first / "communities" / "winak.yaml").exists()
    assert (
        "communities:\n- winak\n"
        in (first / "plants" / "testia-picta.yaml").read_text()
    )
    empty_the_site()
    assert not PlantProfilePage.objects.exists()

    report = load_content(first)
    assert not report.errors
    assert report.counts["created"] == len(list(first.rglob("*.yaml")))
    export_content(second)

    assert all_files(first) == all_files(second)
    mismatch = filecmp.cmpfiles(first, second, all_files(first), shallow=False)[1]
    assert mismatch == []
    assert load_content(second).changes == 0


def load_error(directory):
    with pytest.raises(CommandError):
        call_command("load_content", str(directory))


@pytest.mark.parametrize(
    ("old", "new", "marker", "words"),
    [
        ("layer: canopy", "layer: [canopy", None, "invalid YAML"),
        ("language: es", "language: fr", "language: fr", "'fr' is not one of"),
        ("family: Malvaceae\n", "", None, "'family' is a required property"),
        ("- commercial", "- commercial\n- flying", "- flying", "'flying'"),
        (
            "scientific_name: Brokenia fracta",
            "scientific_name: brokenia",
            "scientific_name: brokenia",
            "does not match",
        ),
    ],
    ids=["bad-yaml", "unknown-language", "missing-field", "unknown-use", "bad-name"],
)
def test_a_broken_file_reports_file_and_line_and_imports_nothing(
    seeded, tmp_path, capsys, old, new, marker, words
):
    path = factories.write_entry(tmp_path, factories.plant("brokenia-fracta"))
    text = path.read_text().replace(old, new)
    path.write_text(text)
    load_error(tmp_path)
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"{path}:")
    reported_line = int(error.split(":")[1])
    expected = 1
    if marker:
        expected = next(
            number
            for number, line in enumerate(text.splitlines(), start=1)
            if marker in line
        )
    if words != "invalid YAML":
        assert reported_line == expected, error
    assert words in error
    assert not PlantProfilePage.objects.filter(slug="brokenia-fracta").exists()


def test_a_truncated_image_stops_the_whole_entry(seeded, tmp_path, capsys):
    factories.write_image(tmp_path, "brokenia-picta", "leaf.png", width=400, height=400)
    image_path = tmp_path / "plants" / "brokenia-picta" / "leaf.png"
    image_path.write_bytes(image_path.read_bytes()[:200])
    path = factories.write_entry(
        tmp_path,
        factories.plant(
            "brokenia-picta", images=[{"file": "leaf.png", "credit": "Someone"}]
        ),
    )
    images_before = get_image_model().objects.count()
    load_error(tmp_path)
    error = capsys.readouterr().err
    assert f"{path}:" in error
    assert "not a valid image" in error
    assert not PlantProfilePage.objects.filter(slug="brokenia-picta").exists()
    assert get_image_model().objects.count() == images_before


def test_good_files_still_load_beside_a_broken_one(seeded, tmp_path):
    factories.write_entry(tmp_path, factories.plant("goodia-prima"))
    bad = factories.write_entry(tmp_path, factories.plant("brokenia-tertia"))
    bad.write_text(bad.read_text().replace("life_cycle: long", "life_cycle: forever"))
    report = load_content(tmp_path)
    assert len(report.errors) == 1
    assert PlantProfilePage.objects.filter(slug="goodia-prima").count() == 3


def test_a_link_to_a_missing_plant_is_an_error_with_its_line(seeded, tmp_path):
    path = factories.write_entry(
        tmp_path, factories.plant("lonely-plant", companions=["nowhere-plant"])
    )
    report = load_content(tmp_path)
    assert [str(error) for error in report.errors] == [
        f"{path}:{path.read_text().splitlines().index('- nowhere-plant') + 1}: "
        "no plant with slug 'nowhere-plant'"
    ]


def test_slug_must_match_the_file_name(seeded, tmp_path):
    path = factories.write_entry(tmp_path, factories.plant("namea-una"))
    path.rename(tmp_path / "plants" / "namea-otra.yaml")
    report = load_content(tmp_path)
    assert "does not match the file name" in str(report.errors[0])


def test_loading_never_deletes_pages_editors_made(seeded, tmp_path):
    index = Page.objects.get(slug="plantas", locale__language_code="es")
    editor_page = PlantProfilePage(
        title="Hecha a mano",
        slug="hecha-a-mano",
        scientific_name="Manus facta",
        family="Malvaceae",
        summary="Creada en el administrador.",
        layer="herb",
        life_cycle="short",
    )
    index.add_child(instance=editor_page)
    call_command("load_content")
    assert PlantProfilePage.objects.filter(slug="hecha-a-mano").exists()


NOTE = {"slug": "nota-prueba", "language": "es", "kind": "story", "title": "Nota"}


@pytest.mark.parametrize(
    ("overrides", "marker", "message"),
    [
        (
            {"protocol": {"access": "community", "communities": ["nowhere"]}},
            "- nowhere",
            "no community 'nowhere' (communities are listed in site.yaml)",
        ),
        (
            {"protocol": {"access": "restricted"}},
            "access: restricted",
            "access 'restricted' needs the group that may see it (group:)",
        ),
        (
            {
                "notes": [
                    {**NOTE, "text": "Un cuento.", "protocol": {"access": "restricted"}}
                ]
            },
            "access: restricted",
            "access 'restricted' needs the group that may see it (group:)",
        ),
    ],
    ids=["unknown-community", "restricted-without-group", "note-without-group"],
)
def test_an_incomplete_protocol_is_an_error_with_its_line(
    seeded, tmp_path, overrides, marker, message
):
    path = factories.write_entry(
        tmp_path, factories.plant("protecta-mala", **overrides)
    )
    report = load_content(tmp_path)
    line = (
        path.read_text()
        .splitlines()
        .index(next(text for text in path.read_text().splitlines() if marker in text))
    )
    assert [str(error) for error in report.errors] == [f"{path}:{line + 1}: {message}"]
    assert not PlantProfilePage.objects.filter(slug="protecta-mala").exists()


def test_a_community_listed_in_site_yaml_may_be_named(seeded, tmp_path):
    site = {**factories.SITE, "communities": [{"slug": "nueva", "name": "Nueva"}]}
    factories.write_entry(tmp_path, site)
    factories.write_entry(
        tmp_path,
        factories.plant(
            "protecta-buena", protocol={"access": "community", "communities": ["nueva"]}
        ),
    )
    assert load_content(tmp_path).errors == []
