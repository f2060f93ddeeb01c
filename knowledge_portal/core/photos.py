"""The sizes photos are served in: WebP, never wider than 480 px on a phone.

Phones get the 360 or 480 px rendition whatever their pixel density, because
data is slow and metered where the communities live; screens at least 48em
wide may take the 960 px one. The WebP quality is WAGTAILIMAGES_WEBP_QUALITY.
Bounding the height too keeps a tall photo as light as a wide one.
"""

RENDITIONS = {
    "small": "max-360x540|format-webp",
    "medium": "max-480x720|format-webp",
    "large": "max-960x1440|format-webp",
}
SPECS = tuple(RENDITIONS.values())


def photo_renditions(image):
    """``image``'s renditions by size name, made on first use.

    Prefetch them with ``prefetch_renditions(*SPECS)`` (or all of an image's
    renditions) so a page of photos costs no query per photo.
    """
    made = image.get_renditions(*SPECS)
    return {name: made[spec] for name, spec in RENDITIONS.items()}
