from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PacksConfig(AppConfig):
    name = "knowledge_portal.packs"
    label = "packs"
    verbose_name = _("Offline packs")
