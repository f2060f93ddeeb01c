from django.core.management.base import BaseCommand

from knowledge_portal.core.content.exporter import export_content


class Command(BaseCommand):
    help = "Write every published entry, with its images, in the content format."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        written = export_content(directory)
        self.stdout.write(f"{written} entries written to {directory}")
