"""Write every published entry, with its files, in the content format."""

from pathlib import Path

from .entries import entry_types
from .yaml_io import dump_yaml


def export_content(directory):
    """Write the archive to ``directory``; return how many entries were written."""
    directory = Path(directory)
    written = 0
    for entry_type in entry_types():
        for slug in entry_type.export_slugs():
            pages = entry_type.find_pages(slug)
            folder = directory / entry_type.directory
            folder.mkdir(parents=True, exist_ok=True)
            data = entry_type.serialize(pages)
            (folder / entry_type.file_name(slug)).write_text(
                dump_yaml(data), encoding="utf-8"
            )
            for relative, content in entry_type.files_for_export(pages):
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            written += 1
    return written
