from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "knowledge_portal.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from . import checks  # noqa: F401
        from .content import site  # noqa: F401  (registers the entry type)

        post_migrate.connect(create_site_locales, sender=self)


def create_site_locales(**kwargs):
    """Every site language needs a Wagtail Locale before pages can use it."""
    from wagtail.models import Locale

    from .languages import LANGUAGE_CODES

    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)
