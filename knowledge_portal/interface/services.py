"""What a language reviewer does to an interface string: write it, mark it
reviewed, confirm it. Each rule is here once; the screen only calls these.

- Only a reviewer of the language (``reviews_language``: the reviewer-qu or
  reviewer-jiv role in one of her communities), or a site superuser, works on
  its strings; anyone else is refused as if the screen did not exist.
- She is credited by her own name or by one of the communities where she is
  a reviewer of that language: never by another person's name.
- A text written here awaits review. Another reviewer marks it reviewed (the
  writer cannot review her own words); further reviewers confirm it. Changing
  the text starts over.
- Every change takes effect everywhere at once: the catalog version changes
  (every process loads the strings again, ``overlay``) and the page cache is
  emptied (``interface_strings_changed``).
"""

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.catalog_overlay import interface_strings_changed
from knowledge_portal.core.interface_review import parse_review_rows, review_file
from knowledge_portal.core.text_status import TextStatus
from knowledge_portal.protocols.membership import (
    communities_where,
    reviewer_role,
    reviews_language,
)

from .models import LANGUAGES, CatalogVersion, Confirmation, InterfaceString
from .validation import form_problems

WRITTEN_HERE = {code for code, _name in LANGUAGES}


class Refused(ValidationError):
    """A change the rules refuse; its message is for the reviewer."""


def may_work_on(user, language):
    """Whether ``user`` may translate and review the interface in ``language``."""
    if language not in WRITTEN_HERE or not user.is_authenticated:
        return False
    return user.is_superuser or reviews_language(user, language)


def _check(user, language):
    if not may_work_on(user, language):
        raise PermissionDenied


@dataclass(frozen=True)
class Credit:
    value: str
    label: str
    community: object = None


def credit_choices(user, language):
    """How she may be credited: her name (with each community where she
    reviews the language) or such a community's name."""
    own = user.get_full_name() or user.get_username()
    role = reviewer_role(language)
    communities = list(communities_where(user, role).order_by("name")) if role else []
    choices = []
    for community in communities:
        choices.append(
            Credit(f"name-{community.pk}", f"{own} ({community.name})", community)
        )
    for community in communities:
        choices.append(Credit(f"community-{community.pk}", community.name, community))
    if not communities:
        choices.append(Credit("name", own))
    return choices


def _credit(user, language, value):
    for choice in credit_choices(user, language):
        if choice.value == value:
            return choice
    raise Refused(_("Choose how you are credited."), code="credit")


def row_for(language, message):
    return InterfaceString.objects.filter(
        language=language, context=message.context, msgid=message.msgid
    ).first()


def shipped_proposals(language):
    """msgid -> the REVIEW.md row of each string proposed in the files."""
    try:
        text = review_file().read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return {
        row.msgid: row for row in parse_review_rows(text) if row.language == language
    }


def state_of(message, row, proposal):
    """(status, texts) of a message: its row's, else the file's (awaiting
    review while REVIEW.md says so), else awaiting translation."""
    if row is not None:
        return row.status, list(row.texts)
    if message.has_shipped_text:
        awaits = proposal is not None and proposal.awaits_review
        status = TextStatus.AWAITING_REVIEW if awaits else TextStatus.COMMUNITY_REVIEWED
        return status.value, list(message.shipped)
    return TextStatus.AWAITING_TRANSLATION.value, []


def may_review(user, row):
    """Whether she may mark the text of ``row`` reviewed: it awaits review
    and she did not write it."""
    return not row.is_reviewed and row.author_id != user.pk


def may_confirm(user, row):
    """Whether she may confirm the reviewed text of ``row``: she neither
    wrote, reviewed nor confirmed it yet."""
    vouched = user.pk in (row.author_id, row.reviewer_id) or any(
        confirmation.user_id == user.pk for confirmation in row.confirmations.all()
    )
    return row.is_reviewed and not vouched


@transaction.atomic
def write_texts(user, language, catalog, message, texts, credit_value):
    """Keep her translation of ``message`` (one text per plural form), after
    the checks of ``validation``; returns the row, or None if nothing changed."""
    _check(user, language)
    texts = [text.strip() for text in texts]
    problems = form_problems(message, texts, catalog.form_numbers(), language)
    if problems:
        raise Refused({f"text_{index}": errors for index, errors in problems.items()})
    credit = _credit(user, language, credit_value)
    row = _locked_row(language, message)
    current = list(row.texts) if row else list(message.shipped)
    if texts == current:
        return None
    row = row or InterfaceString(
        language=language,
        context=message.context,
        msgid=message.msgid,
        msgid_plural=message.msgid_plural,
    )
    row.texts = texts
    row.status = TextStatus.AWAITING_REVIEW
    row.source = ""
    row.author, row.credit, row.community = user, credit.label, credit.community
    row.written_at = timezone.now()
    row.reviewer, row.reviewer_credit, row.reviewed_at = None, "", None
    _save(row)
    row.confirmations.all().delete()
    _changed()
    return row


@transaction.atomic
def mark_reviewed(user, language, message, credit_value):
    """Another reviewer vouches for the text awaiting review (one written
    here, or a proposal shipped in the files and listed in REVIEW.md)."""
    _check(user, language)
    credit = _credit(user, language, credit_value)
    row = _locked_row(language, message)
    proposal = shipped_proposals(language).get(message.msgid)
    status, texts = state_of(message, row, proposal)
    if status == TextStatus.AWAITING_TRANSLATION:
        raise Refused(_("There is no text to review yet."), code="nothing")
    if row is None:
        row = InterfaceString(
            language=language,
            context=message.context,
            msgid=message.msgid,
            msgid_plural=message.msgid_plural,
            texts=texts,
            status=status,
            source=proposal.reason if proposal else "",
        )
    if not may_review(user, row):
        if row.is_reviewed:
            raise Refused(_("This text is already reviewed."), code="reviewed")
        raise Refused(
            _("Another reviewer of your language reviews what you wrote."),
            code="own",
        )
    row.status = TextStatus.COMMUNITY_REVIEWED
    row.reviewer, row.reviewer_credit = user, credit.label
    row.reviewed_at = timezone.now()
    _save(row)
    _changed()
    return row


@transaction.atomic
def confirm(user, language, message, credit_value):
    """One more reviewer agrees with the reviewed text."""
    _check(user, language)
    credit = _credit(user, language, credit_value)
    row = _locked_row(language, message)
    if row is None or not row.is_reviewed:
        raise Refused(_("Only a reviewed text can be confirmed."), code="unreviewed")
    if not may_confirm(user, row):
        raise Refused(_("You have already vouched for this text."), code="again")
    Confirmation.objects.create(
        string=row, user=user, credit=credit.label, confirmed_at=timezone.now()
    )
    return row


def _save(row):
    """Save; a first row for the message that another reviewer saved at the
    same moment is refused (she sees the string again), not a server error."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as clash:
        raise Refused(
            _(
                "Another reviewer saved this string at the same moment: look at it "
                "again."
            ),
            code="clash",
        ) from clash


def _locked_row(language, message):
    return (
        InterfaceString.objects.select_for_update()
        .filter(language=language, context=message.context, msgid=message.msgid)
        .first()
    )


def _changed():
    """Every process loads the strings again; cached pages are dropped."""
    CatalogVersion.objects.update_or_create(
        pk=CatalogVersion.ROW, defaults={"token": uuid.uuid4()}
    )
    interface_strings_changed.send(sender=InterfaceString)
