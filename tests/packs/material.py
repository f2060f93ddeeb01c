"""What the pack tests build packs of: five lessons and two guides of the
seeded site, and cacao (which they link to) with a photo and a recording."""

import io
import struct

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.plants.models import (
    PlantGalleryImage,
    PlantProfilePage,
    PlantRecording,
)
from knowledge_portal.protocols.models import Recording


def photo_bytes():
    """A camera-sized photo with detail, so that its rendition weighs
    something."""
    image = PillowImage.effect_noise((2000, 1500), 60).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def wav_bytes(seconds=2):
    frames = b"\x00\x01" * 8000 * seconds
    header = b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
    return header + b"data" + struct.pack("<I", len(frames)) + frames


def cacao_with_media():
    """Cacao, which the lessons link to, with a photo and a recording."""
    image = get_image_model()(
        title="Mazorca de cacao",
        file=ImageFile(io.BytesIO(photo_bytes()), name="mazorca.jpg"),
    )
    image.save()
    recording = Recording(mime_type="audio/wav", title="Cómo se cosecha")
    recording.file.save("cosecha.wav", ContentFile(wav_bytes()), save=False)
    recording.save()
    for page in PlantProfilePage.objects.filter(slug="theobroma-cacao"):
        page.gallery_images = [
            PlantGalleryImage(image=image, caption="Mazorca", credit="Rosa")
        ]
        page.recordings = [PlantRecording(recording=recording)]
        page.save_revision().publish()
    return image, recording


def class_pages():
    lessons = list(
        LessonPage.objects.live()
        .filter(locale__language_code="es")
        .order_by("path")[:5]
    )
    guides = list(GuidePage.objects.live().filter(locale__language_code="es")[:2])
    assert len(lessons) == 5 and len(guides) == 2
    return lessons, guides
