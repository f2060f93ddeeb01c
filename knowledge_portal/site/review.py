"""What awaits translation or review, per language, and marking names reviewed
(texts are written, recorded and reviewed in the translation workbench).

Two kinds of pending work are tracked: interface strings proposed in
locale/REVIEW.md (a Markdown table whose first column is the language code),
and content (page prose fields and vernacular names) whose status says it
awaits translation or community review.
"""

import functools

from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.db import transaction

from knowledge_portal.core import catalog_overlay, interface_review
from knowledge_portal.core.text_status import (
    NameStatus,
    TextStatus,
    translated_page_models,
)
from knowledge_portal.protocols.access import hidden_page_ids, visible_pages

# Which interface strings await review is known on the ground floor (month
# names need it); the review list reads it through these names.
ReviewRow = interface_review.ReviewRow
parse_review_rows = interface_review.parse_review_rows
review_file = interface_review.review_file
languages_awaiting_review = interface_review.languages_awaiting_review


def catalog_coverage(language):
    """``(translated, total)`` interface strings of the portal's own catalog
    in ``language``: what is really written in it (Spanish copies being
    refused by the tests), in the files or in the portal."""
    written_here = catalog_overlay.translated_keys(language)
    messages = _catalog_messages(language)
    translated = sum(1 for key, in_file in messages if in_file or key in written_here)
    return translated, len(messages)


@functools.cache
def _catalog_messages(language):
    """(key, translated in the file) of each message of the .po file."""
    path = settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        messages = [message for message in read_po(handle) if message.id]
    return tuple(
        (
            catalog_overlay.message_key(
                message.context, message.id[0] if message.pluralizable else message.id
            ),
            all(message.string if message.pluralizable else [message.string]),
        )
        for message in messages
    )


def pending_content(locale, user):
    """Pages of ``locale`` with texts awaiting something (titles, prose
    fields, each block's texts), and names awaiting review in that language,
    among the pages ``user`` may see. The translation workbench is where
    texts are written, recorded and reviewed."""
    items = []
    for model in translated_page_models():
        pages = visible_pages(user, model.objects.live().filter(locale=locale))
        for page in pages.order_by("title"):
            texts = [
                {
                    "key": slot.key,
                    "label": slot.label,
                    "number": slot.number,
                    "status": slot.status,
                    "status_label": TextStatus(slot.status).label,
                }
                for slot in page.text_slots()
                if slot.pending
            ]
            if texts:
                items.append({"page": page, "fields": texts})
    plant_name = apps.get_model("plants", "PlantName")
    names = (
        plant_name.objects.filter(
            language=locale.language_code,
            status=NameStatus.AWAITING_REVIEW,
            page__locale=locale,
            page__live=True,
        )
        .exclude(page_id__in=hidden_page_ids(user))
        .select_related("page")
    )
    return items, list(names)


@transaction.atomic
def mark_name_reviewed(name):
    """A vernacular name confirmed by the community, on every translation."""
    if name.status != NameStatus.AWAITING_REVIEW:
        raise ValueError(name.pk)
    page = name.page.specific
    # One list: each .all() of a saved page reads fresh rows from the database.
    names = list(page.names.all())
    for item in names:
        if item.pk == name.pk:
            item.status = NameStatus.COMMUNITY_REVIEWED
    page.names = names
    page.save_revision().publish()
