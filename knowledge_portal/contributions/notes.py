"""What a plant page shows of its knowledge notes, to whom."""

from knowledge_portal.protocols.access import (
    can_view_image,
    can_view_media,
    visible_pages,
)
from knowledge_portal.protocols.labels import labels_with_explanations

from .models import KnowledgeNotePage


def notes_for(page, user):
    """Published knowledge notes under ``page`` that ``user`` may see."""
    notes = visible_pages(
        user, KnowledgeNotePage.objects.child_of(page).live().public()
    ).prefetch_related("photos__image__renditions", "recordings__recording")
    return [note_context(note, user) for note in notes]


def note_context(note, user):
    """What the knowledge note partial shows of ``note`` to ``user``."""
    return {
        "page": note,
        "photos": [
            photo.image
            for photo in note.photos.all()
            if can_view_image(user, photo.image)
        ],
        "recordings": [
            link.recording
            for link in note.recordings.all()
            if can_view_media(user, link.recording)
        ],
        "labels": labels_with_explanations(note.tk_labels),
    }
