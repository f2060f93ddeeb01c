from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlantsConfig(AppConfig):
    name = "knowledge_portal.plants"
    label = "plants"
    verbose_name = _("Plants")

    def ready(self):
        from knowledge_portal.search.types import (
            register_facet,
            register_matched_names,
            register_search_type,
        )

        from . import content  # noqa: F401  (registers the entry type)
        from .models import PlantProfilePage
        from .search import LifeCycleFacet, UseFacet, matched_plant_names

        register_search_type("plant", PlantProfilePage, _("plant"), "summary")
        register_facet(UseFacet)
        register_facet(LifeCycleFacet)
        register_matched_names(matched_plant_names)
