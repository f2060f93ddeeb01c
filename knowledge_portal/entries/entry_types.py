"""Entry types: how one kind of content file becomes pages and back."""

import hashlib
import json
import uuid

from django.apps import apps
from wagtail.models import Locale

from knowledge_portal.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from knowledge_portal.core.text_status import TextStatus

_registry = {}
_parts = {}

# Translation keys are derived from an entry's type and slug, so the same
# files always give the same keys (and exports of two sites agree).
TRANSLATION_KEY_NAMESPACE = uuid.UUID("7d0c1a8e-4b7e-4f57-9c35-2f5f7c1f2a10")


def register_entry_type(entry_type):
    _registry[entry_type.type_name] = entry_type()
    return entry_type


def entry_types():
    """Registered entry types in load order."""
    return sorted(_registry.values(), key=lambda entry_type: entry_type.order)


def get_entry_type(name):
    return _registry.get(name)


def register_entry_part(type_name, part):
    """Let another app carry its own items inside entries of ``type_name``
    (knowledge notes inside a plant's file), without the entry type's app
    knowing that app."""
    _parts.setdefault(type_name, []).append(part)


def entry_parts(type_name):
    """The parts registered for entries of ``type_name``, in order."""
    return list(_parts.get(type_name, []))


def translation_key_for(type_name, slug):
    return uuid.uuid5(TRANSLATION_KEY_NAMESPACE, f"{type_name}:{slug}")


def locales():
    """The three site locales, Spanish first."""
    by_code = {
        locale.language_code: locale
        for locale in Locale.objects.filter(language_code__in=LANGUAGE_CODES)
    }
    return [by_code[code] for code in LANGUAGE_CODES]


class EntryType:
    """One kind of content file.

    Subclasses say where their files live, which schema they follow, how to
    serialise the pages of one entry to the file's data (``serialize``) and
    how to make the pages match the data (``apply``). Loading compares
    ``serialize(pages, EVERYTHING)`` with the file, so unchanged files write
    nothing. ``serialize`` writes a link to another entry, a file or a note
    only if its ``scope`` includes it (see ``scope.py``).
    """

    type_name = ""
    #: Folder inside content/ ("" for files at the top).
    directory = ""
    schema_path = None
    #: Entry types load in this order (the site skeleton first).
    order = 100
    #: The page model of the entry ("app_label.ModelName"), for the default
    #: find_pages() and export_slugs().
    page_model = None

    def file_name(self, slug):
        return f"{slug}.yaml"

    def defined_slugs(self, data):
        """What the file defines, ``{kind: {slug}}``, for other files' links."""
        return {self.type_name: {data["slug"]}}

    def check_references(self, data, known_slugs):
        """Messages ``(path, message)`` for links to entries that do not exist."""
        return []

    def check_files(self, data, folder):
        """Messages ``(path, message)`` for files beside the entry that are bad."""
        return []

    def find_pages(self, slug):
        """The existing pages of an entry, by language code."""
        model = apps.get_model(self.page_model)
        pages = model.objects.filter(
            translation_key=translation_key_for(self.type_name, slug)
        ).select_related("locale")
        return {page.locale.language_code: page for page in pages}

    def entry_page(self, pages):
        """The page whose protocol decides whether the entry is exported."""
        return pages[DEFAULT_LANGUAGE]

    def serialize(self, pages, scope):
        raise NotImplementedError

    def apply(self, data, pages, context):
        """Create or update the pages of one entry; return them by language."""
        raise NotImplementedError

    def link(self, data, pages, context):
        """Set links to other entries, once every entry exists."""

    def export_slugs(self):
        """Slugs of every published entry of this type."""
        return list(
            apps.get_model(self.page_model)
            .objects.live()
            .filter(locale__language_code=DEFAULT_LANGUAGE)
            .order_by("slug")
            .values_list("slug", flat=True)
        )

    def files_for_export(self, pages):
        """(relative path, bytes) of files that travel with the entry."""
        return []

    def normalize(self, data):
        """The file's data in the canonical form serialize() produces."""
        return prune(data)


class EntryPart:
    """Items another app keeps inside one entry type's file (its own keys,
    and files beside the entry). The entry type calls each registered part
    (``register_entry_part``) when it serialises, exports, checks and loads."""

    def serialize(self, pages, scope):
        """The part's keys in the entry's file data."""
        return {}

    def files_for_export(self, pages):
        """(file name, bytes) of the part's files, beside the entry's own."""
        return []

    def check_files(self, data, folder):
        """Messages ``(path, message)`` for the part's files in ``folder``."""
        return []

    def apply(self, data, pages, folder):
        """Make the part's items match ``data``, once the entry's pages
        exist; its files are in ``folder``."""


def fingerprint(data):
    """A digest of an entry's file form (the same data gives the same one)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def pages_in(pages):
    """Every page in ``find_pages()``'s answer (which may nest by section)."""
    for value in pages.values():
        if isinstance(value, dict):
            yield from pages_in(value)
        else:
            yield value


def prune(value):
    """Drop empty optional values (None, "", [], {}) recursively."""
    if isinstance(value, dict):
        pruned = {key: prune(item) for key, item in value.items()}
        return {
            key: item for key, item in pruned.items() if item not in (None, "", [], {})
        }
    if isinstance(value, list):
        return [prune(item) for item in value]
    if isinstance(value, str):
        return value.strip()
    return value


