"""What a guide page shows, in a fixed number of queries."""

from wagtail.images import get_image_model

from knowledge_portal.core import formatting, photos
from knowledge_portal.protocols.access import can_view_image, shown_rows


def guide_context(page, user):
    months = formatting.month_names()
    prefetch_step_images(page.steps, user)
    return {
        "best_month_names": [months[number - 1] for number in sorted(page.best_months)],
        "plant_pages": [
            link.plant for link in shown_rows(user, page.plants.select_related("plant"))
        ],
        "source_list": list(page.sources.all()),
    }


def prefetch_step_images(stream, user):
    """Load every step photo and its renditions in two queries, not some each;
    leave out the photos ``user`` may not see."""
    steps = [block for block in stream if block.value.get("image")]
    if not steps:
        return
    images = (
        get_image_model()
        .objects.filter(pk__in=[block.value["image"].pk for block in steps])
        .prefetch_renditions(*photos.SPECS)
        .in_bulk()
    )
    for block in steps:
        image = images[block.value["image"].pk]
        block.value["image"] = image if can_view_image(user, image) else None
