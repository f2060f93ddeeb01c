"""Recordings in content files: each travels beside its entry, with its own
protocol, and is imported once by its fingerprint."""

import hashlib
from pathlib import Path

from django.core.files.base import ContentFile

from knowledge_portal.core import uploads
from knowledge_portal.protocols.models import ProtocolFields, Recording
from knowledge_portal.protocols.serialization import protocol_fields, serialize_protocol

from .common import set_fields


def recording_file_name(recording):
    return Path(recording.file.name).name


def serialize_recordings(links, scope):
    """Recordings attached to a page, each with its own protocol."""
    return [
        {
            "file": recording_file_name(link.recording),
            "title": link.recording.title,
            "protocol": serialize_protocol(link.recording),
        }
        for link in links.select_related("recording")
        if scope.includes(link.recording)
    ]


def recording_files(links):
    files = []
    for link in links.select_related("recording"):
        with link.recording.file.open("rb") as handle:
            files.append((recording_file_name(link.recording), handle.read()))
    return files


def import_recordings(folder, entries):
    return [
        import_recording(
            folder / entry["file"], entry, protocol_fields(entry.get("protocol"))
        )
        for entry in entries
    ]


def import_recording(path, entry, protocol):
    content = Path(path).read_bytes()
    digest = hashlib.sha1(content).hexdigest()  # noqa: S324 (a fingerprint)
    # Checked before the import (entries/images.py): this only reads the type.
    mime_type, extension = uploads.validate_audio_upload(ContentFile(content))
    recording = Recording.objects.filter(file_hash=digest).first()
    if recording is None:
        recording = Recording(file_hash=digest, title=entry.get("title", ""))
        recording.file.save(
            uploads.stored_name(path.name, extension),
            ContentFile(content),
            save=False,
        )
    # Also corrects one imported when the type was guessed from the name.
    recording.mime_type = mime_type
    set_fields(recording, protocol)
    recording.save()
    return recording


def page_protocol(page):
    """The protocol a recording of one of ``page``'s texts gets: the page's
    own (public for a page without one). The access rule also hides it
    wherever the page is hidden, through the reference index."""
    if not isinstance(page, ProtocolFields):
        return {}
    return {
        "access": page.access,
        "access_communities": list(page.access_communities),
        "access_group_id": page.access_group_id,
        "season_months": list(page.season_months),
        "tk_labels": list(page.tk_labels),
    }
