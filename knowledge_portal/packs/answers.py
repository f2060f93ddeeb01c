"""Answers that come back from a class pack.

In the pack, a learner's quiz checks and finished lessons are kept on her
device and saved as a small JSON file (``static/packs/answers.js``)::

    {"format": "chakra-portal-answers", "format_version": 1,
     "pack": "<pack id>", "class": 12, "learner": 34, "learner_name": "rosa",
     "saved_at": "2026-12-08T10:00:00Z",
     "entries": [{"id": "<random>", "kind": "quiz", "lesson": "<key>",
                  "answers": {"<question id>": 0}, "at": "..."},
                 {"id": "<random>", "kind": "done", "lesson": "<key>",
                  "at": "..."}],
     "signature": "<hex HMAC-SHA256 of the rest, as canonical JSON>"}

The key of each learner is derived here from the site's secret, the class,
the learner and the pack (never the secret itself), and the pack carries the
keys of every learner of its class: so anyone holding the pack can sign for
any of them. The signature tells a file edited by hand, or made for another
class or pack, from one the pack saved; it is not a proof of who tapped
(docs/decisions.md).

The teacher uploads the files on the class page; each valid file merges into
the site's own progress (``learning.lesson.record_answers``,
``learning.services.mark_done``) in one transaction, and each entry is
merged once (``MergedAnswerEntry``), so the same file twice, or a later file
that repeats earlier entries, adds nothing.
"""

import hmac
import json
import re
import uuid
from dataclasses import dataclass
from hashlib import sha256

from django.core.signing import salted_hmac
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from knowledge_portal.learning import services as learning_services
from knowledge_portal.learning.lesson import read_answers, record_answers
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.protocols.access import can_show_page

from .models import MergedAnswerEntry

FORMAT = "chakra-portal-answers"
FORMAT_VERSION = 1
#: A year of daily checks fits many times over; more is not an answers file.
MAX_FILE_SIZE = 512 * 1024
MAX_ENTRIES = 5000
KEY_SALT = "knowledge_portal.packs.answers"
ENTRY_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
KINDS = ("quiz", "done")


class AnswersRefused(Exception):
    """A file that is not merged; the message says why, in the teacher's
    language."""


def learner_key(class_id, learner_id, pack_id):
    """The key a pack holds to sign one learner's answers: derived from the
    site's secret (Django's ``salted_hmac``), never the secret itself."""
    return salted_hmac(
        KEY_SALT, f"{class_id}|{learner_id}|{pack_id}", algorithm="sha256"
    ).hexdigest()


def canonical(payload):
    """The bytes signed: JSON with sorted keys and no spaces, as the pack's
    script writes it (``canonical`` in answers.js)."""
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def sign(key, payload):
    return hmac.new(bytes.fromhex(key), canonical(payload), sha256).hexdigest()


def pack_learners(school_class, pack_id):
    """What a class pack holds of each learner: her id, the name the class
    page shows, and her key."""
    learners = (
        membership.learner
        for membership in school_class.memberships.select_related("learner").order_by(
            "learner__username"
        )
    )
    return [
        {
            "id": learner.pk,
            "name": learner.get_username(),
            "key": learner_key(school_class.pk, learner.pk, pack_id),
        }
        for learner in learners
    ]


@dataclass
class Merged:
    """What one file added."""

    learner: object
    quiz_checks: int = 0
    finished: int = 0
    already: int = 0
    skipped: int = 0


def read_file(upload, school_class):
    """The learner and entries of an uploaded answers file for
    ``school_class``; ``AnswersRefused`` if it is not one."""
    if upload.size > MAX_FILE_SIZE:
        raise AnswersRefused(
            _("It is too large to be an answers file (at most %(size)s KB).")
            % {"size": MAX_FILE_SIZE // 1024}
        )
    try:
        data = json.loads(upload.read().decode("utf-8"))
    # A file of nothing but brackets nests deeper than the parser goes.
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise AnswersRefused(
            _("It is not an answers file saved from a pack.")
        ) from None
    if not is_answers_file(data):
        raise AnswersRefused(_("It is not an answers file saved from a pack."))
    if data["class"] != school_class.pk:
        raise AnswersRefused(_("It holds answers for another class, not for this one."))
    membership = (
        school_class.memberships.filter(learner_id=data["learner"])
        .select_related("learner")
        .first()
    )
    if membership is None:
        raise AnswersRefused(_("Its learner is not in this class (any more)."))
    payload = {name: value for name, value in data.items() if name != "signature"}
    expected = sign(
        learner_key(school_class.pk, data["learner"], data["pack"]), payload
    )
    if not hmac.compare_digest(expected, data["signature"]):
        raise AnswersRefused(
            _(
                "It was changed after the pack saved it (edited by hand?), so "
                "its answers cannot be trusted. Ask the learner to save her "
                "answers again in the pack."
            )
        )
    return membership.learner, data["entries"]


def is_answers_file(data):
    """The shape of an answers file, every field of the type it must have."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return False
    if data.get("format_version") != FORMAT_VERSION:
        return False
    if not all(
        is_int(data.get(name)) for name in ("class", "learner")
    ) or not isinstance(data.get("signature"), str):
        return False
    try:
        uuid.UUID(str(data.get("pack")))
    except ValueError:
        return False
    entries = data.get("entries")
    return (
        isinstance(entries, list)
        and len(entries) <= MAX_ENTRIES
        and all(is_entry(entry) for entry in entries)
    )


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_entry(entry):
    if not isinstance(entry, dict) or entry.get("kind") not in KINDS:
        return False
    if not ENTRY_ID.match(str(entry.get("id", ""))):
        return False
    try:
        uuid.UUID(str(entry.get("lesson")))
    except ValueError:
        return False
    if entry["kind"] == "quiz":
        answers = entry.get("answers")
        return isinstance(answers, dict) and all(
            isinstance(key, str) and is_int(value) for key, value in answers.items()
        )
    return True


@transaction.atomic
def merge(school_class, learner, entries):
    """Merge one file's entries into the learner's progress: each entry once,
    only for lessons assigned to the class that she may see; all of it or
    nothing."""
    assignments = {
        assignment.page.translation_key: assignment
        for assignment in school_class.assignments.select_related("page")
    }
    # Only lessons she may see: a pack holds no other, so an entry for one
    # came from elsewhere.
    lessons = {
        key: assignment.page.specific
        for key, assignment in assignments.items()
        if assignment.page.specific_class is LessonPage
        and can_show_page(learner, assignment.page)
    }
    seen = set(
        MergedAnswerEntry.objects.filter(
            learner=learner, entry_id__in=[entry["id"] for entry in entries]
        ).values_list("entry_id", flat=True)
    )
    merged = Merged(learner)
    # Oldest first, so that her latest answer to a question is kept last.
    for entry in sorted(entries, key=lambda entry: str(entry.get("at", ""))):
        if entry["id"] in seen:
            merged.already += 1
            continue
        seen.add(entry["id"])
        key = uuid.UUID(entry["lesson"])
        page = lessons.get(key)
        if page is None:
            merged.skipped += 1
            continue
        if entry["kind"] == "quiz":
            chosen = read_answers(
                page,
                {f"q-{qid}": str(index) for qid, index in entry["answers"].items()},
            )
            if not chosen:
                merged.skipped += 1
                continue
            record_answers(learner, page, chosen)
            merged.quiz_checks += 1
        else:
            learning_services.mark_done(learner, assignments[key])
            merged.finished += 1
        MergedAnswerEntry.objects.create(
            learner=learner, school_class=school_class, entry_id=entry["id"]
        )
    return merged
