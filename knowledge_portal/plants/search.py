"""What the search page knows of plants: the Use and Life-cycle facets and
the plant names a result was found by (registered in ``PlantsConfig.ready``)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from knowledge_portal.search.facets import Facet

from .choices import LifeCycle, UseCategory
from .models import PlantName, PlantProfilePage, PlantUse


class UseFacet(Facet):
    param = "use"
    label = _("Use")

    def choices(self):
        return UseCategory.choices

    def matching_ids(self, ids, value):
        return PlantUse.objects.filter(page_id__in=ids, category=value).values_list(
            "page_id", flat=True
        )

    def counts(self, ids):
        return dict(
            PlantUse.objects.filter(page_id__in=ids)
            .order_by()
            .values_list("category")
            .annotate(count=Count("page_id", distinct=True))
            .values_list("category", "count")
        )


class LifeCycleFacet(Facet):
    param = "cycle"
    label = _("Life cycle")

    def choices(self):
        return LifeCycle.choices

    def matching_ids(self, ids, value):
        return PlantProfilePage.objects.filter(
            pk__in=ids, life_cycle=value
        ).values_list("pk", flat=True)

    def counts(self, ids):
        return dict(
            PlantProfilePage.objects.filter(pk__in=ids)
            .order_by()
            .values_list("life_cycle")
            .annotate(count=Count("pk"))
            .values_list("life_cycle", "count")
        )


def matched_plant_names(page_ids, matcher):
    """The names (in any of their spellings) the query matched, per page."""
    if not matcher:
        return {}
    matched = {}
    for name in PlantName.objects.filter(page_id__in=page_ids).order_by("sort_order"):
        spellings = [name.name, *name.variant_list]
        if any(matcher.matches_text(spelling, name.language) for spelling in spellings):
            matched.setdefault(name.page_id, []).append(name)
    return matched
