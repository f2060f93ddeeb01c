"""What is language-neutral on a plant profile's translations.

The fields that do not depend on language (botany, calendar, names, uses,
links, images) are the same on every version; their prose stays as
translated. ``PlantProfilePage`` declares these, and entries.translations
copies them when one version is published. Links to other pages are mapped to
the page of the same language.
"""

from knowledge_portal.core.text_status import TextStatus

NEUTRAL_FIELDS = (
    "scientific_name",
    "family",
    "layer",
    "life_cycle",
    "parts_used",
    "planting_months",
    "harvest_months",
    "provinces",
    "contributors",
)


def _names(source, target):
    from .models import PlantName

    fields = _RELATION_FIELDS["names"]
    return [
        (PlantName(**{field: getattr(name, field) for field in fields}), fields)
        for name in source.names.all()
    ]


def _uses(source, target):
    from .models import PlantUse

    return [
        (PlantUse(category=use.category), _RELATION_FIELDS["uses"])
        for use in source.uses.all()
    ]


def _sources(source, target):
    from .models import PlantSource

    fields = _RELATION_FIELDS["sources"]
    return [
        (PlantSource(**{field: getattr(item, field) for field in fields}), fields)
        for item in source.sources.all()
    ]


def _propagation(source, target):
    from .models import PlantPropagation

    rows = []
    for item in source.propagation_methods.select_related("guide"):
        guide = _same_language(item.guide, target.locale) if item.guide else None
        rows.append(
            (
                PlantPropagation(method=item.method, guide=guide),
                _RELATION_FIELDS["propagation_methods"],
            )
        )
    return rows


def _companions(source, target):
    from .models import PlantCompanion

    rows = []
    for item in source.companions.select_related("companion"):
        companion = _same_language(item.companion, target.locale)
        if companion is not None:
            rows.append(
                (PlantCompanion(companion=companion), _RELATION_FIELDS["companions"])
            )
    return rows


def _gallery(source, target):
    from .models import PlantGalleryImage

    captions = {
        item.image_id: (item.caption, item.caption_status)
        for item in target.gallery_images.all()
    }
    rows = []
    for item in source.gallery_images.all():
        caption, status = captions.get(
            item.image_id,
            (item.caption, TextStatus.AWAITING_TRANSLATION if item.caption else ""),
        )
        rows.append(
            (
                PlantGalleryImage(
                    image_id=item.image_id,
                    caption=caption,
                    caption_status=status,
                    credit=item.credit,
                ),
                _RELATION_FIELDS["gallery_images"],
            )
        )
    return rows


def _recordings(source, target):
    from .models import PlantRecording

    return [
        (
            PlantRecording(recording_id=link.recording_id),
            _RELATION_FIELDS["recordings"],
        )
        for link in source.recordings.all()
    ]


def _same_language(page, locale):
    if page.locale_id == locale.pk:
        return page
    return page.get_translation_or_none(locale)


_RELATION_FIELDS = {
    "names": ("language", "name", "variants", "note", "source", "status"),
    "uses": ("category",),
    "sources": ("key", "citation", "url"),
    "propagation_methods": ("method", "guide_id"),
    "companions": ("companion_id",),
    "gallery_images": ("image_id", "caption", "caption_status", "credit"),
    "recordings": ("recording_id",),
}

# Each builds the rows the target translation should have (see
# entries.translations).
NEUTRAL_RELATIONS = {
    "names": _names,
    "uses": _uses,
    "sources": _sources,
    "propagation_methods": _propagation,
    "companions": _companions,
    "gallery_images": _gallery,
    "recordings": _recordings,
}
