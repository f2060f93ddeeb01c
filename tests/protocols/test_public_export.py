"""The public export names nothing it leaves out, and loads into an empty site."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.plants.services import submit_plant
from knowledge_portal.protocols.models import Community, ImageProtocol, Recording
from knowledge_portal.site.content.exporter import export_content
from knowledge_portal.site.content.loader import load_content
from tests import factories

from .conftest import CANARY

pytestmark = pytest.mark.django_db

KEEPERS = "Chakramamas de Sarayaku"
#: Entries, notes and files the public export must neither write nor name.
LEFT_OUT = [
    "canaria-secreta",
    "estacional-oculta",
    "guia-reservada",
    "nota-es",
    "canary-photo.png",
    "canary-voice.wav",
]


def out_of_season():
    return [(timezone.localdate().month % 12) + 1]


def contributed_plant(django_user_model):
    """A plant a chakramama proposed, completed and published by a moderator."""
    user = django_user_model.objects.create_user(
        "rosa", password="x" * 12, first_name="Rosa", last_name="Grefa"
    )
    user.groups.add(Group.objects.get(name="Chakramama"))
    Community.objects.get_or_create(slug="winak", defaults={"name": "Wiñak"})[
        0
    ].members.add(user)
    photo = SimpleUploadedFile("hoja.png", factories.png_bytes(), "image/png")
    contribution = submit_plant(
        user,
        {
            "name_es": "hierba de rosa",
            "uses": ["medicinal"],
            "uses_text": "Para el dolor de estómago.",
            "credit_as": "name",
            "community": factories.community_key("winak"),
            "access": "public",
            "commercial_use": False,
            "photos": [photo],
        },
        "es",
    )
    plant = contribution.page.specific
    plant.scientific_name = "Piper rosae"
    plant.family = "Piperaceae"
    plant.layer = "herb"
    plant.life_cycle = "short"
    plant.save_revision().publish()
    return plant


@pytest.fixture
def public_export_site(restricted_site, tmp_path, django_user_model):
    """``restricted_site`` plus public entries that link to what is hidden: a
    restricted guide, a seasonal plant out of season, a restricted step photo,
    and a plant contributed through the contribution service."""
    folder = tmp_path / "linked"
    restricted = {"access": "restricted", "group": KEEPERS}
    factories.write_image(folder, "guia-abierta", "paso-qaxtrumcanary.png", "guides")
    factories.write_learning(
        folder,
        guides=[
            factories.guide(
                "guia-reservada",
                title={"es": f"Guía {CANARY}", "qu": CANARY, "jiv": CANARY},
                protocol=restricted,
            ),
            factories.guide(
                "guia-abierta",
                plants=["canaria-secreta", "estacional-oculta", "ilex-guayusa"],
                steps=[
                    {
                        "kind": "step",
                        "image": "paso-qaxtrumcanary.png",
                        "text": factories.localized("Corte."),
                    }
                ],
            ),
        ],
        lessons=[
            factories.lesson(
                "leccion-abierta",
                plants=["canaria-secreta", "estacional-oculta", "ilex-guayusa"],
                guides=["guia-reservada", "guia-abierta"],
            )
        ],
    )
    factories.write_entry(
        folder,
        factories.plant(
            "estacional-oculta",
            title={"es": f"Estacional {CANARY}", "qu": CANARY, "jiv": CANARY},
            protocol={"access": "public", "season_months": out_of_season()},
        ),
    )
    factories.write_entry(
        folder,
        factories.plant(
            "abierta-publica",
            propagation=[
                {"method": "cutting", "guide": "guia-reservada"},
                {"method": "seed", "guide": "guia-abierta"},
            ],
            companions=["canaria-secreta", "estacional-oculta", "ilex-guayusa"],
        ),
    )
    assert not load_content(folder).errors
    step_photo = get_image_model().objects.get(title="paso-qaxtrumcanary.png")
    ImageProtocol.objects.create(
        image=step_photo,
        access="restricted",
        access_group=Group.objects.get(name=KEEPERS),
    )
    return {**restricted_site, "contributed": contributed_plant(django_user_model)}


def empty_the_site():
    for home in Page.objects.filter(depth=2):
        home.delete()
    get_image_model().objects.all().delete()
    Recording.objects.all().delete()
    Community.objects.all().delete()


def files_in(directory):
    return [path for path in directory.rglob("*") if path.is_file()]


# First: the seeded site alone. The restricted site of the tests below is
# built once for the module and stays until its last test.
def test_a_contributed_plant_survives_the_full_export_round_trip(
    seeded, tmp_path, django_user_model, saves_leave_the_index_alone
):
    contributed = contributed_plant(django_user_model)
    first, second = tmp_path / "first", tmp_path / "second"
    export_content(first)
    empty_the_site()
    report = load_content(first)
    assert [str(error) for error in report.errors] == []
    assert PlantProfilePage.objects.filter(slug=contributed.slug).count() == 3
    export_content(second)
    name = f"plants/{contributed.slug}.yaml"
    assert (first / name).read_text() == (second / name).read_text()


def test_public_export_names_nothing_left_out_and_loads_back(
    public_export_site, tmp_path, saves_leave_the_index_alone
):
    out = tmp_path / "public"
    export_content(out, public=True)
    files = files_in(out)

    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        assert CANARY.lower() not in (path.name + text).lower(), path
        for name in LEFT_OUT:
            assert name not in path.name and name not in text, (name, path)

    linking = (out / "plants" / "abierta-publica.yaml").read_text()
    # The methods stay; only the link to the hidden guide goes.
    assert "- method: cutting\n- method: seed\n  guide: guia-abierta\n" in linking
    assert "companions:\n- ilex-guayusa\n" in linking
    contributed = public_export_site["contributed"]
    assert (out / "plants" / f"{contributed.slug}.yaml").exists()
    assert len(list((out / "plants" / contributed.slug).glob("*.png"))) == 1

    empty_the_site()
    report = load_content(out)
    assert [str(error) for error in report.errors] == []
    assert report.counts["created"] == len(list(out.rglob("*.yaml")))

    for slug in ("abierta-publica", "ilex-guayusa", contributed.slug):
        assert PlantProfilePage.objects.filter(slug=slug).count() == 3
    assert not PlantProfilePage.objects.filter(
        slug__in=["canaria-secreta", "estacional-oculta"]
    ).exists()
    assert not GuidePage.objects.filter(slug="guia-reservada").exists()
    lesson = LessonPage.objects.get(slug="leccion-abierta", locale__language_code="es")
    assert [link.guide.slug for link in lesson.guides.all()] == ["guia-abierta"]
    assert [link.plant.slug for link in lesson.plants.all()] == ["ilex-guayusa"]
    guide = GuidePage.objects.get(slug="guia-abierta", locale__language_code="es")
    assert guide.steps[0].value["image"] is None
    # The contribution keeps its credit, which stands in for sources.
    loaded = PlantProfilePage.objects.get(
        slug=contributed.slug, locale=contributed.locale
    )
    assert loaded.credit_line == "Rosa Grefa"
    assert loaded.gallery_images.count() == 1


def test_a_seasonal_entry_in_its_season_stays_out_of_the_public_export(
    public_export_site, tmp_path, monkeypatch
):
    month = out_of_season()[0]
    in_season = datetime.date(timezone.localdate().year, month, 1)
    monkeypatch.setattr(timezone, "localdate", lambda: in_season)
    export_content(tmp_path / "public", public=True)
    assert not (tmp_path / "public" / "plants" / "estacional-oculta.yaml").exists()
    assert (tmp_path / "public" / "plants" / "abierta-publica.yaml").exists()
