"""Turning a knowledge note into a draft in the moderation workflow, all or
nothing; and listing every submission in "My contributions"."""

import secrets

from django.db import transaction
from django.utils.text import Truncator, slugify

from knowledge_portal.core.ordering import in_order
from knowledge_portal.protocols.submissions.services import (
    apply_values,
    consent_values,
    credited_communities,
    protocol_values,
    save_photos,
    save_recording,
    submit_for_moderation,
)

from .models import (
    Contribution,
    KnowledgeNotePage,
    NoteKind,
    NotePhoto,
    NoteRecording,
)


def record_contribution(sender, page, user, **kwargs):
    """The ``submitted`` signal's receiver: her submission, whatever it
    contributes, for her "My contributions" page."""
    Contribution.objects.create(contributor=user, page=page)


@transaction.atomic
def submit_note(user, plant, data):
    """A knowledge note under ``plant``, as a draft awaiting moderation."""
    protocol = protocol_values(data)
    kind_label = NoteKind(data["kind"]).label
    # Her own title if she gave one (a recording alone needs one).
    title = data.get("title", "").strip() or Truncator(
        f"{kind_label}: {data['text']}"
    ).chars(80)
    note = KnowledgeNotePage(
        title=title,
        slug=f"{slugify(data['kind'])}-{secrets.token_hex(4)}",
        kind=data["kind"],
        text=data.get("text", ""),
        live=False,
        owner=user,
        locale=plant.locale,
    )
    apply_values(note, protocol)
    apply_values(note, consent_values(user, data))
    note.credited_communities = credited_communities(user, data)
    # Files first, so the page is saved once with them: each save of a page
    # also updates the search index (a Whoosh commit) and the shared cache.
    note.photos = in_order(
        NotePhoto(image=image) for image in save_photos(user, data, protocol, title)
    )
    recording = save_recording(user, data, protocol, title)
    note.recordings = [NoteRecording(recording=recording)] if recording else []
    plant.add_child(instance=note)
    return submit_for_moderation(note, user)
