from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "knowledge_portal.site"
    label = "core"
    verbose_name = _("Portal site")

    def ready(self):
        from wagtail.signals import page_published

        from knowledge_portal.core import checks  # noqa: F401
        from knowledge_portal.entries.translations import on_page_published

        from .content import site  # noqa: F401  (registers the entry type)
        from .page_cache import connect_invalidation

        post_migrate.connect(create_site_locales, sender=self)
        post_migrate.connect(create_cache_tables, sender=self)
        connect_invalidation()
        # One receiver for every page type: each declares what is neutral.
        page_published.connect(on_page_published, dispatch_uid="sync_translations")


def create_site_locales(**kwargs):
    """Every site language needs a Wagtail Locale before pages can use it."""
    from wagtail.models import Locale

    from knowledge_portal.core.languages import LANGUAGE_CODES

    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)


def create_cache_tables(using, **kwargs):
    """Rate limits are counted in a database table by default (settings:
    ratelimit_cache); every migrate makes sure it exists, so no way of setting
    up a database (make setup, a restore, the tests) can miss it."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