def title_in(titles, code):
    """``(title, status, source)`` of an entry's title in one language.

    A title is a string when it is sourced (Spanish always is), otherwise a
    status like prose; awaiting translation, the page has the Spanish title,
    shown marked as Spanish (the ``shown_title`` filter).
    """
    value = titles[code]
    if isinstance(value, str):
        return value.strip(), TextStatus.SOURCED, ""
    status = value["status"]
    if status == TextStatus.AWAITING_TRANSLATION:
        text = titles[DEFAULT_LANGUAGE]
    else:
        text = value["text"]
    return text.strip(), status, value.get("source", "")


def apply_title(page, titles, code):
    """Set a page's title and its status from the entry's titles; a sourced
    title without a source (a string in the file) keeps no status."""
    title, status, source = title_in(titles, code)
    page.title = title
    if status == TextStatus.SOURCED and not source:
        page.translation_status.pop("title", None)
    else:
        page.set_field_status("title", status, source)
        apply_text_record(page, "title", titles, code)


def title_of(page, scope):
    """The file form of one page's title (``title_in`` read backwards), with
    who wrote and recorded it (``record_in_file``)."""
    status, source = page.field_status("title"), page.field_source("title")
    if status == TextStatus.SOURCED and not source:
        return page.title
    entry = {"status": str(status)}
    if status != TextStatus.AWAITING_TRANSLATION:
        entry["text"] = page.title
    if source:
        entry["source"] = source
    entry.update(record_in_file(page, "title", scope))
    return entry


def titles_from_pages(pages, scope):
    """The file form of an entry's titles; a language without its page yet
    (an entry contributed in Spanish) awaits translation, as the loader
    will make it. Spanish is the title itself."""
    titles = {DEFAULT_LANGUAGE: pages[DEFAULT_LANGUAGE].title}
    for code in LANGUAGE_CODES:
        if code != DEFAULT_LANGUAGE:
            titles[code] = (
                title_of(pages[code], scope)
                if code in pages
                else {"status": str(TextStatus.AWAITING_TRANSLATION)}
            )
    return titles


def text_in(value, code):
    """``(text, status, source)`` of a localised text in one language.

    A language awaiting translation gets the Spanish text, shown under a
    notice, so every page has something to show and to index.
    """
    value = value or {}
    spanish = (value.get(DEFAULT_LANGUAGE) or {}).get("text", "").strip()
    entry = value.get(code) or {"status": TextStatus.AWAITING_TRANSLATION}
    status = entry["status"]
    text = entry.get("text", "").strip()
    if status == TextStatus.AWAITING_TRANSLATION:
        text = spanish
    return text, status, entry.get("source", "")


def localized_text(versions):
    """The file form of a localised text from ``{code: (text, status, source)}``;
    a fourth item, the text's record in file form (``record_in_file``), adds
    who wrote, reviewed, confirmed and recorded it in that language.

    ``None`` when there is no Spanish text (the field is empty).
    """
    spanish = versions.get(DEFAULT_LANGUAGE)
    if not spanish or not spanish[0]:
        return None
    result = {}
    for code in LANGUAGE_CODES:
        text, status, source, *record = versions.get(
            code, ("", TextStatus.AWAITING_TRANSLATION, "")
        )
        entry = {"status": str(status)}
        if status != TextStatus.AWAITING_TRANSLATION:
            entry["text"] = text
        if source:
            entry["source"] = source
        if record and record[0]:
            entry.update(record[0])
        result[code] = entry
    return result


def localized_text_from_pages(pages, field_name, scope):
    """The file form of one prose field from the pages of its languages."""
    return localized_text(
        {
            code: (
                getattr(page, field_name),
                page.field_status(field_name),
                page.field_source(field_name),
                record_in_file(page, field_name, scope),
            )
            for code, page in pages.items()
        }
    )


def apply_localized_text(pages, field_name, value):
    """Set one prose field on every language's page from its file form."""
    has_text = bool(text_in(value, DEFAULT_LANGUAGE)[0])
    for code, page in pages.items():
        text, status, source = text_in(value, code)
        setattr(page, field_name, text)
        if has_text:
            page.set_field_status(field_name, status, source)
            apply_text_record(page, field_name, value, code)
        else:
            page.translation_status.pop(field_name, None)


# Who wrote, reviewed, confirmed and recorded a text, in content files ------
#
# In a language's entry of a localised text, beside status, text and source:
#   credit: {name, community (slug), date}   (no name: credited to the
#            community; the account stays on the site)
#   reviewed: the same; confirmations: [the same, ...]
#   audio: {file, credit}, the recording beside the entry's file, named by
#          language and text ("qu-summary.m4a"), with the page's protocol.

PERSON_KEYS = ("name", "community", "date")


def _person_in_file(person):
    return {key: person[key] for key in PERSON_KEYS if person and person.get(key)}


def record_in_file(page, key, scope):
    """The file form of the record of ``page``'s text ``key``: ``{}`` when
    nobody is recorded. A recording ``scope`` leaves out is not named."""
    from .recordings import text_audio_in_file

    record = page.text_record(key)
    found = {}
    for part in ("credit", "reviewed"):
        if record.get(part):
            found[part] = _person_in_file(record[part])
    if record.get("confirmations"):
        found["confirmations"] = [
            _person_in_file(person) for person in record["confirmations"]
        ]
    audio = text_audio_in_file(page, key, record.get("audio"), scope)
    if audio:
        found["audio"] = audio
    return found


def apply_text_record(page, key, value, code):
    """Put the record of one language's text from its file form on ``page``
    (replacing what it had), importing its recording."""
    from .recordings import import_text_audio

    entry = (value or {}).get(code) or {}
    record = {part: entry.get(part) for part in ("credit", "reviewed")}
    record["confirmations"] = entry.get("confirmations")
    if entry.get("audio"):
        record["audio"] = import_text_audio(page, entry["audio"])
    page.set_text_record(key, record)
