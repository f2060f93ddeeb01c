"""Load a content folder: validate every file, then apply the good ones."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from knowledge_portal.entries.entry_types import (
    entry_types,
    fingerprint,
    get_entry_type,
    pages_in,
)
from knowledge_portal.entries.errors import ContentError
from knowledge_portal.entries.recordings import text_audio_from, text_audio_problems
from knowledge_portal.entries.scope import EVERYTHING
from knowledge_portal.protocols.serialization import (
    credit_problems,
    protocol_problems,
)

from ..models import LoadedEntry
from .schemas import schema_errors
from .yaml_io import load_yaml


@dataclass
class ParsedFile:
    path: Path
    data: dict
    lines: object
    entry_type: object


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)
    #: Files whose entries were edited on the site since they were loaded.
    kept: list = field(default_factory=list)

    @property
    def changes(self):
        return self.counts["created"] + self.counts["updated"]


def content_files(directory):
    directory = Path(directory)
    for entry_type in entry_types():
        folder = directory / entry_type.directory if entry_type.directory else directory
        if entry_type.directory:
            yield from sorted(folder.glob("*.yaml"))
        elif (folder / entry_type.file_name("site")).exists():
            yield folder / entry_type.file_name("site")


def parse_file(path):
    data, lines = load_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(path, 1, "a content file must be a mapping of fields")
    entry_type = get_entry_type(data.get("type"))
    if entry_type is None:
        raise ContentError(
            path, lines.line_of(["type"]), f"unknown entry type {data.get('type')!r}"
        )
    for where, message in schema_errors(entry_type.schema_path, data):
        raise ContentError(path, lines.line_of(where), message)
    for where, message in entry_type.check_files(data, path.parent):
        raise ContentError(path, lines.line_of(where), message)
    for where, message in text_audio_problems(data, path.parent / data["slug"]):
        raise ContentError(path, lines.line_of(where), message)
    expected = entry_type.file_name(data["slug"])
    if path.name != expected:
        raise ContentError(
            path,
            lines.line_of(["slug"]),
            f"slug {data['slug']!r} does not match the file name (expected {expected})",
        )
    return ParsedFile(path, data, lines, entry_type)


def load_content(directory, replace=False):
    """Make the site match the files in ``directory``; return a LoadReport.

    A file with any error is reported and skipped whole; the others load.
    Entries edited on the site since they were loaded are kept as they are
    and listed in the report, unless ``replace`` puts the files' version back.
    """
    report = LoadReport()
    parsed = []
    for path in content_files(directory):
        try:
            parsed.append(parse_file(path))
        except ContentError as error:
            report.errors.append(error)

    checked = _without_broken_references(parsed, report)
    context = {"directory": Path(directory), "replace": replace}
    for item in checked:
        try:
            outcome = load_entry(
                item.entry_type, item.data, {**context, "path": item.path}
            )
        except ContentError as error:
            report.errors.append(error)
            continue
        report.counts[outcome] += 1
        if outcome == "kept":
            report.kept.append(item.path)
        elif outcome != "unchanged":
            context.setdefault("to_link", []).append(item)
    for item in context.get("to_link", []):
        with transaction.atomic():
            pages = item.entry_type.find_pages(item.data["slug"])
            item.entry_type.link(item.data, pages, context)
    return report


@transaction.atomic
def load_entry(entry_type, data, context):
    """Apply one entry; return "created", "updated", "unchanged" or "kept".

    An entry edited on the site since it was loaded is "kept" as it is,
    unless ``context["replace"]``: a restart must never lose an edit.
    """
    slug = data["slug"]
    wanted = entry_type.normalize(data)
    pages = entry_type.find_pages(slug)
    if not pages:
        _apply(entry_type, data, pages, context)
        remember_loaded(entry_type, slug, wanted)
        return "created"
    current = entry_type.serialize(pages, EVERYTHING)
    if current == wanted:
        remember_loaded(entry_type, slug, wanted)
        return "unchanged"
    if not context.get("replace") and edited_since_loaded(
        entry_type, slug, pages, current
    ):
        return "kept"
    _apply(entry_type, data, pages, context)
    remember_loaded(entry_type, slug, wanted)
    return "updated"


def _apply(entry_type, data, pages, context):
    """Apply the entry; its texts' recordings are in its folder."""
    folder = Path(context["path"]).parent
    with text_audio_from(folder / data["slug"]):
        entry_type.apply(data, pages, context)


def edited_since_loaded(entry_type, slug, pages, current):
    """Whether the site's version differs from what loading put there.

    True when a page has an unpublished draft, when the pages no longer
    give the fingerprint of the file's data as last loaded, and when no
    load was recorded (the site cannot tell, so it keeps the version).
    """
    if any(page.has_unpublished_changes for page in pages_in(pages)):
        return True
    loaded = LoadedEntry.objects.filter(
        entry_type=entry_type.type_name, slug=slug
    ).first()
    return loaded is None or loaded.digest != fingerprint(current)


def remember_loaded(entry_type, slug, data):
    digest = fingerprint(data)
    loaded, _created = LoadedEntry.objects.get_or_create(
        entry_type=entry_type.type_name, slug=slug, defaults={"digest": digest}
    )
    if loaded.digest != digest:
        loaded.digest = digest
        loaded.save()


def _without_broken_references(parsed, report):
    """Drop files that link to entries (or communities) which do not exist or
    will not load, and files whose protocols are incomplete.

    Dropping one file can break the links of another, so repeat until stable.
    """
    remaining = list(parsed)
    while True:
        known = {}
        for item in remaining:
            for kind, slugs in item.entry_type.defined_slugs(item.data).items():
                known.setdefault(kind, set()).update(slugs)
        broken = []
        for item in remaining:
            problems = item.entry_type.check_references(
                item.data, known
            ) or protocol_problems(item.data, known.get("community", set()))
            problems = problems or credit_problems(
                item.data, known.get("community", set())
            )
            if problems:
                where, message = problems[0]
                report.errors.append(
                    ContentError(item.path, item.lines.line_of(where), message)
                )
                broken.append(item)
        if not broken:
            return remaining
        remaining = [item for item in remaining if item not in broken]
