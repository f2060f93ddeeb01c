"""A site with restricted knowledge carrying a canary word, and three visitors."""

import io

import pytest
from django.contrib.auth.models import Group
from wagtail.images import get_image_model

from knowledge_portal.contributions.models import KnowledgeNotePage, NotePhoto
from knowledge_portal.guides.models import GuidePage, GuidePlant
from knowledge_portal.learning.models import LessonGuide, LessonPage, LessonPlant
from knowledge_portal.plants.models import (
    PlantCompanion,
    PlantGalleryImage,
    PlantProfilePage,
    PlantPropagation,
    PlantRecording,
)
from knowledge_portal.protocols.models import Community, ImageProtocol, Recording
from knowledge_portal.site.content.loader import load_content
from tests import factories, shared_site

CANARY = "Qaxtrumcanary"


def wav_bytes():
    import struct

    frames = b"\x00\x00" * 800
    header = b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
    return header + b"data" + struct.pack("<I", len(frames)) + frames


def restrict(obj, group):
    obj.access = "restricted"
    obj.access_group = group


@pytest.fixture(scope="module")
def restricted_site_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The restricted site, built once for the tests of a module (see
    tests/shared_site.py); every test starts from it. It stays until the
    module's last test: tests of the module that do not ask for it but run
    after one that does see it too, so put those first."""
    from django.contrib.auth import get_user_model

    folder = tmp_path_factory.mktemp("restricted")
    with shared_site.built_once(
        django_db_blocker, folder, lambda: _restricted_site(folder, get_user_model())
    ) as site:
        yield site


@pytest.fixture
def restricted_site(restricted_site_once, seeded):
    return shared_site.fresh(restricted_site_once)


def _restricted_site(tmp_path, django_user_model):
    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile

    keepers = Group.objects.create(name="Chakramamas de Sarayaku")
    sarayaku = Community.objects.create(name="Sarayaku", slug="sarayaku")
    other = Community.objects.create(name="Otra comunidad", slug="otra")

    member = django_user_model.objects.create_user("sisa", password="x" * 12)
    member.groups.add(keepers)
    sarayaku.members.add(member)
    outsider = django_user_model.objects.create_user("ajena", password="x" * 12)
    other.members.add(outsider)

    # Two moderators, with rights over the whole page tree: one of another
    # community, one of the keepers.
    moderators = Group.objects.get(name="Moderator")
    outside_moderator = django_user_model.objects.create_user(
        "moderadora-ajena", password="x" * 12
    )
    outside_moderator.groups.add(moderators)
    other.members.add(outside_moderator)
    keeper_moderator = django_user_model.objects.create_user(
        "moderadora-sarayaku", password="x" * 12
    )
    keeper_moderator.groups.add(moderators, keepers)
    sarayaku.members.add(keeper_moderator)

    # A restricted entry, in three languages, companion of a public plant.
    factories.write_entry(
        tmp_path,
        factories.plant(
            "canaria-secreta",
            title={"es": f"Planta {CANARY}", "qu": f"Yura {CANARY}", "jiv": CANARY},
            text={"summary": factories.localized(f"Saber de {CANARY}.")},
        ),
    )
    assert not load_content(tmp_path).errors
    for page in PlantProfilePage.objects.filter(slug="canaria-secreta"):
        restrict(page, keepers)
        page.save_revision().publish()

    guayusa = {
        page.locale.language_code: page
        for page in PlantProfilePage.objects.filter(slug="ilex-guayusa")
    }
    secret = {
        page.locale.language_code: page
        for page in PlantProfilePage.objects.filter(slug="canaria-secreta")
    }
    image = get_image_model()(
        title=f"Foto {CANARY}",
        file=ImageFile(io.BytesIO(factories.png_bytes()), name="canary-photo.png"),
    )
    image.save()
    ImageProtocol.objects.create(image=image, access="restricted", access_group=keepers)
    recording = Recording(mime_type="audio/wav", title=f"Voz {CANARY}")
    restrict(recording, keepers)
    recording.file.save("canary-voice.wav", ContentFile(wav_bytes()), save=False)
    recording.save()

    for code, page in guayusa.items():
        page.companions = [
            *page.companions.all(),
            PlantCompanion(companion=secret[code]),
        ]
        page.gallery_images = [
            PlantGalleryImage(image=image, caption=f"Hoja {CANARY}", credit="Sisa")
        ]
        page.recordings = [PlantRecording(recording=recording)]
        page.save_revision().publish()
        note = KnowledgeNotePage(
            title=f"Nota {CANARY}",
            slug=f"nota-{code}",
            kind="story",
            text=f"Un cuento de {CANARY}.",
            access="community",
            access_communities=[Community.objects.get(slug="sarayaku").pk],
            locale=page.locale,
        )
        page.add_child(instance=note)
        note.save_revision().publish()
    shapes = _more_canary_shapes(tmp_path, keepers, secret, guayusa, member)
    _credit_to_a_community_with_a_page()
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    return {
        "member": member,
        "outsider": outsider,
        "outside_moderator": outside_moderator,
        "keeper_moderator": keeper_moderator,
        "image": image,
        "recording": recording,
        "secret_urls": [page.url for page in secret.values()] + shapes["urls"],
        "secret_pages": [page.pk for page in secret.values()] + shapes["pages"],
        "images": [image, *shapes["images"]],
        "recordings": [recording, *shapes["recordings"]],
    }


def _credit_to_a_community_with_a_page():
    """The hidden entries and notes are credited to Kallari, whose community
    page lists its knowledge: a broken filter there would show them."""
    kallari = Community.objects.get(slug="kallari")
    for model, slugs in (
        (PlantProfilePage, ["canaria-secreta", "estacion-canaria"]),
        (GuidePage, ["guia-canaria"]),
        (KnowledgeNotePage, ["nota-es", "nota-qu", "nota-jiv"]),
    ):
        for page in model.objects.filter(slug__in=slugs):
            page.credited_communities = [kallari]
            _publish(page)


def _image(name, title):
    from django.core.files.images import ImageFile

    image = get_image_model()(
        title=title,
        file=ImageFile(io.BytesIO(factories.png_bytes()), name=name),
    )
    image.save()
    return image


def _recording(name, title):
    from django.core.files.base import ContentFile

    recording = Recording(mime_type="audio/wav", title=title)
    recording.file.save(name, ContentFile(wav_bytes()), save=False)
    recording.save()
    return recording


def _publish(page):
    page.save_revision().publish()


def _more_canary_shapes(tmp_path, keepers, secret, guayusa, member):
    """The shapes knowledge got out by (issue 11): links from public items to
    hidden ones, media inside a hidden entry that carry no protocol of their
    own, a hidden photo in a public note, an out-of-season entry reached
    through a link, and a contribution's photo before moderation."""
    from django.utils import timezone

    from knowledge_portal.contributions import services

    content = tmp_path / "shapes"
    factories.write_entry(
        content,
        factories.guide(
            "guia-canaria",
            title={"es": f"Guía {CANARY}", "qu": f"Guía {CANARY}", "jiv": CANARY},
            text={"summary": factories.localized(f"Injerto {CANARY}.")},
            # A hidden guide for a public plant: the profile's list of
            # guides must leave it out.
            plants=["ilex-guayusa"],
        ),
        folder="guides",
    )
    factories.write_entry(
        content,
        factories.plant(
            "estacion-canaria",
            title={"es": f"Estación {CANARY}", "qu": CANARY, "jiv": CANARY},
            text={"summary": factories.localized(f"Temporada de {CANARY}.")},
        ),
    )
    assert not load_content(content).errors
    out_of_season = [(timezone.localdate().month % 12) + 1]
    guides = {}
    for page in GuidePage.objects.filter(slug="guia-canaria"):
        restrict(page, keepers)
        _publish(page)
        guides[page.locale.language_code] = page
    seasonal = {}
    for page in PlantProfilePage.objects.filter(slug="estacion-canaria"):
        page.season_months = out_of_season
        _publish(page)
        seasonal[page.locale.language_code] = page

    # Inside the hidden plant: a photo and a recording with no protocol of
    # their own; they take the plant's.
    inner_image = _image("inner-photo.png", f"Dentro {CANARY}")
    inner_recording = _recording("inner-voice.wav", f"Canto {CANARY}")
    for page in secret.values():
        page.gallery_images = [PlantGalleryImage(image=inner_image, caption="x")]
        page.recordings = [PlantRecording(recording=inner_recording)]
        _publish(page)

    # Public items linking to hidden ones.
    for code, plant in guayusa.items():
        plant.propagation_methods = [
            *plant.propagation_methods.all(),
            PlantPropagation(method="grafting", guide=guides[code]),
        ]
        plant.companions = [
            *plant.companions.all(),
            PlantCompanion(companion=seasonal[code]),
        ]
        _publish(plant)
    for lesson in LessonPage.objects.live().filter(access="public")[:3]:
        code = lesson.locale.language_code
        lesson.plants = [
            *lesson.plants.all(),
            LessonPlant(plant=secret[code]),
            LessonPlant(plant=seasonal[code]),
        ]
        lesson.guides = [*lesson.guides.all(), LessonGuide(guide=guides[code])]
        _publish(lesson)
    for guide in GuidePage.objects.live().filter(access="public"):
        guide.plants = [
            *guide.plants.all(),
            GuidePlant(plant=secret[guide.locale.language_code]),
        ]
        _publish(guide)

    # A public note whose photo is restricted.
    hidden_photo = _image("note-photo.png", f"Foto de nota {CANARY}")
    ImageProtocol.objects.create(
        image=hidden_photo, access="restricted", access_group=keepers
    )
    plant = guayusa["es"]
    note = KnowledgeNotePage(
        title="Nota pública",
        slug="nota-publica",
        kind="practice",
        text="Se siembra en luna nueva.",
        locale=plant.locale,
    )
    plant.add_child(instance=note)
    note.photos = [NotePhoto(image=hidden_photo)]
    _publish(note)

    # A chakramama's contribution awaiting moderation, "public" once approved.
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = services.submit_note(
        member,
        plant,
        {
            "kind": "story",
            "text": f"Mi abuela contaba {CANARY}.",
            "credit_as": "name",
            "commercial_use": False,
            "access": "public",
            "photos": [
                SimpleUploadedFile("draft.png", factories.png_bytes(), "image/png")
            ],
        },
    )
    draft_photo = draft.page.specific.photos.get().image

    return {
        "urls": [page.url for page in [*guides.values(), *seasonal.values()]],
        "pages": [
            *(page.pk for page in [*guides.values(), *seasonal.values()]),
            draft.page.pk,
        ],
        "images": [inner_image, hidden_photo, draft_photo],
        "recordings": [inner_recording],
    }


