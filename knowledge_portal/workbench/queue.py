"""What awaits a reviewer in her language, most read first.

Every page type with translated texts is found through
``TranslatedFieldsMixin`` (a new one is covered without editing this), among
the pages the access rule lets her see (``protocols.access.visible_pages``).
"""

from dataclasses import dataclass, field

from wagtail.models import Locale

from knowledge_portal.core.languages import DEFAULT_LANGUAGE
from knowledge_portal.core.text_status import TextStatus, translated_page_models
from knowledge_portal.protocols.access import visible_pages

from .reads import reads_by_key

#: What the queue lists: texts awaiting translation or review, or texts
#: reviewed in the workbench that she may confirm.
PENDING = "pending"
TO_CONFIRM = "confirm"
SHOWS = (PENDING, TO_CONFIRM)


@dataclass
class QueueItem:
    page: object
    slot: object
    spanish: str
    reads: int
    record: dict = field(default_factory=dict)
    order: int = 0

    @property
    def status_label(self):
        return TextStatus(self.slot.status).label


def people_of(record):
    """Ids of the accounts that wrote, reviewed or confirmed a text."""
    people = {
        (record.get(part) or {}).get("user") for part in ("credit", "reviewed")
    } | {item.get("user") for item in record.get("confirmations") or []}
    return people - {None}


def may_confirm(user, slot, record):
    """A text reviewed in the workbench, by someone else, not yet confirmed
    by her."""
    return (
        slot.status == TextStatus.COMMUNITY_REVIEWED
        and bool(record.get("reviewed"))
        and user.pk not in people_of(record)
    )


def _wanted(user, slot, record, show):
    if show == TO_CONFIRM:
        return may_confirm(user, slot, record)
    return slot.pending


def spanish_versions(model, pages):
    """The Spanish version of each page, by translation key."""
    return {
        page.translation_key: page
        for page in model.objects.filter(
            locale__language_code=DEFAULT_LANGUAGE,
            translation_key__in=[page.translation_key for page in pages],
        )
    }


def work_queue(user, language, show=PENDING):
    """Every text of ``language`` awaiting what ``show`` says, on the pages
    ``user`` may see, the most read pages first (then by title and in the
    order each page shows its texts)."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return []
    reads = reads_by_key()
    items = []
    for model in translated_page_models():
        pages = list(visible_pages(user, model.objects.live().filter(locale=locale)))
        if not pages:
            continue
        spanish = spanish_versions(model, pages)
        for page in pages:
            source = spanish.get(page.translation_key)
            source_texts = (
                {slot.key: slot.text for slot in source.text_slots()} if source else {}
            )
            for order, slot in enumerate(page.text_slots()):
                record = page.text_record(slot.key)
                if not _wanted(user, slot, record, show):
                    continue
                items.append(
                    QueueItem(
                        page=page,
                        slot=slot,
                        spanish=source_texts.get(slot.key, ""),
                        reads=reads.get(str(page.translation_key), 0),
                        record=record,
                        order=order,
                    )
                )
    items.sort(key=lambda item: (-item.reads, item.page.title.casefold(), item.order))
    return items


def count_waiting(user, language):
    return len(work_queue(user, language))
