"""Knowledge notes travel inside their plant's content file, with their
protocol, consent, photos and recordings: a part of the plant entry type
(registered in apps.py)."""

from knowledge_portal.core.languages import LANGUAGE_CODES
from knowledge_portal.core.ordering import in_order
from knowledge_portal.entries.common import (
    import_protected_image,
    set_fields,
)
from knowledge_portal.entries.entry_types import EntryPart
from knowledge_portal.entries.images import (
    check_audio_file,
    check_image_file,
    image_bytes,
    image_file_name,
)
from knowledge_portal.entries.pages import publish
from knowledge_portal.entries.recordings import (
    import_recording,
    recording_file_name,
    recording_files,
)
from knowledge_portal.protocols.serialization import (
    consent_fields,
    credited_communities,
    protocol_fields,
    serialize_consent,
    serialize_credit,
    serialize_image_protocol,
    serialize_protocol,
)

from .models import KnowledgeNotePage, NotePhoto, NoteRecording


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
        "communities": serialize_credit(note),
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
            {"file": recording_file_name(link.recording), "title": link.recording.title}
            for link in note.recordings.select_related("recording")
            if scope.includes(link.recording)
        ],
    }


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
        note.credited_communities = credited_communities(item.get("communities"))
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


def check_note_files(data, folder):
    for index, note in enumerate(data.get("notes", [])):
        for position, image in enumerate(note.get("images", [])):
            message = check_image_file(folder / image["file"])
            if message:
                return [(["notes", index, "images", position, "file"], message)]
        for position, item in enumerate(note.get("recordings", [])):
            message = check_audio_file(folder / item["file"])
            if message:
                return [(["notes", index, "recordings", position, "file"], message)]
    return []


class NotesPart(EntryPart):
    """The notes under a plant profile, in the plant's file (``notes``)."""

    def serialize(self, pages, scope):
        return {
            "notes": [
                serialize_note(note, scope)
                for note in scope.only_included(notes_of(pages))
            ]
        }

    def files_for_export(self, pages):
        return [
            name_and_bytes
            for note in notes_of(pages)
            for name_and_bytes in note_files(note)
        ]

    def check_files(self, data, folder):
        return check_note_files(data, folder)

    def apply(self, data, pages, folder):
        apply_notes(data, pages, folder)
