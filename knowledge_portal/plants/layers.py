"""The chakra's layers as a picture: which plants stand in each.

The plants come from the caller, already narrowed by the access rule
(``protocols.access.visible_pages`` on the plant index, the pack's own
selection in a pack): this module draws what it is given and looks nothing
else up.
"""

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

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
#: Plants drawn in a layer of the plant index; the rest are one link to the
#: index filtered by that layer (an archive of thousands of plants must not
#: draw thousands of links).
INDEX_PER_LAYER = 12
MORE = _("%(count)s more")


def layers_by_plant(rows, limit=None, more_href=None):
    """``rows`` (``(pk, title, layer)`` of plants) grouped by layer in
    ``DIAGRAM_ORDER``, A–Z within each, at most ``limit`` a layer:
    ``[{"key", "label", "pks", "more", "more_href"}]``, layers without a plant
    left out (as are plants without a layer). ``more_href(layer)`` is where
    the plants left out are listed."""
    language = translation.get_language()
    by_layer = {}
    for pk, title, layer in rows:
        by_layer.setdefault(layer, []).append((sort_key(title, language), pk))
    groups = []
    for layer in DIAGRAM_ORDER:
        ordered = [pk for _key, pk in sorted(by_layer.get(layer.value, []))]
        if not ordered:
            continue
        shown = ordered[:limit] if limit else ordered
        groups.append(
            {
                "key": layer.value,
                "label": layer.label,
                "pks": shown,
                "more": len(ordered) - len(shown),
                "more_href": more_href(layer.value) if more_href else None,
            }
        )
    return groups


def layers_context(pages, groups, href):
    """What ``plants/includes/layers.html`` shows of ``groups``: each
    layer's plants (``pages`` by pk) with their addresses, and the chart."""
    if not groups:
        return None
    language = translation.get_language()
    for group in groups:
        # Spanish where the layer's name awaits translation, marked so.
        # (capitalised after the marks are gone: a fallback starts with one).
        label = charts.shown_text(group["label"], language)
        group["label_text"] = charts.ChartText(capfirst(label.text), label.lang)
        group["plants"] = [
            {"page": pages[pk], "href": href(pages[pk])} for pk in group["pks"]
        ]
        group["more_text"] = (
            charts.shown_text(MORE, language, {"count": group["more"]})
            if group["more"]
            else None
        )
    chart = charts.band_chart(
        [
            {
                "key": group["key"],
                "label": group["label_text"],
                "items": [
                    {
                        "text": charts.page_title(entry["page"], language),
                        "href": entry["href"],
                    }
                    for entry in group["plants"]
                ]
                + (
                    [{"text": group["more_text"], "href": group["more_href"]}]
                    if group["more_text"] and group["more_href"]
                    else []
                ),
            }
            for group in groups
        ]
    )
    return {"groups": groups, "chart": chart}


def index_layers(plants, href, more_href):
    """The layers of the plant index: ``plants``, a queryset the access rule
    has narrowed, at most ``INDEX_PER_LAYER`` drawn a layer (two queries
    whatever their number)."""
    from .models import PlantProfilePage

    groups = layers_by_plant(
        plants.values_list("pk", "title", "layer"),
        limit=INDEX_PER_LAYER,
        more_href=more_href,
    )
    pages = PlantProfilePage.objects.in_bulk(
        [pk for group in groups for pk in group["pks"]]
    )
    return layers_context(pages, groups, href)


def pack_layers(pages, href):
    """The layers of a pack's plants (``pages``, all drawn), each linked at
    ``href(page)``."""
    by_pk = {page.pk: page for page in pages}
    groups = layers_by_plant([(page.pk, page.title, page.layer) for page in pages])
    return layers_context(by_pk, groups, href)
