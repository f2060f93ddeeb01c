from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolsConfig(AppConfig):
    name = "knowledge_portal.protocols"
    label = "protocols"
    verbose_name = _("Cultural protocols")

    def ready(self):
        from wagtail.signals import page_published

        from .permission_policies import register_policies
        from .signals import on_page_published

        page_published.connect(on_page_published)
        register_policies()
