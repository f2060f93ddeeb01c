from django.core.management.base import BaseCommand

from knowledge_portal.site.page_cache import clear_page_cache


class Command(BaseCommand):
    help = (
        "Forget every page stored for anonymous visitors. Changes to content "
        "clear it by themselves; run this after deploying new templates or "
        "translations (`make setup` does)."
    )

    def handle(self, *args, **options):
        clear_page_cache()
