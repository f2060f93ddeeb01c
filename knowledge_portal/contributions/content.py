"""Knowledge notes travel inside their plant's content file, with their
protocol, consent, photos and recordings."""

import hashlib
from pathlib import Path

from django.core.files.base import ContentFile

from knowledge_portal.core import uploads
from knowledge_portal.core.languages import LANGUAGE_CODES
from knowledge_portal.core.ordering import in_order
from knowledge_portal.entries.common import (
    import_protected_image,
    set_fields,
)
from knowledge_portal.entries.images import (
    image_bytes,
    image_file_name,
)
from knowledge_portal.entries.pages import publish
from knowledge_portal.protocols.serialization import (
    consent_fields,
    protocol_fields,
    serialize_consent,
    serialize_image_protocol,
    serialize_protocol,
)

from .models import KnowledgeNotePage, NotePhoto, NoteRecording, Recording


def notes_of(pages):
    """Published notes under every language version of a profile."""
    notes = []
    for code in LANGUAGE_CODES:
        if code in pages:
            notes += list(
                KnowledgeNotePage.objects.child_of(pages[code]).live().order_by("path")
            )
    return notes


def serialize_note(note, scope):
    return {
        "slug": note.slug,
        "language": note.locale.language_code,
        "kind": note.kind,
        "title": note.title,
        "text": note.text,
        "protocol": serialize_protocol(note),
        "consent": serialize_consent(note),
        "images": [
            {
                "file": image_file_name(photo.image),
                "protocol": serialize_image_protocol(photo.image),
            }
            for photo in note.photos.select_related("image")
            if scope.includes(photo.image)
        ],
        "recordings": [
            {"file": Path(link.recording.file.name).name, "title": link.recording.title}
            for link in note.recordings.select_related("recording")
            if scope.includes(link.recording)
        ],
    }


def serialize_recordings(links, scope):
    """Recordings attached to a page, each with its own protocol."""
    return [
        {
            "file": Path(link.recording.file.name).name,
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
            files.append((Path(link.recording.file.name).name, handle.read()))
    return files


def import_recordings(folder, entries):
    return [
        import_recording(
            folder / entry["file"], entry, protocol_fields(entry.get("protocol"))
        )
        for entry in entries
    ]


def note_files(note):
    files = [
        (image_file_name(photo.image), image_bytes(photo.image))
        for photo in note.photos.select_related("image")
    ]
    return files + recording_files(note.recordings)


def apply_notes(data, pages, folder):
    """Create or update the notes a plant's file lists; others are left alone."""
    for item in data.get("notes", []):
        parent = pages[item["language"]]
        note = KnowledgeNotePage.objects.child_of(parent).filter(
            slug=item["slug"]
        ).first() or KnowledgeNotePage(slug=item["slug"], locale=parent.locale)
        protocol = protocol_fields(item.get("protocol"))
        note.title = item["title"]
        note.kind = item["kind"]
        note.text = item["text"]
        set_fields(note, protocol)
        set_fields(note, consent_fields(item.get("consent")))
        images = []
        for image_item in item.get("images", []):
            image = import_protected_image(
                folder / image_item["file"], image_item.get("protocol")
            )
            images.append(NotePhoto(image=image))
        note.photos = in_order(images)
        note.recordings = in_order(
            NoteRecording(
                recording=import_recording(folder / entry["file"], entry, protocol)
            )
            for entry in item.get("recordings", [])
        )
        publish(note, parent)


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
