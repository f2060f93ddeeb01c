"""Images that travel with content files: checked, imported once, exported."""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from knowledge_portal.core import uploads


def _refusal(path, validator):
    """Why ``core.uploads`` refuses the file at ``path`` (in English, like the
    rest of the loader's report), or None."""
    with path.open("rb") as handle, translation.override("en"):
        try:
            validator(File(handle, name=path.name))
        except ValidationError as error:
            return " ".join(error.messages)
    return None


def check_image_file(path):
    """A message if ``path`` is not an image an upload could be, else None."""
    path = Path(path)
    if not path.is_file():
        return f"image file {path.name} not found beside the entry"
    problem = _refusal(path, uploads.validate_image_upload)
    if problem:
        return f"image file {path.name} is not a valid image ({problem})"
    return None


def check_audio_file(path):
    """A message if ``path`` is not a recording an upload could be, else None."""
    path = Path(path)
    if not path.is_file():
        return f"recording {path.name} not found beside the entry"
    problem = _refusal(path, uploads.validate_audio_upload)
    if problem:
        return f"recording {path.name} is not audio we can play ({problem})"
    return None


def import_image(path):
    """The Wagtail image with this file's content, created if new."""
    content = Path(path).read_bytes()
    file_hash = hash_filelike(io.BytesIO(content))
    model = get_image_model()
    existing = model.objects.filter(file_hash=file_hash).first()
    if existing is not None:
        return existing
    # Checked before the import (check_image_file): this gives its real type.
    extension = uploads.validate_image_upload(File(io.BytesIO(content)))
    image = model(
        title=Path(path).name,
        file=ImageFile(
            io.BytesIO(content), name=uploads.stored_name(Path(path).name, extension)
        ),
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
