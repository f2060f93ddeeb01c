"""What the portal accepts as uploads, decided in one place.

A file is judged by its content, never by its name: a renamed executable, a
truncated image, a decompression bomb or an SVG (which can carry script) is
refused with a message in the user's language.
"""

import warnings

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

MAX_AUDIO_BYTES = 20 * 1024 * 1024
AUDIO_EXTENSIONS = ".m4a, .aac, .ogg, .opus, .mp3, .wav"


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
