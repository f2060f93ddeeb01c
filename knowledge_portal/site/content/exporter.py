"""Write every published entry, with its files, in the content format."""

from pathlib import Path

from knowledge_portal.entries.entry_types import entry_types, pages_in
from knowledge_portal.entries.recordings import text_audio_files
from knowledge_portal.entries.scope import PublicOnly, Published

from .yaml_io import dump_yaml


def export_content(directory, public=False):
    """Write the archive to ``directory``; return how many entries were written.

    ``public=True`` writes only what anyone may see (``scope.PublicOnly``):
    entries, notes, images and recordings the public may not see are left
    out, with their files and every link to them, so the export loads back.
    Without it the export is a complete backup, protocols and consent included.
    """
    directory = Path(directory)
    scope = PublicOnly() if public else Published()
    written = 0
    for entry_type in entry_types():
        for slug in entry_type.export_slugs():
            pages = entry_type.find_pages(slug)
            if not scope.includes(entry_type.entry_page(pages)):
                continue
            data = entry_type.serialize(pages, scope)
            folder = directory / entry_type.directory
            folder.mkdir(parents=True, exist_ok=True)
            (folder / entry_type.file_name(slug)).write_text(
                dump_yaml(data), encoding="utf-8"
            )
            # Only the files the entry names travel with it: those of
            # left-out images, recordings and notes stay behind.
            named = named_files(data)
            files = [
                *entry_type.files_for_export(pages),
                *(
                    (f"{slug}/{name}", content)
                    for name, content in text_audio_files(pages_in(pages))
                ),
            ]
            for relative, content in files:
                if Path(relative).name not in named:
                    continue
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            written += 1
    return written


def named_files(value):
    """Every file (``file``, a guide step's ``image``) named in an entry's data."""
    if isinstance(value, dict):
        found = {
            value[key] for key in ("file", "image") if isinstance(value.get(key), str)
        }
        for item in value.values():
            found |= named_files(item)
        return found
    if isinstance(value, list):
        found = set()
        for item in value:
            found |= named_files(item)
        return found
    return set()
