from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from knowledge_portal.core.content.loader import load_content


class Command(BaseCommand):
    help = (
        "Create or update pages to match the content files (default: content/). "
        "A file with an error is reported as file:line and not imported at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=None)

    def handle(self, *args, directory=None, **options):
        directory = directory or settings.CONTENT_DIR
        report = load_content(directory)
        counts = report.counts
        self.stdout.write(
            f"{counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged"
        )
        for error in report.errors:
            self.stderr.write(str(error))
        if report.errors:
            raise CommandError(f"{len(report.errors)} file(s) not imported")
