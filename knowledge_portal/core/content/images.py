"""Images that travel with content files: checked, imported once, exported."""

import io
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


def check_image_file(path):
    """A message if ``path`` is not a whole, reasonably sized image, else None."""
    path = Path(path)
    if not path.is_file():
        return f"image file {path.name} not found beside the entry"
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return f"image file {path.name} is larger than 10 MB"
    try:
        with PillowImage.open(path) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return f"image file {path.name} has too many pixels"
            image.verify()
        # verify() misses truncated data; decoding the pixels does not.
        with PillowImage.open(path) as image:
            image.load()
    except (OSError, SyntaxError, PillowImage.DecompressionBombError) as error:
        return f"image file {path.name} is not a valid image ({error})"
    return None


def check_audio_file(path):
    """A message if ``path`` is not a recording we can play, else None."""
    from knowledge_portal.core.uploads import MAX_AUDIO_BYTES, sniff_audio

    path = Path(path)
    if not path.is_file():
        return f"recording {path.name} not found beside the entry"
    if path.stat().st_size > MAX_AUDIO_BYTES:
        return f"recording {path.name} is larger than 20 MB"
    with path.open("rb") as handle:
        if sniff_audio(handle.read(16)) is None:
            return f"recording {path.name} is not audio we can play"
    return None


def import_image(path):
    """The Wagtail image with this file's content, created if new."""
    content = Path(path).read_bytes()
    file_hash = hash_filelike(io.BytesIO(content))
    model = get_image_model()
    existing = model.objects.filter(file_hash=file_hash).first()
    if existing is not None:
        return existing
    image = model(
        title=Path(path).name,
        file=ImageFile(io.BytesIO(content), name=Path(path).name),
        file_hash=file_hash,
        file_size=len(content),
    )
    image.save()
    return image


def image_file_name(image):
    """The name an image is exported under."""
    return (
        image.title if _is_plain_file_name(image.title) else Path(image.file.name).name
    )


def image_bytes(image):
    with image.open_file() as handle:
        return handle.read()


def _is_plain_file_name(name):
    import re

    return bool(re.fullmatch(r"[A-Za-z0-9._-]+\.(jpe?g|png|webp|gif)", name))
