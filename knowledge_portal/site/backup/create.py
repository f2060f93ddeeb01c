"""Writing an archive: one snapshot of the database, then the media files."""

import datetime
import io
import json
import os
import platform
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from knowledge_portal.site.content.exporter import export_content

from .archive import (
    CONTENT,
    DATABASE,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA,
    BackupError,
    add_member,
    backed_up_models,
    row_counts,
    summary,
)


@dataclass
class Backup:
    path: Path
    manifest: dict


def create_backup(directory=None):
    """Write a dated archive of the whole site into ``directory``.

    The archive appears under its final name only once it is complete.
    """
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    created = timezone.localtime()
    path = directory / f"chakra-backup-{created:%Y%m%d-%H%M%S}.tar.gz"
    if path.exists():
        raise BackupError(f"{path} already exists; try again in a second.")
    migrations = migration_state()
    with tempfile.TemporaryDirectory(prefix="chakra-backup-") as staging:
        staging = Path(staging)
        with database_snapshot():
            dump_database(staging / DATABASE)
            entries = export_content(staging / CONTENT)
            rows = row_counts()
            media = media_names()
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": created.isoformat(),
            "portal": portal_version(),
            "python": platform.python_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "database": {
                "vendor": connection.vendor,
                "version": ".".join(map(str, connection.get_database_version())),
            },
            "migrations": migrations,
            "summary": {**summary(rows), "content entries": entries},
            "rows": rows,
        }
        _write_archive(path, staging, media, manifest, created.timestamp())
    return Backup(path, manifest)


def dump_database(path):
    """Every carried row as JSON Lines, as dumpdata writes them but with
    times to the microsecond (dumpdata keeps milliseconds only)."""

    def rows():
        for model in backed_up_models():
            yield from model._base_manager.order_by(model._meta.pk.name).iterator()

    with Path(path).open("w", encoding="utf-8") as stream:
        serializers.serialize("jsonl", rows(), stream=stream, cls=ExactJSONEncoder)


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def migration_state():
    """The latest migration of every app, which the database must have."""
    loader = MigrationLoader(connection)
    leaves = loader.graph.leaf_nodes()
    unapplied = [key for key in leaves if key not in loader.applied_migrations]
    if unapplied:
        raise BackupError(
            "The database lacks migrations "
            f"({', '.join('.'.join(key) for key in unapplied)}): "
            "run `manage.py migrate` first."
        )
    return sorted(".".join(key) for key in leaves)


@contextmanager
def database_snapshot():
    """Read the whole backup from one snapshot of the database.

    A page saved while the backup runs must not end up half in the dump.
    """
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # The settings begin transactions IMMEDIATE, which would hold the
        # write lock for the whole backup; a deferred one reads a snapshot
        # (in WAL mode) while the site goes on writing.
        mode = connection.transaction_mode
        connection.transaction_mode = "DEFERRED"
        try:
            with transaction.atomic():
                yield
        finally:
            connection.transaction_mode = mode
    else:
        with transaction.atomic():
            yield


def media_names():
    """Every stored file a backed-up row names."""
    names = set()
    for model in backed_up_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names.update(
                    model._base_manager.exclude(**{field.attname: ""})
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list(field.attname, flat=True)
                )
    return sorted(names)


def portal_version():
    """The portal's version and, in a git checkout, its commit."""
    base = Path(settings.BASE_DIR)
    version = commit = None
    try:
        with (base / "pyproject.toml").open("rb") as handle:
            version = tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    git = shutil.which("git")
    if git and (base / ".git").exists():
        result = subprocess.run(  # noqa: S603 (fixed arguments)
            [git, "-C", str(base), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
        if result.returncode == 0:
            commit = result.stdout.strip()
    return {"version": version, "commit": commit}


def _write_archive(path, staging, media, manifest, mtime):
    # Written beside its final name, then renamed: a crash leaves a hidden
    # .partial file, never an archive that looks complete.
    partial = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below)
        dir=path.parent, prefix=f".{path.name}.", suffix=".partial", delete=False
    )
    try:
        with partial:
            with tarfile.open(fileobj=partial, mode="w:gz") as archive:
                files = _add_staged(archive, staging, mtime)
                missing = []
                for name in media:
                    if not default_storage.exists(name):
                        missing.append(name)
                        continue
                    size = default_storage.size(name)
                    with default_storage.open(name, "rb") as stream:
                        files[MEDIA + name] = add_member(
                            archive, MEDIA + name, size, stream, mtime
                        )
                manifest["missing_media"] = missing
                manifest["files"] = files
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                add_member(archive, MANIFEST, len(data), io.BytesIO(data), mtime)
            partial.flush()
            os.fsync(partial.fileno())
        os.replace(partial.name, path)
    except BaseException:
        Path(partial.name).unlink(missing_ok=True)
        raise
    _sync_directory(path.parent)


def _add_staged(archive, staging, mtime):
    """The database dump and the content export, from the staging folder."""
    files = {}
    exported = sorted(path for path in (staging / CONTENT).rglob("*") if path.is_file())
    for source in [staging / DATABASE, *exported]:
        name = source.relative_to(staging).as_posix()
        size = source.stat().st_size
        with source.open("rb") as stream:
            files[name] = add_member(archive, name, size, stream, mtime)
    return files


def _sync_directory(directory):
    # The rename is durable only once the directory entry is on disk.
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
