from django.core.management.base import BaseCommand, CommandError

from knowledge_portal.site.backup import BackupError, describe, restore_backup


class Command(BaseCommand):
    help = (
        "Rebuild the site from an archive written by backup_site: migrate, replace "
        "the database and media with the archive's, rebuild the indexes. The "
        "archive is checked whole first; a damaged one changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds a site.",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            restored = restore_backup(archive, force=force, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the site ({describe(restored)}).")
