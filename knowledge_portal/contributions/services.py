"""Turning a submission into drafts in the moderation workflow, all or nothing."""

import hashlib
import secrets

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from wagtail.images import get_image_model
from wagtail.models import Locale

from knowledge_portal.core import uploads
from knowledge_portal.core.ordering import in_order
from knowledge_portal.plants.models import (
    PlantGalleryImage,
    PlantIndexPage,
    PlantName,
    PlantProfilePage,
    PlantUse,
)
from knowledge_portal.protocols.labels import TKLabel
from knowledge_portal.protocols.models import ImageProtocol

from .consent import CreditAs
from .models import (
    Contribution,
    KnowledgeNotePage,
    NoteKind,
    NotePhoto,
    NoteRecording,
    PlantRecording,
    Recording,
)


def protocol_values(data):
    """The protocol fields a submission's consent asks for."""
    labels = [TKLabel.COMMUNITY_VOICE]
    if data["credit_as"] != CreditAs.ANONYMOUS:
        labels.insert(0, TKLabel.ATTRIBUTION)
    if not data["commercial_use"]:
        labels.append(TKLabel.NON_COMMERCIAL)
    if data.get("season_months"):
        labels.append(TKLabel.SEASONAL)
    return {
        "access": data["access"],
        "access_communities": [data["community"]] if data.get("community") else [],
        "access_group": data.get("access_group"),
        "season_months": sorted(data.get("season_months") or []),
        "tk_labels": [str(label) for label in labels],
    }


def consent_values(user, data):
    community = ""
    if data.get("community"):
        community = user.communities.get(slug=data["community"]).name
    credit_line = {
        CreditAs.NAME: user.get_full_name() or user.get_username(),
        CreditAs.COMMUNITY: community,
        CreditAs.ANONYMOUS: "",
    }[data["credit_as"]]
    return {
        "credit_as": data["credit_as"],
        "credit_line": credit_line,
        "consent_community": community,
        "commercial_use": data["commercial_use"],
        "consent_given_at": timezone.now(),
    }


def _apply(obj, values):
    for name, value in values.items():
        setattr(obj, name, value)


def _save_photos(user, data, protocol, title):
    images = []
    for photo in data.get("photos") or []:
        image = get_image_model()(title=title, uploaded_by_user=user)
        # Checked by the form (uploads.validate_image_upload); named here by
        # the format its header gives.
        _content_type, extension = uploads.image_type(photo)
        name = uploads.stored_name(photo.name, extension, unguessable=True)
        image.file.save(name, File(photo), save=False)
        image.save()
        ImageProtocol.objects.create(image=image, **protocol)
        images.append(image)
    return images


def _save_recording(user, data, protocol, title):
    uploaded = data.get("recording")
    if not uploaded:
        return None
    mime_type, extension = uploaded.audio_kind
    uploaded.seek(0)
    digest = hashlib.sha1(uploaded.read()).hexdigest()  # noqa: S324 (a fingerprint)
    uploaded.seek(0)
    recording = Recording(
        mime_type=mime_type, title=title, uploaded_by=user, file_hash=digest
    )
    _apply(recording, protocol)
    recording.file.save(
        uploads.stored_name(uploaded.name, extension), File(uploaded), save=False
    )
    recording.save()
    return recording


def _submit(page, user):
    revision = page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    contribution = Contribution.objects.create(contributor=user, page=page)
    return contribution, revision


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
    _apply(note, protocol)
    _apply(note, consent_values(user, data))
    plant.add_child(instance=note)
    note.photos = in_order(
        NotePhoto(image=image) for image in _save_photos(user, data, protocol, title)
    )
    recording = _save_recording(user, data, protocol, title)
    note.recordings = [NoteRecording(recording=recording)] if recording else []
    note.save()
    contribution, _revision = _submit(note, user)
    return contribution


@transaction.atomic
def submit_plant(user, data, language):
    """A proposed plant profile, as a draft in her language's plant index."""
    locale = Locale.objects.get(language_code=language)
    index = PlantIndexPage.objects.get(locale=locale)
    names = [
        (code, data[f"name_{code}"].strip())
        for code in (language, "es", "qu", "jiv")
        if data.get(f"name_{code}", "").strip()
    ]
    title = names[0][1].capitalize()
    protocol = protocol_values(data)
    plant = PlantProfilePage(
        title=title,
        slug=f"{slugify(title) or 'planta'}-{secrets.token_hex(4)}",
        summary=Truncator(data.get("uses_text", "")).words(30),
        uses_text=data.get("uses_text", ""),
        practices=data.get("practices", ""),
        live=False,
        owner=user,
        locale=locale,
    )
    _apply(plant, protocol)
    _apply(plant, consent_values(user, data))
    seen = set()
    plant.names = in_order(
        PlantName(language=code, name=name, status="awaiting-review")
        for code, name in names
        if not (code in seen or seen.add(code))
    )
    plant.uses = in_order(
        PlantUse(category=category) for category in data.get("uses", [])
    )
    index.add_child(instance=plant)
    images = _save_photos(user, data, protocol, title)
    plant.gallery_images = in_order(
        PlantGalleryImage(image=image, credit=plant.credit_line or title)
        for image in images
    )
    recording = _save_recording(user, data, protocol, title)
    plant.recordings = [PlantRecording(recording=recording)] if recording else []
    plant.save()
    contribution, _revision = _submit(plant, user)
    return contribution
