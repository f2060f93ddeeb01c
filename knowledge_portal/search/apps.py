from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "knowledge_portal.search"
    label = "portal_search"
    verbose_name = _("Search")
