"""What a guide page shows, in a fixed number of queries.

The parts that read the database are lazy (``SimpleLazyObject``), so a
guide whose body comes from the shared cache (``{% shared %}``) reads none.
"""

from django.utils.functional import SimpleLazyObject
from wagtail.images import get_image_model

from knowledge_portal.core import formatting, photos
from knowledge_portal.protocols.access import can_view_image, shown_rows


def guide_context(page, user):
    months = formatting.month_names()
    return {
        "best_month_names": [months[number - 1] for number in sorted(page.best_months)],
        "plant_pages": SimpleLazyObject(
            lambda: [
                link.plant
                for link in shown_rows(user, page.plants.select_related("plant"))
            ]
        ),
        "steps": SimpleLazyObject(lambda: shown_steps(page, user)),
        "source_list": SimpleLazyObject(lambda: list(page.sources.all())),
    }


def shown_steps(page, user):
    """The guide's steps, their photos loaded and checked."""
    prefetch_step_images(page.steps, user)
    return page.steps


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
