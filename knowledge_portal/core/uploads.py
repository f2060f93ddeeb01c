"""What the portal accepts as uploads, decided in one place.

A file is judged by its content, never by its name: a renamed executable, a
truncated image, a decompression bomb or an SVG (which can carry script) is
refused with a message in the user's language.

Every way a file gets in goes through here: the contribution forms
(``contributions/forms.py``), Wagtail's image and document forms in the admin
(``core/upload_forms.py``, named in settings, which also derive Wagtail's own
limits from the constants below) and the content files (``core/content/
images.py``). The module is imported by the settings, so it must not import
anything that needs them.
"""

import warnings
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]

MAX_AUDIO_BYTES = 20 * 1024 * 1024
AUDIO_EXTENSIONS = ".m4a, .aac, .ogg, .opus, .mp3, .wav"

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
DOCUMENT_EXTENSIONS = ["pdf", "odt", "txt", "csv"]
ODT_MIME_TYPE = b"application/vnd.oasis.opendocument.text"
# How much of a text file is read to tell it from a binary one.
TEXT_SNIFF_BYTES = 64 * 1024


def _check_size(uploaded, limit):
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(limit),
            },
            code="too_large",
        )


def validate_image_upload(uploaded):
    """Return the image format ("jpg", "png" or "webp") or raise."""
    _check_size(uploaded, MAX_IMAGE_BYTES)
    not_an_image = ValidationError(
        _("This file is not a photo we can use. Send a JPEG, PNG or WebP photo."),
        code="not_an_image",
    )
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: refuse both.
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(uploaded) as image:
                image_format = image.format
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("This photo has too many pixels."), code="too_many_pixels"
                    )
                image.verify()
            uploaded.seek(0)
            with PillowImage.open(uploaded) as image:
                image.load()
    except ValidationError:
        raise
    except (
        OSError,
        SyntaxError,
        ValueError,
        PillowImage.DecompressionBombError,
        PillowImage.DecompressionBombWarning,
    ) as error:
        raise not_an_image from error
    finally:
        uploaded.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise not_an_image
    return IMAGE_FORMATS[image_format]


def sniff_audio(head):
    """The audio type of a file from its first bytes, or None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav", "wav"
    if head[:4] == b"OggS":
        return "audio/ogg", "ogg"
    if head[4:8] == b"ftyp":
        return "audio/mp4", "m4a"
    if head[:3] == b"ID3":
        return "audio/mpeg", "mp3"
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return "audio/aac", "aac"
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return "audio/mpeg", "mp3"
    return None


def validate_audio_upload(uploaded):
    """Return ``(mime type, extension)`` or raise."""
    _check_size(uploaded, MAX_AUDIO_BYTES)
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    kind = sniff_audio(head)
    if kind is None:
        raise ValidationError(
            _("This file is not a recording we can play. Send %(types)s.")
            % {"types": AUDIO_EXTENSIONS},
            code="not_audio",
        )
    return kind


def _document_matches(extension, uploaded):
    uploaded.seek(0)
    head = uploaded.read(TEXT_SNIFF_BYTES)
    uploaded.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "odt":
        # An OpenDocument file is a zip whose first entry, "mimetype", names it.
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = archive.namelist()
                if not names or names[0] != "mimetype":
                    return False
                return archive.read("mimetype").strip() == ODT_MIME_TYPE
        except (zipfile.BadZipFile, OSError, KeyError):
            return False
        finally:
            uploaded.seek(0)
    # Text and CSV in UTF-8 or a one-byte encoding have no NUL bytes; binaries do.
    return b"\x00" not in head


def extension_of(name):
    name = name or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_document_upload(uploaded):
    """Return the document's extension or raise."""
    _check_size(uploaded, MAX_DOCUMENT_BYTES)
    extension = extension_of(uploaded.name)
    if extension not in DOCUMENT_EXTENSIONS or not _document_matches(
        extension, uploaded
    ):
        raise ValidationError(
            _("This file is not a document we accept. Send %(types)s.")
            % {"types": ", ".join(f".{item}" for item in DOCUMENT_EXTENSIONS)},
            code="not_a_document",
        )
    return extension
