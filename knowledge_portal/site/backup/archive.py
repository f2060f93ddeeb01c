"""The archive format: what it carries, and checking an archive whole."""

import gzip
import hashlib
import json
import tarfile
import tempfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.migrations.loader import MigrationLoader

FORMAT = "chakra-portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
CONTENT = "content/"
MEDIA = "media/"
CHUNK_SIZE = 1024 * 1024

#: App labels and models whose rows are rebuilt after a restore rather than
#: carried: sessions (nobody stays signed in across a restore), the search and
#: reference indexes, image renditions, and who has a page open in the editor.
REBUILT = {
    "sessions",
    "wagtailsearch",
    "wagtailcore.referenceindex",
    "wagtailimages.rendition",
    "wagtailadmin.editingsession",
}

#: What the manifest and the commands report, by model.
SUMMARY = {
    "pages": "wagtailcore.page",
    "revisions": "wagtailcore.revision",
    "images": "wagtailimages.image",
    "documents": "wagtaildocs.document",
    "recordings": "protocols.recording",
    "users": settings.AUTH_USER_MODEL.lower(),
    "groups": "auth.group",
    "communities": "protocols.community",
    "classes": "learning.schoolclass",
    "assignments": "learning.assignment",
    "completions": "learning.completion",
    "quiz answers": "learning.quizanswer",
    "contributions": "contributions.contribution",
}


class BackupError(Exception):
    """A backup could not be written, or an archive cannot be restored."""


def backed_up_models(include_auto_created=False):
    """Every model whose rows the archive carries, content types first.

    Loading builds each row as a model instance, and Wagtail's Page() looks
    up its content type, creating it if it is not there yet. Unmanaged
    models are left out: their tables belong to something else.
    Auto-created many-to-many tables travel inside the rows that own them.
    """
    carried = [
        model
        for model in apps.get_models(include_auto_created=include_auto_created)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in REBUILT
        and model._meta.label_lower not in REBUILT
    ]
    return sorted(carried, key=lambda model: model is not ContentType)


def row_counts():
    """Rows per backed-up table, many-to-many tables included."""
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in backed_up_models(include_auto_created=True)
    }


def summary(rows):
    return {name: rows.get(label, 0) for name, label in SUMMARY.items()}


def describe(counts):
    """'pages: 151, users: 3' from a dict of counts, leaving out zeros."""
    return ", ".join(f"{name}: {count}" for name, count in counts.items() if count)


class HashingReader:
    """A file-like reader that hashes what passes through it."""

    def __init__(self, stream, size=None):
        self.stream = stream
        self.size = size
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.stream.read(size)
        self.digest.update(data)
        return data

    def seekable(self):
        # Storages (django-storages' S3 too) then read it once, from the start.
        return False

    def hexdigest(self):
        return self.digest.hexdigest()


def add_member(archive, name, size, stream, mtime):
    """Write one file into an open tar archive; return its manifest entry."""
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o600
    reader = HashingReader(stream)
    archive.addfile(info, reader)
    return {"sha256": reader.hexdigest(), "size": size}


@dataclass
class CheckedArchive:
    path: Path
    manifest: dict
    database: Path

    def media(self):
        """Storage names of the media files, as the manifest lists them."""
        names = self.manifest["files"]
        return sorted(name[len(MEDIA) :] for name in names if name.startswith(MEDIA))


@contextmanager
def open_archive(path):
    """The archive's gzip stream and the tar members read from it, in order."""
    with (
        gzip.open(path, "rb") as stream,
        tarfile.open(fileobj=stream, mode="r|") as archive,
    ):
        yield stream, archive


@contextmanager
def checked_archive(path):
    """The archive's manifest and database dump, once every member has been
    read and matched against the manifest. Changes nothing."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    with tempfile.TemporaryDirectory(prefix="chakra-restore-") as work:
        work = Path(work)
        digests = {}
        try:
            with open_archive(path) as (stream, archive):
                for member in archive:
                    name = _member_name(member)
                    if name in digests:
                        raise BackupError(f"{path}: {name} appears twice.")
                    keep = work / name if name in (MANIFEST, DATABASE) else None
                    digests[name] = _digest(archive.extractfile(member), keep)
                # gzip checks its CRC at the end of the stream only.
                while stream.read(CHUNK_SIZE):
                    pass
        except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
            raise BackupError(
                f"{path} is damaged or incomplete ({error}); nothing was changed."
            ) from error
        manifest = _read_manifest(path, work / MANIFEST)
        _compare(path, manifest["files"], digests)
        _check_migrations(path, manifest)
        yield CheckedArchive(path, manifest, work / DATABASE)


def _member_name(member):
    name = member.name
    parts = PurePosixPath(name).parts
    allowed = name in (MANIFEST, DATABASE) or (
        name.startswith((CONTENT, MEDIA)) and len(parts) > 1
    )
    unsafe = name.startswith("/") or "\\" in name or ".." in parts
    if not member.isreg() or not allowed or unsafe:
        raise BackupError(f"unexpected member {name!r} in the archive")
    return name


def _digest(stream, keep=None):
    reader = HashingReader(stream)
    target = keep.open("wb") if keep else None
    try:
        while data := reader.read(CHUNK_SIZE):
            if target:
                target.write(data)
    finally:
        if target:
            target.close()
    return reader.hexdigest()


def _read_manifest(path, manifest_path):
    if not manifest_path.exists():
        raise BackupError(f"{path} has no {MANIFEST}: it is not a complete backup.")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        valid = (
            manifest["format"] == FORMAT
            and isinstance(manifest["files"], dict)
            and isinstance(manifest["rows"], dict)
            and isinstance(manifest["migrations"], list)
            and all("sha256" in entry for entry in manifest["files"].values())
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        valid = False
    if not valid:
        raise BackupError(f"{path}: {MANIFEST} is not a Chakra Portal backup manifest.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is in backup format {manifest.get('format_version')}; this "
            f"portal reads format {FORMAT_VERSION}."
        )
    return manifest


def _compare(path, files, digests):
    actual = {name: digest for name, digest in digests.items() if name != MANIFEST}
    problems = [f"missing {name}" for name in sorted(files.keys() - actual.keys())]
    problems += [f"unlisted {name}" for name in sorted(actual.keys() - files.keys())]
    problems += [
        f"checksum of {name} does not match"
        for name in sorted(files.keys() & actual.keys())
        if files[name]["sha256"] != actual[name]
    ]
    if DATABASE not in files:
        problems.append(f"no {DATABASE}")
    if problems:
        shown = "; ".join(problems[:5])
        more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise BackupError(f"{path} does not match its manifest: {shown}{more}.")


def _check_migrations(path, manifest):
    """Rows load only into the schema they were dumped from."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    here = {".".join(key) for key in graph.leaf_nodes()}
    there = set(manifest["migrations"])
    if here == there:
        return
    commit = (manifest.get("portal") or {}).get("commit") or ""
    version = f" (commit {commit[:12]})" if commit else ""
    raise BackupError(
        f"{path} was made by a portal with other database migrations (only in "
        f"the archive: {', '.join(sorted(there - here)) or 'none'}; only here: "
        f"{', '.join(sorted(here - there)) or 'none'}). Restore it with the "
        f"portal version that made it{version}, then upgrade that site as usual."
    )