@pytest.fixture
def admin_site(restricted_site):
    """The restricted site, with a restricted page awaiting moderation and
    another one locked, so dashboards and workflow reports have them."""
    keeper = restricted_site["keeper_moderator"]
    secret, *others = PlantProfilePage.objects.filter(slug="canaria-secreta")
    revision = secret.save_revision(user=keeper)
    secret.get_workflow().start(secret, keeper)
    assert secret.current_workflow_state
    locked = others[0]
    locked.locked, locked.locked_by = True, keeper
    locked.save()
    # The contribution awaiting moderation would be public once approved, and
    # any moderator may review it; here it is one for the keepers only.
    draft = KnowledgeNotePage.objects.get(live=False, title__contains=CANARY)
    sarayaku = Community.objects.get(slug="sarayaku").pk
    draft.access, draft.access_communities = "community", [sarayaku]
    draft.save()
    for photo in draft.photos.all():
        ImageProtocol.objects.update_or_create(
            image=photo.image,
            defaults={"access": "community", "access_communities": [sarayaku]},
        )
    # A tag names what a hidden image is about; the listing's filters and the
    # chooser offer popular tags.
    restricted_site["image"].tags.add(f"etiqueta{CANARY}")
    # Moderators also run recordings and contributions in the admin.
    from django.contrib.auth.models import Permission

    Group.objects.get(name="Moderator").permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["protocols", "contributions"],
            content_type__model__in=["recording", "contribution"],
        )
    )
    restricted_site["revision"] = revision
    return restricted_site
