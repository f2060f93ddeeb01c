"""What every submission does with her consent, her files and moderation.

The app of each kind of contribution makes its draft page inside one
transaction and calls these; ``submit_for_moderation`` ends it.
"""

import hashlib
from dataclasses import dataclass

from django.core.files.base import File
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from knowledge_portal.core import uploads

from ..consent import CreditAs
from ..labels import TKLabel
from ..models import ImageProtocol, Recording
from .signals import submitted


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
        community = user.communities.get(pk=data["community"]).name
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


def credited_communities(user, data):
    """The community she chose in her consent is credited with what she
    shares: its community page lists it (as its protocol allows)."""
    if not data.get("community"):
        return []
    return list(user.communities.filter(pk=data["community"]))


def apply_values(obj, values):
    for name, value in values.items():
        setattr(obj, name, value)


def save_photos(user, data, protocol, title):
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


def save_recording(user, data, protocol, title):
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
    apply_values(recording, protocol)
    recording.file.save(
        uploads.stored_name(uploaded.name, extension), File(uploaded), save=False
    )
    recording.save()
    return recording


@dataclass
class Submission:
    """A draft sent to moderation by its contributor."""

    contributor: object
    page: Page
    revision: Revision

    @property
    def page_id(self):
        return self.page.pk


def submit_for_moderation(page, user):
    """Save ``page`` as her revision, start its workflow and announce it."""
    revision = page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    submitted.send(sender=type(page), page=page, user=user)
    return Submission(contributor=user, page=page, revision=revision)
