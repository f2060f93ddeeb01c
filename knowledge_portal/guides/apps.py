from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "knowledge_portal.guides"
    label = "guides"
    verbose_name = _("Guides")

    def ready(self):
        from knowledge_portal.search.types import register_search_type

        from . import content  # noqa: F401  (registers the entry type)
        from .models import GuidePage

        register_search_type("guide", GuidePage, _("guide"), "summary")
