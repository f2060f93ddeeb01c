"""Keep the language-neutral fields of a profile's translations in step.

When an editor publishes one language's version, the fields that do not
depend on language (botany, calendar, names, uses, links, images) are copied
to the other versions; their prose stays as translated. Links to other pages
are mapped to the page of the same language.
"""

from django.db import transaction

from knowledge_portal.core.ordering import in_order
from knowledge_portal.core.sync import translation_sync_is_paused
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
    "communities",
    "contributors",
)


def on_page_published(sender, instance, **kwargs):
    if not translation_sync_is_paused():
        sync_translations(instance)


@transaction.atomic
def sync_translations(page):
    """Copy ``page``'s neutral fields to its other live translations."""
    for other in page.get_translations().live().specific():
        if _copy_neutral_fields(page, other):
            # Publishing the copy calls this again from the other side; by then
            # nothing differs, so it stops there.
            other.save_revision().publish()


def _copy_neutral_fields(source, target):
    changed = False
    for field in NEUTRAL_FIELDS:
        if getattr(target, field) != getattr(source, field):
            setattr(target, field, getattr(source, field))
            changed = True
    for relation, build in _RELATIONS.items():
        wanted = build(source, target)
        current = [_row(item, fields) for item, fields in _current(target, relation)]
        if [_row(item, fields) for item, fields in wanted] != current:
            setattr(target, relation, in_order(item for item, _fields in wanted))
            changed = True
    return changed


def _row(item, fields):
    return tuple(getattr(item, field) for field in fields)


def _current(page, relation):
    fields = _RELATION_FIELDS[relation]
    return [(item, fields) for item in getattr(page, relation).all()]


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

_RELATIONS = {
    "names": _names,
    "uses": _uses,
    "sources": _sources,
    "propagation_methods": _propagation,
    "companions": _companions,
    "gallery_images": _gallery,
    "recordings": _recordings,
}
