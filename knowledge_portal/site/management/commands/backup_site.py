from django.core.management.base import BaseCommand, CommandError

from knowledge_portal.site.backup import BackupError, create_backup, describe


class Command(BaseCommand):
    help = (
        "Write a dated archive of the whole site: the database, every media file "
        "and the full content export (restricted entries and consent included)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            dest="directory",
            default=None,
            help="Where to write it (default: BACKUP_DIR, else DATA_DIR/backups).",
        )

    def handle(self, *args, directory=None, **options):
        try:
            backup = create_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = backup.manifest
        size = backup.path.stat().st_size
        self.stdout.write(f"Wrote {backup.path} ({size / 1_000_000:.1f} MB)")
        self.stdout.write(f"It holds {describe(manifest['summary'])}.")
        for name in manifest["missing_media"]:
            self.stderr.write(f"Warning: media file {name} is missing from storage.")
