"""Write every published entry, with its files, in the content format."""

from pathlib import Path

from .common import is_public
from .entries import entry_types, prune
from .yaml_io import dump_yaml


def export_content(directory, public=False):
    """Write the archive to ``directory``; return how many entries were written.

    ``public=True`` writes only what anyone may see: entries, notes and images
    under a protocol other than plain Public are left out, with their files.
    Without it the export is a complete backup, protocols and consent included.
    """
    directory = Path(directory)
    written = 0
    for entry_type in entry_types():
        for slug in entry_type.export_slugs():
            pages = entry_type.find_pages(slug)
            data = entry_type.serialize(pages)
            if public:
                data = public_view(data)
                if data is None:
                    continue
            folder = directory / entry_type.directory
            folder.mkdir(parents=True, exist_ok=True)
            (folder / entry_type.file_name(slug)).write_text(
                dump_yaml(data), encoding="utf-8"
            )
            referenced = referenced_files(data)
            for relative, content in entry_type.files_for_export(pages):
                if Path(relative).name not in referenced:
                    continue
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            written += 1
    return written


def public_view(data):
    """The entry as the public may see it, or None if it is not public."""
    if not is_public(data.get("protocol")):
        return None
    data = dict(data)
    data["images"] = _public_items(data.get("images", []))
    data["recordings"] = _public_items(data.get("recordings", []))
    notes = []
    for note in data.get("notes", []):
        if is_public(note.get("protocol")):
            notes.append({**note, "images": _public_items(note.get("images", []))})
    data["notes"] = notes
    return prune(data)


def _public_items(items):
    return [item for item in items if is_public(item.get("protocol"))]


def referenced_files(value):
    """Every ``file`` named anywhere in an entry's data."""
    if isinstance(value, dict):
        found = {value["file"]} if isinstance(value.get("file"), str) else set()
        for item in value.values():
            found |= referenced_files(item)
        return found
    if isinstance(value, list):
        found = set()
        for item in value:
            found |= referenced_files(item)
        return found
    return set()
