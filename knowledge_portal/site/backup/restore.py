"""Rebuilding the site from a checked archive."""

import io
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from wagtail.models import Page, Site

from .archive import (
    MEDIA,
    BackupError,
    HashingReader,
    backed_up_models,
    checked_archive,
    describe,
    open_archive,
    row_counts,
    summary,
)


def restore_backup(path, force=False, log=lambda message: None):
    """Replace the whole site with the one in the archive at ``path``.

    The archive is checked whole before anything changes, and a database
    that already holds a site is replaced only with ``force``. The rows and
    the media files are written in one transaction; the indexes are rebuilt
    after it. Returns the restored site's summary counts.
    """
    with checked_archive(path) as archive:
        manifest = archive.manifest
        log(
            f"Checked {Path(path).name} (made {manifest['created_at']}): all "
            f"{len(manifest['files'])} files match their checksums."
        )
        existing = data_in_database()
        if existing and not force:
            raise BackupError(
                f"The database already holds a site ({describe(existing)}). "
                "Restoring replaces all of it: pass --force (make restore FORCE=1) "
                "if that is what you want."
            )
        if existing:
            log(f"Replacing the site in the database ({describe(existing)}).")
        log("Migrating the database.")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        log(
            f"Loading {sum(manifest['rows'].values())} rows and "
            f"{len(archive.media())} media files."
        )
        with transaction.atomic():
            _empty_database()
            # Content types are cached by id, and the ids are now the archive's.
            ContentType.objects.clear_cache()
            call_command("loaddata", str(archive.database), verbosity=0)
            ContentType.objects.clear_cache()
            _check_rows(manifest["rows"])
            _restore_media(archive)
    # Cached pages and rows are the replaced site's.
    Site.clear_site_root_paths_cache()
    for cache in caches.all(initialized_only=False):
        cache.clear()
    log("Rebuilding the reference and search indexes.")
    call_command("rebuild_references_index", verbosity=0, stdout=io.StringIO())
    call_command("update_index", verbosity=0, stdout=io.StringIO())
    return summary(row_counts())


def data_in_database():
    """What the database holds that a restore would replace, by kind.

    Empty for a database that is only migrated: migrations create no users,
    images, documents or rows of the portal's own models.
    """
    tables = set(connection.introspection.table_names())
    counts = {"pages": 0, "users": 0, "images": 0, "documents": 0, "records": 0}

    def count(model):
        if model._meta.db_table not in tables:
            return 0
        return model._base_manager.count()

    for model in backed_up_models():
        if model._meta.app_config.name.startswith("knowledge_portal."):
            kind = "pages" if issubclass(model, Page) else "records"
            counts[kind] += count(model)
    counts["users"] = count(get_user_model())
    counts["images"] = count(apps.get_model("wagtailimages", "Image"))
    counts["documents"] = count(apps.get_model("wagtaildocs", "Document"))
    return {kind: number for kind, number in counts.items() if number}


def _empty_database():
    """Delete every row of every model, including those migrations create
    (the tree root, the default site, groups, locales): the archive has them."""
    tables = connection.introspection.django_table_names(
        only_existing=True, include_views=False
    )
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=False
    )
    connection.ops.execute_sql_flush(statements)


def _check_rows(expected):
    actual = row_counts()
    wrong = [
        f"{label}: {expected.get(label, 0)} in the archive, "
        f"{actual.get(label, 0)} loaded"
        for label in sorted(expected.keys() | actual.keys())
        if expected.get(label, 0) != actual.get(label, 0)
    ]
    if wrong:
        raise BackupError("The restored rows do not match: " + "; ".join(wrong[:5]))


def _restore_media(archive):
    wanted = {MEDIA + name for name in archive.media()}
    files = archive.manifest["files"]
    with open_archive(archive.path) as (_stream, tar):
        for member in tar:
            if member.name not in wanted:
                continue
            name = member.name[len(MEDIA) :]
            reader = HashingReader(tar.extractfile(member), size=member.size)
            # Replace, never rename: the rows name exactly this file.
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, File(reader, name=name))
            if saved != name:
                raise BackupError(f"Media file {name} was stored as {saved}.")
            if reader.hexdigest() != files[member.name]["sha256"]:
                raise BackupError(f"Media file {name} changed while restoring.")
