from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolsConfig(AppConfig):
    name = "knowledge_portal.protocols"
    label = "protocols"
    verbose_name = _("Cultural protocols")

    def ready(self):
        from .permission_policies import register_policies

        register_policies()
