"""Backup archives of the whole site, and rebuilding a site from one.

An archive is one ``.tar.gz`` holding:

- ``database.jsonl``: every row of every model, in Django's JSON Lines
  serialisation with primary keys kept, except what is rebuilt after a
  restore (``archive.REBUILT``);
- ``media/<name>``: every file a row names (original images, documents,
  recordings, avatars), read and written through Django's storage API;
- ``content/``: the full content export (``export_content``, not
  ``--public``), a readable copy of the knowledge with its consent records;
- ``manifest.json``, last: versions, migrations, row counts and the sha256
  of every other member.

docs/decisions.md ("Backups") says why.
"""

from .archive import BackupError, describe
from .create import create_backup
from .restore import restore_backup

__all__ = ["BackupError", "create_backup", "describe", "restore_backup"]
