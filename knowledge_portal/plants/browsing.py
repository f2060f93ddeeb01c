"""Listing plant profiles: filters with counts, A–Z order, pagination.

Everything is plain links with query strings, so it works with JavaScript off.
"""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import QueryDict
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.collation import sort_key
from knowledge_portal.protocols.access import visible_pages

from .choices import Layer, LifeCycle, PropagationMethod, UseCategory
from .layers import index_layers

PLANTS_PER_PAGE = 24


class PlantFilter:
    def __init__(self, param, label, choices, lookup):
        self.param = param
        self.label = label
        self.choices = choices
        self.lookup = lookup


def plant_filters():
    return [
        PlantFilter("use", _("Use"), UseCategory, "uses__category"),
        PlantFilter("layer", _("Chakra layer"), Layer, "layer"),
        PlantFilter("cycle", _("Life cycle"), LifeCycle, "life_cycle"),
        PlantFilter(
            "propagation",
            _("Propagation"),
            PropagationMethod,
            "propagation_methods__method",
        ),
    ]


def lazy_browse_plants(index_page, request):
    """``browse_plants``, read only when the template shows it (not at all
    when the listing comes from the shared cache)."""
    browsed = SimpleLazyObject(lambda: browse_plants(index_page, request))
    return {
        name: SimpleLazyObject(lambda name=name: browsed[name])
        for name in (
            "plants",
            "facets",
            "active_filters",
            "query_without_page",
            "layers",
        )
    }


def visible_plants(index_page, user):
    """The published plants of ``index_page`` that ``user`` may see."""
    from .models import PlantProfilePage

    return visible_pages(
        user, PlantProfilePage.objects.child_of(index_page).live().public()
    )


def plant_page_layers(page, request):
    """The layers diagram of a plant's page: the plants of its index the
    visitor may see, each layer's overflow linked to the filtered index."""
    index_page = page.get_parent()
    index_url = index_page.get_url(request)
    return index_layers(
        visible_plants(index_page, request.user),
        href=lambda plant: plant.get_url(request),
        more_href=lambda layer: f"{index_url}?layer={layer}",
    )


def browse_plants(index_page, request):
    from .models import PlantProfilePage

    filters = plant_filters()
    plants = visible_plants(index_page, request.user)
    active = {}
    for plant_filter in filters:
        value = request.GET.get(plant_filter.param)
        if value in plant_filter.choices.values:
            active[plant_filter.param] = value
            plants = plants.filter(**{plant_filter.lookup: value})
    # Filtering through child tables can repeat a page; a pk subquery keeps
    # counts and ordering exact.
    matching = PlantProfilePage.objects.filter(pk__in=plants.values("pk"))

    facets = [
        _facet(plant_filter, matching, active, request.GET) for plant_filter in filters
    ]

    language = translation.get_language()
    rows = sorted(
        matching.values_list("pk", "title"),
        key=lambda row: sort_key(row[1], language),
    )
    paginator = Paginator(rows, PLANTS_PER_PAGE)
    page_of_rows = paginator.get_page(request.GET.get("page"))
    by_pk = PlantProfilePage.objects.in_bulk([pk for pk, _title in page_of_rows])
    page_of_rows.object_list = [by_pk[pk] for pk, _title in page_of_rows]
    return {
        "plants": page_of_rows,
        "facets": facets,
        "active_filters": active,
        "query_without_page": _query(request.GET, page=None),
        # Every plant the filters leave, not one page of them.
        "layers": index_layers(
            matching,
            href=lambda page: page.get_url(request),
            more_href=lambda layer: "?" + _query(request.GET, page=None, layer=layer),
        ),
    }


def _facet(plant_filter, matching, active, params):
    counts = dict(
        matching.order_by()
        .values_list(plant_filter.lookup)
        .annotate(count=Count("pk", distinct=True))
        .values_list(plant_filter.lookup, "count")
    )
    selected = active.get(plant_filter.param)
    options = []
    for value, label in plant_filter.choices.choices:
        count = counts.get(value, 0)
        if not count and value != selected:
            continue
        options.append(
            {
                "value": value,
                "label": label,
                "count": count,
                "selected": value == selected,
                "url": "?"
                + _query(
                    params,
                    page=None,
                    **{plant_filter.param: None if value == selected else value},
                ),
            }
        )
    return {
        "param": plant_filter.param,
        "label": plant_filter.label,
        "options": options,
    }


def _query(params, **changes):
    query = QueryDict(mutable=True)
    for key in ("use", "layer", "cycle", "propagation", "page"):
        if params.get(key):
            query[key] = params[key]
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()
