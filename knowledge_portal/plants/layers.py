"""The chakra's layers as a picture: which plants stand in each.

The plants come from the caller, already narrowed by the access rule
(``protocols.access.visible_pages`` on the plant index, the pack's own
selection in a pack): this module draws what it is given and looks nothing
up.
"""

from django.utils import translation
from django.utils.text import capfirst

from knowledge_portal.core import charts
from knowledge_portal.core.collation import sort_key

from .choices import Layer

#: From the top of the chakra down to the ground, as the diagram reads;
#: climbers, which cross every layer, last.
DIAGRAM_ORDER = (
    Layer.EMERGENT,
    Layer.CANOPY,
    Layer.UNDERSTORY,
    Layer.SHRUB,
    Layer.HERB,
    Layer.GROUND,
    Layer.CLIMBER,
)


def layers_by_plant(plants, href):
    """``plants`` grouped by layer in ``DIAGRAM_ORDER``, A–Z within each:
    ``[{"key", "label", "plants": [{"page", "href"}]}]``, layers without a
    plant left out (as are plants without a layer). ``href(page)`` is the
    address of a plant's page."""
    language = translation.get_language()
    by_layer = {}
    for plant in plants:
        by_layer.setdefault(plant.layer, []).append(plant)
    groups = []
    for layer in DIAGRAM_ORDER:
        pages = sorted(
            by_layer.get(layer.value, []),
            key=lambda page: sort_key(page.title, language),
        )
        if pages:
            groups.append(
                {
                    "key": layer.value,
                    "label": layer.label,
                    "plants": [{"page": page, "href": href(page)} for page in pages],
                }
            )
    return groups


def layers_chart(groups):
    """The groups of ``layers_by_plant`` drawn as bands of links."""
    language = translation.get_language()
    return charts.band_chart(
        [
            {
                "key": group["key"],
                "label": charts.shown_text(capfirst(group["label"]), language),
                "items": [
                    {
                        "text": charts.page_title(entry["page"], language),
                        "href": entry["href"],
                    }
                    for entry in group["plants"]
                ],
            }
            for group in groups
        ]
    )


def layers_context(plants, href):
    """What the layers include needs: the groups (its list) and the chart."""
    groups = layers_by_plant(plants, href)
    return {"groups": groups, "chart": layers_chart(groups)} if groups else None
