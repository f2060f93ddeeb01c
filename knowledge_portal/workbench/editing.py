"""What a reviewer does to one text: write it, record it, mark it reviewed,
confirm another's review. Each writes the text's language version of the
page and publishes it alone: prose is not neutral, so nothing is copied to
the other languages (``entries.translations.publish_alone``).

Who may: a language reviewer of a community for a text in her language on
a page she may see (``protocols.access``), or an editor who may edit the page
in the admin. A page she may not see does not exist for her.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from knowledge_portal.core.text_status import TextStatus
from knowledge_portal.entries.recordings import page_protocol
from knowledge_portal.entries.translations import publish_alone
from knowledge_portal.protocols.access import can_view_page
from knowledge_portal.protocols.membership import (
    communities_where,
    reviewer_role,
    reviews_language,
)
from knowledge_portal.protocols.submissions.services import save_recording

from .queue import may_confirm, people_of

#: The longest text the workbench takes where the page sets no limit.
MAX_TEXT_LENGTH = 5000
# Something that looks like an HTML tag, comment or entity opening.
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|&#?[a-zA-Z0-9]+;")


class StaleText(Exception):
    """The text changed since she opened it; ``current`` is what it says now."""

    def __init__(self, current):
        super().__init__(current)
        self.current = current


def may_use_workbench(user, language):
    """Reviewers of ``language`` and editors (who may edit some page)."""
    if not user.is_authenticated:
        return False
    return reviews_language(user, language) or user.has_perm(
        "wagtailadmin.access_admin"
    )


def may_work_on(user, page, language):
    """May ``user`` write, record or review the ``language`` texts of ``page``?"""
    if page.locale.language_code != language or not can_view_page(user, page):
        return False
    return reviews_language(user, language) or (
        page.permissions_for_user(user).can_edit()
    )


def person_name(user):
    return user.get_full_name() or user.get_username()


def credit_choices(user, language):
    """``[(value, label)]``: her name, or one of the communities where she
    reviews ``language``. Nobody else's name can be chosen."""
    name = person_name(user)
    communities = communities_where(user, reviewer_role(language) or "").order_by(
        "name"
    )
    choices = []
    for community in communities:
        choices.append(
            (
                f"name:{community.slug}",
                _("My name: %(name)s (%(community)s)")
                % {"name": name, "community": community.name},
            )
        )
        choices.append(
            (
                f"community:{community.slug}",
                _("My community: %(community)s") % {"community": community.name},
            )
        )
    if not choices:
        choices.append(("name:", _("My name: %(name)s") % {"name": name}))
    return choices


def credit_for(user, language, choice, today=None):
    """The stored credit for one of ``credit_choices``; ValueError otherwise."""
    if choice not in dict(credit_choices(user, language)):
        raise ValueError(choice)
    kind, _sep, slug = choice.partition(":")
    credit = {"user": user.pk, "date": (today or timezone.localdate()).isoformat()}
    if kind == "name":
        credit["name"] = person_name(user)
    if slug:
        credit["community"] = slug
    return credit


def check_text(text, max_length=None):
    """Plain text within its limit; ValidationError with her message."""
    text = (text or "").replace("\r\n", "\n").strip()
    limit = min(max_length or MAX_TEXT_LENGTH, MAX_TEXT_LENGTH)
    if len(text) > limit:
        raise ValidationError(
            _("This text is too long: %(length)s characters, at most %(limit)s.")
            % {"length": len(text), "limit": limit},
            code="too_long",
        )
    if MARKUP.search(text):
        raise ValidationError(
            _("Write plain text, without HTML tags or codes."),
            code="markup",
        )
    return text


def text_in_revision(revision_id, key):
    """What the text ``key`` said in a revision, or None."""
    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None:
        return None
    slot = revision.as_object().text_slot(key)
    return slot.text if slot else None


def check_not_stale(page, key, seen_revision):
    """Refuse to write over a text that changed since she opened it."""
    if str(page.live_revision_id or "") == str(seen_revision or ""):
        return
    slot = page.text_slot(key)
    if seen_revision and text_in_revision(seen_revision, key) == slot.text:
        return
    raise StaleText(slot.text)


def _publish(user, page, key, change):
    """Apply ``change(version)`` to the live version, publish it alone, and
    to a draft waiting beside it, so that the draft keeps it too."""
    draft = None
    if page.has_unpublished_changes:
        draft = page.get_latest_revision_as_object()
    change(page)
    revision = page.save_revision(user=user, log_action=True)
    publish_alone(revision)
    if draft is not None and draft.text_slot(key) is not None:
        change(draft)
        draft.save_revision(user=user, log_action=True)
    return revision


@transaction.atomic
def save_text(
    user, page, key, *, text, reviewed, credit, seen_revision, recording=None
):
    """Write her text, or mark the text as it is reviewed, and add her
    recording; publish. Nothing to change publishes nothing (None).

    A new text awaits review, or is reviewed by the community when she says
    she reviewed it; it is credited to her and the confirmations of the old
    text no longer hold. The same text ticked reviewed keeps its writer's
    credit.
    """
    page = type(page).objects.select_for_update().get(pk=page.pk)
    slot = page.text_slot(key)
    if slot is None:
        raise KeyError(key)
    check_not_stale(page, key, seen_revision)
    # A text awaiting translation holds the Spanish: anything she writes is new.
    written = bool(text) and (
        text != slot.text or slot.status == TextStatus.AWAITING_TRANSLATION
    )
    marked = not written and reviewed and slot.status == TextStatus.AWAITING_REVIEW
    audio = None
    if recording is not None:
        audio = save_recording(
            user,
            {"recording": recording},
            page_protocol(page),
            f"{page.title} · {slot.label} {slot.number}".strip(),
        )
    if not (written or marked or audio):
        return None

    def change(version):
        record = version.text_record(key)
        if written:
            version.write_text(key, text, _status(reviewed))
            record["credit"] = credit
            record["reviewed"] = credit if reviewed else None
            record["confirmations"] = []
        elif marked:
            version.write_text(key, version.text_slot(key).text, _status(True))
            record["reviewed"] = credit
            record["confirmations"] = []
        if audio is not None:
            record["audio"] = {"recording": audio.pk, "credit": credit}
        version.set_text_record(key, record)

    return _publish(user, page, key, change)


def _status(reviewed):
    return TextStatus.COMMUNITY_REVIEWED if reviewed else TextStatus.AWAITING_REVIEW


@transaction.atomic
def mark_reviewed(user, page, key, credit, seen_revision):
    """The community reviewed the text awaiting review, as she read it."""
    page = type(page).objects.select_for_update().get(pk=page.pk)
    slot = page.text_slot(key)
    if slot is None or slot.status != TextStatus.AWAITING_REVIEW:
        raise ValueError(key)
    check_not_stale(page, key, seen_revision)

    def change(version):
        version.write_text(key, version.text_slot(key).text, _status(True))
        record = version.text_record(key)
        record["reviewed"] = credit
        record["confirmations"] = []
        version.set_text_record(key, record)

    return _publish(user, page, key, change)


@transaction.atomic
def confirm(user, page, key, credit):
    """A second reviewer confirms a text another reviewed."""
    page = type(page).objects.select_for_update().get(pk=page.pk)
    slot = page.text_slot(key)
    if slot is None or not may_confirm(user, slot, page.text_record(key)):
        raise ValueError(key)

    def change(version):
        record = version.text_record(key)
        if user.pk in people_of(record):
            return
        record["confirmations"] = [*(record.get("confirmations") or []), credit]
        version.set_text_record(key, record)

    return _publish(user, page, key, change)
