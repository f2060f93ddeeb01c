"""Recordings in content files: each travels beside its entry, with its own
protocol, and is imported once by its fingerprint."""

import contextvars
import hashlib
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify

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


# Recordings of texts (the translation workbench's "record it"): each named
# in the page's translation_status and travelling beside the entry's file as
# "<language>-<text key>.<ext>", with the page's protocol.

_text_audio_folder = contextvars.ContextVar("text_audio_folder", default=None)


@contextmanager
def text_audio_from(folder):
    """While an entry is applied, the folder its text recordings are in."""
    token = _text_audio_folder.set(Path(folder))
    try:
        yield
    finally:
        _text_audio_folder.reset(token)


def text_audio_file_name(language, key, recording):
    extension = Path(recording.file.name).suffix.lower()
    return f"{language}-{slugify(key.replace(':', '-'))}{extension}"


def _text_recording(audio):
    if not isinstance(audio, dict) or not audio.get("recording"):
        return None
    return Recording.objects.filter(pk=audio["recording"]).first()


def text_audio_in_file(page, key, audio, scope):
    """The file form of a text's recording, or None (none, or out of scope)."""
    recording = _text_recording(audio)
    if recording is None or not scope.includes(recording):
        return None
    found = {"file": text_audio_file_name(page.locale.language_code, key, recording)}
    credit = {
        name: value
        for name, value in (audio.get("credit") or {}).items()
        if name in ("name", "community", "date") and value
    }
    if credit:
        found["credit"] = credit
    return found


def text_audio_files(pages):
    """``(file name, bytes)`` of every text recording of an entry's pages."""
    files = []
    for page in pages:
        for key, entry in (getattr(page, "translation_status", None) or {}).items():
            recording = _text_recording(
                entry.get("audio") if isinstance(entry, dict) else None
            )
            if recording is None:
                continue
            with recording.file.open("rb") as handle:
                name = text_audio_file_name(page.locale.language_code, key, recording)
                files.append((name, handle.read()))
    return files


def text_audio_problems(data, folder):
    """``(path, message)`` for text recordings named in ``data`` that are
    missing beside the entry or are not audio."""
    for path, audio in _audio_entries(data, []):
        target = Path(folder) / audio["file"]
        if not target.is_file():
            return [(path, f"recording {audio['file']!r} not found in {folder}")]
        try:
            uploads.validate_audio_upload(ContentFile(target.read_bytes()))
        except ValidationError:
            return [(path, f"{audio['file']!r} is not a recording we can play")]
    return []


def _audio_entries(value, path):
    if isinstance(value, dict):
        audio = value.get("audio")
        if isinstance(audio, dict) and isinstance(audio.get("file"), str):
            yield [*path, "audio"], audio
        for name, item in value.items():
            yield from _audio_entries(item, [*path, name])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _audio_entries(item, [*path, index])


def import_text_audio(page, audio):
    """The stored form of a text's recording from its file form, importing
    the file from the entry's folder with the page's protocol."""
    folder = _text_audio_folder.get()
    if folder is None:
        return None
    recording = import_recording(
        folder / audio["file"], {"title": audio["file"]}, page_protocol(page)
    )
    stored = {"recording": recording.pk}
    if audio.get("credit"):
        stored["credit"] = dict(audio["credit"])
    return stored
