"""What the portal accepts as uploads, decided in one place.

A file is judged by its content, never by its name: a renamed executable, a
truncated image, a decompression bomb or an SVG (which can carry script) is
refused with a message in the user's language.

Every way a file gets in goes through here: the contribution forms
(``protocols/submissions/forms.py``), Wagtail's image and document forms in the admin
(``core/upload_forms.py``, named in settings, which also derive Wagtail's own
limits from the constants below) and the content files (``entries/
images.py``, ``entries/recordings.py``). Each stores the file under
``stored_name``: its name comes from what the file was found to be, never from
the name the browser sent, so a PNG sent as ``x.html`` is stored as ``x.png``.
The media view (``protocols/views.py``) likewise sends a file as the type found
here. The module is imported by the settings, so it must not import anything
that needs them.
"""

import secrets
import warnings
import zipfile
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

MAX_AUDIO_BYTES = 20 * 1024 * 1024
AUDIO_EXTENSIONS = ".m4a, .aac, .ogg, .opus, .mp3, .wav"
# The types sniff_audio tells apart, and the extension each is stored under.
AUDIO_TYPES = {
    "audio/wav": "wav",
    "audio/ogg": "ogg",
    "audio/mp4": "m4a",
    "audio/mpeg": "mp3",
    "audio/aac": "aac",
}

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
ODT_MIME_TYPE = b"application/vnd.oasis.opendocument.text"
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "odt": ODT_MIME_TYPE.decode(),
    "txt": "text/plain",
    "csv": "text/csv",
}
DOCUMENT_EXTENSIONS = list(DOCUMENT_TYPES)
# How much of a text file is read to tell it from a binary one.
TEXT_SNIFF_BYTES = 64 * 1024
# Long enough to recognise a file by its name, short enough for the 100
# characters of a FileField with its folders and random part.
STORED_BASE_LENGTH = 40


def stored_name(name, extension, *, unguessable=False):
    """The name a checked upload is stored under: a slug of the name it came
    with and ``extension``, the one of the format its content was found to be.

    The extension it came with is dropped: the media view, browsers and any
    proxy in between could take the file for what that extension says. With
    ``unguessable`` a random part is added, so the address of a file nobody
    was shown cannot be guessed.
    """
    base = slugify(PurePosixPath(name or "").stem)[:STORED_BASE_LENGTH].strip("-_")
    base = base or "file"
    if unguessable:
        base = f"{base}-{secrets.token_urlsafe(9)}"
    return f"{base}.{extension}"


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


def image_type(handle):
    """``(MIME type, extension)`` of an image file we serve as an image, read
    from its header; None for anything else (an SVG, an HTML page)."""
    handle.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PillowImage.DecompressionBombWarning)
            with PillowImage.open(handle, formats=list(IMAGE_FORMATS)) as image:
                extension = IMAGE_FORMATS[image.format]
    except (OSError, SyntaxError, ValueError, PillowImage.DecompressionBombError):
        return None
    finally:
        handle.seek(0)
    return IMAGE_TYPES[extension], extension


def _sniff_audio_type(head):
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[:4] == b"OggS":
        return "audio/ogg"
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    if head[:3] == b"ID3":
        return "audio/mpeg"
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return "audio/aac"
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return "audio/mpeg"
    return None


def sniff_audio(head):
    """``(MIME type, extension)`` of a recording from its first bytes, or None."""
    mime_type = _sniff_audio_type(head)
    return (mime_type, AUDIO_TYPES[mime_type]) if mime_type else None


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
