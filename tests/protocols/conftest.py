"""A site with restricted knowledge carrying a canary word, and three visitors."""

import io

import pytest
from django.contrib.auth.models import Group
from wagtail.images import get_image_model

from knowledge_portal.contributions.models import (
    KnowledgeNotePage,
    PlantRecording,
    Recording,
)
from knowledge_portal.core.content.loader import load_content
from knowledge_portal.plants.models import (
    PlantCompanion,
    PlantGalleryImage,
    PlantProfilePage,
)
from knowledge_portal.protocols.models import Community, ImageProtocol
from tests import factories

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


@pytest.fixture
def restricted_site(seeded, tmp_path, django_user_model):
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
            access_communities=["sarayaku"],
            locale=page.locale,
        )
        page.add_child(instance=note)
        note.save_revision().publish()
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    return {
        "member": member,
        "outsider": outsider,
        "outside_moderator": outside_moderator,
        "keeper_moderator": keeper_moderator,
        "image": image,
        "recording": recording,
        "secret_urls": [page.url for page in secret.values()],
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
    restricted_site["revision"] = revision
    return restricted_site
