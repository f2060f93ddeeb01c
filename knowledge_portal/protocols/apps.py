from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolsConfig(AppConfig):
    name = "knowledge_portal.protocols"
    label = "protocols"
    verbose_name = _("Cultural protocols")

    def ready(self):
        from django.db.models.signals import pre_delete

        from .models import Community
        from .permission_policies import register_policies
        from .stewardship import refuse_deleting_a_named_community

        register_policies()
        pre_delete.connect(
            refuse_deleting_a_named_community,
            sender=Community,
            dispatch_uid="protocols:community-named",
        )
