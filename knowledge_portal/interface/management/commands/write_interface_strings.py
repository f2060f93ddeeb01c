from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from knowledge_portal.interface.models import LANGUAGES
from knowledge_portal.interface.writeback import write_interface_strings


class Command(BaseCommand):
    help = (
        "Write the interface strings speakers wrote or reviewed in the portal "
        "into locale/<language>/LC_MESSAGES/django.po, and a row each into "
        "locale/REVIEW.md with who wrote and reviewed them and when (then "
        "commit them; `make messages` compiles the catalogs)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale-dir",
            type=Path,
            default=Path(settings.LOCALE_PATHS[0]),
            help="The folder holding REVIEW.md and <language>/LC_MESSAGES "
            "(default: the portal's locale/).",
        )
        parser.add_argument(
            "--language",
            action="append",
            choices=[code for code, _name in LANGUAGES],
            help="Only this language (repeat for several; default: all).",
        )

    def handle(self, *args, locale_dir, language, **options):
        if not (locale_dir / "REVIEW.md").is_file():
            raise CommandError(f"{locale_dir} holds no REVIEW.md.")
        report = write_interface_strings(locale_dir, language)
        for code, count in report.written.items():
            self.stdout.write(
                f"{code}: {count} strings written into "
                f"{locale_dir / code / 'LC_MESSAGES' / 'django.po'} and REVIEW.md"
            )
        for row in report.missing:
            self.stderr.write(
                f"{row.language}: not in the catalog any more, left out: {row.msgid!r}"
            )
