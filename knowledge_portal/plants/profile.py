"""What a plant profile page shows, gathered in a fixed number of queries.

Each part that reads the database is lazy (``SimpleLazyObject``): it is
read only when the template shows it, so a page whose body comes from the
shared cache (``{% shared %}``) reads none of it.
"""

from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from knowledge_portal.core import charts, formatting
from knowledge_portal.core.languages import SITE_LANGUAGES
from knowledge_portal.protocols.access import (
    can_show_page,
    can_view_media,
    shown_rows,
)
from knowledge_portal.protocols.labels import labels_with_explanations

from .browsing import plant_page_layers
from .choices import PlantPart, UseCategory


def profile_context(page, request):
    user = request.user
    calendar = month_calendar(page.planting_months, page.harvest_months)
    return {
        "names_by_language": SimpleLazyObject(lambda: names_by_language(page)),
        "calendar": calendar,
        # The same months in words: a phone shows only their first letters.
        "planting_names": [month["name"] for month in calendar if month["planting"]],
        "harvest_names": [month["name"] for month in calendar if month["harvest"]],
        "calendar_chart": calendar_chart(page),
        # Where it stands among the plants the visitor may see.
        "layers": SimpleLazyObject(lambda: plant_page_layers(page, request)),
        # Lazy labels: made while the page renders, so a Spanish fallback
        # on a Kichwa or Shuar page is marked as Spanish.
        "use_labels": SimpleLazyObject(
            lambda: [UseCategory(use.category).label for use in page.uses.all()]
        ),
        "parts_labels": [
            PlantPart(part).label for part in page.parts_used if part in PlantPart
        ],
        # The guide as its own page type, so its title shows whether it
        # awaits translation (two queries whatever the number of methods).
        "propagation": SimpleLazyObject(
            lambda: shown_rows(
                user,
                page.propagation_methods.prefetch_related(
                    Prefetch("guide", queryset=Page.objects.specific())
                ),
            )
        ),
        "companion_pages": SimpleLazyObject(lambda: companion_pages(page, user)),
        "gallery": SimpleLazyObject(
            lambda: shown_rows(
                user,
                page.gallery_images.select_related("image").prefetch_related(
                    "image__renditions"
                ),
            )
        ),
        "source_list": SimpleLazyObject(lambda: list(page.sources.all())),
        "recordings": SimpleLazyObject(
            lambda: visible_recordings(
                page.recordings.select_related("recording"), user
            )
        ),
        "labels": labels_with_explanations(page.tk_labels),
    }


def visible_recordings(links, user):
    return [link.recording for link in links if can_view_media(user, link.recording)]


def names_by_language(page):
    names = list(page.names.all())
    groups = []
    for language in SITE_LANGUAGES:
        in_language = [name for name in names if name.language == language.code]
        if in_language:
            groups.append({"language": language, "names": in_language})
    return groups


def month_calendar(planting_months, harvest_months):
    """Twelve months with their names in the active language and what happens."""
    names = formatting.month_names()
    short = formatting.month_names(width="abbreviated")
    return [
        {
            "number": number,
            "name": names[number - 1],
            "short": short[number - 1],
            "planting": number in planting_months,
            "harvest": number in harvest_months,
        }
        for number in range(1, 13)
    ]


def calendar_chart(page):
    """The plant's year as a picture: sowing dotted, harvest solid (there
    is no flowering field: only what the profile records is drawn)."""
    return charts.month_chart(
        [
            ("planting", _("Planting"), page.planting_months, True),
            ("harvest", _("Harvest"), page.harvest_months, False),
        ]
    )


def companion_pages(page, user):
    """Companions in both directions: those this profile lists and those
    listing it, live ones only, without duplicates."""
    from .models import PlantCompanion

    listed = [
        link.companion
        for link in page.companions.select_related("companion").filter(
            companion__live=True
        )
    ]
    listing = [
        link.page
        for link in PlantCompanion.objects.filter(
            companion=page, page__live=True
        ).select_related("page")
    ]
    seen = set()
    result = []
    for companion in listed + listing:
        if (
            companion.pk not in seen
            and companion.pk != page.pk
            and can_show_page(user, companion)
        ):
            seen.add(companion.pk)
            result.append(companion)
    return result
