from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from knowledge_portal.site.content.loader import load_content


class Command(BaseCommand):
    help = (
        "Create or update pages to match the content files (default: content/). "
        "Entries edited on the site since they were loaded are kept and listed; "
        "--replace puts the files' version back over them. "
        "A file with an error is reported as file:line and not imported at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=None)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace entries edited on the site with the files' version.",
        )

    def handle(self, *args, directory=None, replace=False, **options):
        directory = directory or settings.CONTENT_DIR
        report = load_content(directory, replace=replace)
        write_load_report(self, report)
        if report.errors:
            raise CommandError(f"{len(report.errors)} file(s) not imported")


def write_load_report(command, report):
    """The counts, the entries kept for their edits, then the errors."""
    counts = report.counts
    command.stdout.write(
        f"{counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['kept']} kept"
    )
    if report.kept:
        command.stdout.write(
            "Kept as edited on the site (`manage.py load_content --replace` "
            "puts the files' version back):"
        )
        for path in report.kept:
            command.stdout.write(f"  {path}")
    for error in report.errors:
        command.stderr.write(str(error))
