from django.core.management.base import BaseCommand

from knowledge_portal.site.content.exporter import export_content


class Command(BaseCommand):
    help = "Write every published entry, with its images, in the content format."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--public",
            action="store_true",
            help="Only what anyone may see (for publishing); without it, a backup.",
        )

    def handle(self, *args, directory, public=False, **options):
        written = export_content(directory, public=public)
        self.stdout.write(f"{written} entries written to {directory}")
