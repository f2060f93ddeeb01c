"""A community's knowledge (a plant in three languages, its photo and a
recording) and the people around it, for the stewardship tests."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from knowledge_portal.plants.models import (
    PlantGalleryImage,
    PlantProfilePage,
    PlantRecording,
)
from knowledge_portal.protocols.models import (
    Community,
    ImageProtocol,
    Membership,
    Recording,
    Role,
)
from knowledge_portal.site.content.loader import load_content
from tests import factories

WORD = "Wayusakiwa"
SLUG = "cuidada-por-kallari"


def person(django_user_model, name, community=None, roles=(), **extra):
    user = django_user_model.objects.create_user(name, password="x" * 12, **extra)
    if community is not None:
        Membership.objects.create(community=community, user=user, roles=list(roles))
    return user


def community_protocol(obj, community):
    obj.access = "community"
    obj.access_communities = [community.pk]


@pytest.fixture
def stewarded(seeded, tmp_path, django_user_model):
    """Kallari's plant (es, qu, jiv) with its photo and recording, under a
    Community protocol; Wiñak beside it; a steward of each, a member, a
    manager who is not a steward, and a site editor from elsewhere."""
    factories.write_entry(
        tmp_path,
        factories.plant(
            SLUG,
            title={"es": f"Planta {WORD}", "qu": f"Yura {WORD}", "jiv": WORD},
            text={"summary": factories.localized(f"Saber de {WORD}.")},
        ),
    )
    assert not load_content(tmp_path).errors
    kallari = Community.objects.create(name="Kallari Prueba", slug="kallari-prueba")
    winak = Community.objects.create(name="Wiñak Prueba", slug="winak-prueba")
    image = get_image_model()(
        title=f"Foto {WORD}",
        file=ImageFile(io.BytesIO(factories.png_bytes()), name="cuidada.png"),
    )
    image.save()
    ImageProtocol.objects.create(
        image=image, access="community", access_communities=[kallari.pk]
    )
    recording = Recording(mime_type="audio/wav", title=f"Voz {WORD}")
    community_protocol(recording, kallari)
    recording.file.save("cuidada.wav", ContentFile(factories.wav_bytes()), save=False)
    recording.save()
    pages = list(PlantProfilePage.objects.filter(slug=SLUG).order_by("pk"))
    for page in pages:
        community_protocol(page, kallari)
        page.gallery_images = [PlantGalleryImage(image=image, caption="Hoja")]
        page.recordings = [PlantRecording(recording=recording)]
        page.save_revision().publish()
    return {
        "kallari": kallari,
        "winak": winak,
        "pages": pages,
        "page": pages[0],
        "image": image,
        "recording": recording,
        "steward": person(django_user_model, "steward", kallari, [Role.STEWARD]),
        "other_steward": person(
            django_user_model, "other-steward", winak, [Role.STEWARD]
        ),
        "member": person(django_user_model, "member", kallari, [Role.CHAKRAMAMA]),
        "manager": person(django_user_model, "manager", kallari, [Role.MANAGER]),
        "superuser": person(django_user_model, "root", is_superuser=True),
    }


OPEN = {"access": "public", "access_communities": [], "season_months": []}
