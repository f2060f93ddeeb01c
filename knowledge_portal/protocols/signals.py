"""A protocol is the same in every language: publishing one version of an
entry brings its translations to the same protocol."""

from django.db import transaction

from knowledge_portal.core.sync import translation_sync_is_paused

PROTOCOL_FIELDS = (
    "access",
    "access_communities",
    "access_group_id",
    "season_months",
    "tk_labels",
)


def on_page_published(sender, instance, **kwargs):
    if not translation_sync_is_paused():
        sync_protocol(instance)


@transaction.atomic
def sync_protocol(page):
    for other in page.get_translations().specific():
        if not hasattr(other, "access"):
            continue
        differs = [
            field
            for field in PROTOCOL_FIELDS
            if getattr(other, field) != getattr(page, field)
        ]
        if not differs:
            continue
        for field in differs:
            setattr(other, field, getattr(page, field))
        if other.live:
            # Publishing calls this again from the other side; by then the
            # protocols agree and it stops.
            other.save_revision().publish()
        else:
            other.save(update_fields=[field.removesuffix("_id") for field in differs])
