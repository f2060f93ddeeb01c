from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    """The communities' own part of the portal: their public pages, and the
    screens where their managers run membership and their stewards the
    protocols of their knowledge."""

    name = "knowledge_portal.communities"
    label = "communities"
    verbose_name = _("Communities")

    def ready(self):
        from knowledge_portal.search.types import register_search_type

        from . import content  # noqa: F401  (registers the entry type)
        from .models import CommunityPage

        register_search_type("community", CommunityPage, _("community"), "about")
