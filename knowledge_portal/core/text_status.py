"""Translation and review status of names and prose, shared by every app.

Kichwa and Shuar text appears only where it is sourced or written by the
community. A field "awaiting translation" in Kichwa or Shuar shows the Spanish
text under a notice; the status is stored per page (that is, per language)
and per field in ``translation_status``.

Search reads the same statuses: a text is indexed in the language it is
written in (:func:`written_language`), so Spanish shown in place of a Kichwa
text is searched as Spanish.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelsearch import index
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField

from .languages import DEFAULT_LANGUAGE


class TextStatus(models.TextChoices):
    SOURCED = "sourced", _("sourced")
    COMMUNITY_REVIEWED = "community-reviewed", _("reviewed by the community")
    AWAITING_REVIEW = "awaiting-review", _("awaiting community review")
    AWAITING_TRANSLATION = "awaiting-translation", _("awaiting translation")


#: Statuses whose text readers should take with a notice.
PENDING_STATUSES = frozenset(
    {TextStatus.AWAITING_REVIEW, TextStatus.AWAITING_TRANSLATION}
)


def written_language(status, language):
    """The language a text with ``status`` on a page in ``language`` is in:
    a text awaiting translation is the Spanish one, shown in its place."""
    if status == TextStatus.AWAITING_TRANSLATION:
        return DEFAULT_LANGUAGE
    return language


class LanguageText(str):
    """A text that knows its language, for search backends that read it
    (``search_language``, see docs/search.md); to others it is a string."""

    def __new__(cls, text, language):
        instance = super().__new__(cls, text)
        instance.search_language = language
        return instance


class NameStatus(models.TextChoices):
    SOURCED = "sourced", _("sourced")
    COMMUNITY_REVIEWED = "community-reviewed", _("reviewed by the community")
    AWAITING_REVIEW = "awaiting-review", _("awaiting community review")


# Who wrote, reviewed and recorded a text --------------------------------------
#
# A text is named by a key: a prose field or the title by its name
# ("summary", "title"); a text inside a StreamField block by the stream, the
# block's id and the way into it ("steps:<id>", "quiz:<id>", an answer
# "quiz:<id>:answers:1" and its feedback "quiz:<id>:answers:1:feedback").
# ``translation_status[key]`` keeps, beside a field's status and source, the
# record of the people behind the text in that language:
#
#   credit        {"name": "Rosa", "community": "kallari", "user": 7,
#                  "date": "2026-12-07"}; without "name" it is credited to the
#                  community; "user" (the account) is kept on the site only
#   reviewed      who marked it reviewed by the community, the same form
#   confirmations [the same form, once per other reviewer who confirmed it]
#   audio         {"recording": <protocols.Recording id>, "credit": {...}}
#
# A block's own status stays in the block (blocks.StatusBlock); its key holds
# only the record. The audio is named in the page's field, so Wagtail's
# reference index, and through it the access rule, knows the page uses it.

RECORD_PARTS = ("credit", "reviewed", "confirmations", "audio")

#: The model of recordings, named lazily (this floor imports no app).
AUDIO_MODEL = "protocols.Recording"


class TranslationStatusField(models.JSONField):
    """``translation_status``: a JSON field whose text records name the
    recordings a page uses (``extract_references``, read by Wagtail's
    reference index on every save)."""

    def extract_references(self, value):
        from django.apps import apps

        model = apps.get_model(AUDIO_MODEL)
        for key, entry in (value or {}).items():
            audio = entry.get("audio") if isinstance(entry, dict) else None
            if isinstance(audio, dict) and audio.get("recording"):
                yield model, str(audio["recording"]), "audio", f"{key}.audio"

    def deconstruct(self):
        # Stored as any JSON field: no migration in the apps using it.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.JSONField", args, kwargs


def block_text_key(stream, block_id, *path):
    """The key of a text inside a block: ``block_text_key("quiz", id,
    "answers", 1, "feedback")``."""
    return ":".join(str(part) for part in (stream, block_id, *path))


class TextSlot:
    """One text of a page in its language: where it is, what it says and its
    status. Blocks' texts know the way into the block's value."""

    __slots__ = (
        "block_id",
        "key",
        "label",
        "max_length",
        "number",
        "path",
        "status",
        "status_name",
        "stream",
        "text",
        "text_name",
    )

    def __init__(self, key, label, text, status, max_length=None, **where):
        self.key = key
        self.label = label
        self.text = text or ""
        self.status = status or TextStatus.SOURCED
        self.max_length = max_length
        self.number = where.get("number", "")
        self.stream = where.get("stream", "")
        self.block_id = where.get("block_id", "")
        self.path = tuple(where.get("path", ()))
        self.text_name = where.get("text_name", "")
        self.status_name = where.get("status_name", "")

    @property
    def in_block(self):
        return bool(self.stream)

    @property
    def pending(self):
        return self.status in PENDING_STATUSES and bool(self.text)

    def __repr__(self):
        return f"<TextSlot {self.key} {self.status}>"


def _text_slots_in_block(stream, block_id, block, value, number, path=()):
    """The texts of one block value (and of the blocks it holds)."""
    child_blocks = getattr(block, "child_blocks", None) or {}
    base = block_text_key(stream, block_id, *path)
    where = {"stream": stream, "block_id": block_id, "path": path}
    if "status" in child_blocks:
        text_name = "text" if "text" in child_blocks else "question"
        text_block = child_blocks[text_name]
        yield TextSlot(
            base,
            block.label or text_block.label,
            value.get(text_name),
            value.get("status"),
            getattr(text_block.field, "max_length", None),
            number=number,
            text_name=text_name,
            status_name="status",
            **where,
        )
    for name, child in child_blocks.items():
        if name.endswith("_status"):
            text_name = name.removesuffix("_status")
            if value.get(text_name):
                text_block = child_blocks[text_name]
                yield TextSlot(
                    f"{base}:{text_name}",
                    text_block.label,
                    value.get(text_name),
                    value.get(name),
                    getattr(text_block.field, "max_length", None),
                    number=number,
                    text_name=text_name,
                    status_name=name,
                    **where,
                )
        elif getattr(child, "child_block", None) is not None:  # a list
            for index, item in enumerate(value.get(name) or []):
                yield from _text_slots_in_block(
                    stream,
                    block_id,
                    child.child_block,
                    item,
                    f"{number}.{index + 1}",
                    (*path, name, index),
                )


class TranslatedFieldsMixin(models.Model):
    """Adds per-field translation status to a page.

    Subclasses list their prose fields in ``translated_fields``.
    ``translation_status`` maps a field name to ``{"status": ..., "source":
    ...}``; a field missing from it counts as sourced.
    """

    translated_fields: tuple[str, ...] = ()

    translation_status = TranslationStatusField(
        _("translation status"), default=dict, blank=True
    )

    class Meta:
        abstract = True

    def field_status(self, field_name):
        entry = self.translation_status.get(field_name) or {}
        return entry.get("status", TextStatus.SOURCED)

    def field_source(self, field_name):
        entry = self.translation_status.get(field_name) or {}
        return entry.get("source", "")

    def set_field_status(self, field_name, status, source=""):
        """Set a field's status and source; who wrote it stays recorded."""
        entry = {"status": str(status), **self.text_record(field_name)}
        if source:
            entry["source"] = source
        self.translation_status = {**self.translation_status, field_name: entry}

    def pending_fields(self):
        """(field name, status) of the prose fields awaiting something."""
        return [
            (name, self.field_status(name))
            for name in self.translated_fields
            if self.field_status(name) in PENDING_STATUSES and getattr(self, name)
        ]

    @property
    def status_of(self):
        """Field name -> status, for templates (which cannot pass arguments)."""
        return {name: self.field_status(name) for name in self.translated_fields}

    def field_language(self, field_name):
        """The language the text of ``field_name`` is written in."""
        return written_language(
            self.field_status(field_name), self.locale.language_code
        )

    @classmethod
    def get_search_fields(cls):
        """The title, the prose fields and StreamFields (whose blocks carry
        their own status) give search their text with its language."""
        return [
            _in_written_language(field) if _has_written_language(cls, field) else field
            for field in super().get_search_fields()
        ]

    #: StreamFields whose blocks carry a translation status of their own.
    translated_streams: tuple[str, ...] = ()

    def translation_gaps(self):
        """What on this page awaits translation or review, for its one notice:
        ``[(label, status, count)]``, prose fields, then blocks by kind."""
        gaps = [
            (self._meta.get_field(name).verbose_name, status, 1)
            for name, status in self.pending_fields()
        ]
        if self.field_status("title") in PENDING_STATUSES:
            gaps.insert(0, (_("title"), self.field_status("title"), 1))
        for stream_name in self.translated_streams:
            counts = {}
            for block in getattr(self, stream_name):
                for label, status in _pending_in_block(block.block, block.value):
                    counts[label, status] = counts.get((label, status), 0) + 1
            gaps.extend((label, status, n) for (label, status), n in counts.items())
        return gaps

    # Every text of the page, and who wrote it -------------------------------

    def text_record(self, key):
        """Who wrote, reviewed, confirmed and recorded the text ``key``
        (``RECORD_PARTS``), as stored; ``{}`` when nobody is recorded."""
        entry = (self.translation_status or {}).get(key)
        if not isinstance(entry, dict):
            return {}
        return {part: entry[part] for part in RECORD_PARTS if entry.get(part)}

    def set_text_record(self, key, record):
        """Replace the record of ``key``; its status and source stay."""
        entry = {
            name: value
            for name, value in ((self.translation_status or {}).get(key) or {}).items()
            if name not in RECORD_PARTS
        }
        entry.update({part: record[part] for part in RECORD_PARTS if record.get(part)})
        status = dict(self.translation_status or {})
        if entry:
            status[key] = entry
        else:
            status.pop(key, None)
        self.translation_status = status

    def has_text_records(self):
        return any(
            isinstance(entry, dict) and any(entry.get(part) for part in RECORD_PARTS)
            for entry in (self.translation_status or {}).values()
        )

    def text_slots(self):
        """Every text of this page in its language, in the order it shows
        them: the title, the prose fields, then each block's texts."""
        slots = [
            TextSlot(
                "title",
                _("title"),
                self.title,
                self.field_status("title"),
                self._meta.get_field("title").max_length,
            )
        ]
        for name in self.translated_fields:
            field = self._meta.get_field(name)
            slots.append(
                TextSlot(
                    name,
                    field.verbose_name,
                    getattr(self, name),
                    self.field_status(name),
                    field.max_length,
                )
            )
        for stream_name in self.translated_streams:
            for position, child in enumerate(getattr(self, stream_name)):
                slots.extend(
                    _text_slots_in_block(
                        stream_name,
                        child.id,
                        child.block,
                        child.value,
                        str(position + 1),
                    )
                )
        return slots

    def text_slot(self, key):
        """The text named ``key``, or None."""
        return next((slot for slot in self.text_slots() if slot.key == key), None)

    def write_text(self, key, text, status):
        """Put ``text`` with ``status`` into the text ``key`` of this page
        (in memory: the caller saves a revision)."""
        slot = self.text_slot(key)
        if slot is None:
            raise KeyError(key)
        if not slot.in_block:
            setattr(self, key, text)
            self.set_field_status(key, status, self.field_source(key))
            return
        stream = getattr(self, slot.stream)
        child = next(child for child in stream if child.id == slot.block_id)
        value = child.value
        for step in slot.path:
            value = value[step]
        value[slot.text_name] = text
        value[slot.status_name] = str(status)
        # A StreamValue keeps the blocks it converted: assigning it back
        # saves the changed value.
        setattr(self, slot.stream, stream)


def _pending_in_block(block, value):
    """(label, status) of each text awaiting something in a block's value:
    the block's own, then those of the blocks it holds (answers of a
    question), each status field naming the text it follows."""
    child_blocks = getattr(block, "child_blocks", None)
    if child_blocks is None:
        child = getattr(block, "child_block", None)
        if child is not None:  # a list of blocks
            for item in value:
                yield from _pending_in_block(child, item)
        return
    for name, child in child_blocks.items():
        if name == "status" or name.endswith("_status"):
            status = value.get(name)
            if status not in PENDING_STATUSES:
                continue
            if name == "status":
                text_block = child_blocks.get("text") or child_blocks.get("question")
                yield block.label or getattr(text_block, "label", ""), status
            elif value.get(name.removesuffix("_status")):
                # "feedback_status" follows the text "feedback"
                yield child_blocks[name.removesuffix("_status")].label, status
        elif getattr(child, "child_blocks", None) or getattr(
            child, "child_block", None
        ):
            yield from _pending_in_block(child, value.get(name) or [])


class _WrittenLanguageValue:
    def get_value(self, obj):
        value = getattr(obj, self.field_name)
        if isinstance(value, StreamValue):
            return _blocks_in_written_language(value, obj.locale.language_code)
        if not value:
            return value
        return LanguageText(value, obj.field_language(self.field_name))


class WrittenLanguageSearchField(_WrittenLanguageValue, index.SearchField):
    pass


class WrittenLanguageAutocompleteField(_WrittenLanguageValue, index.AutocompleteField):
    pass


def _has_written_language(model, field):
    if not isinstance(field, (index.SearchField, index.AutocompleteField)):
        return False
    name = field.field_name
    if name == "title" or name in model.translated_fields:
        return True
    try:
        return isinstance(model._meta.get_field(name), StreamField)
    except FieldDoesNotExist:
        return False


def _in_written_language(field):
    if isinstance(field, index.SearchField):
        return WrittenLanguageSearchField(
            field.field_name, boost=field.boost, **field.kwargs
        )
    return WrittenLanguageAutocompleteField(field.field_name, **field.kwargs)


def _blocks_in_written_language(stream, language):
    """The searchable text of each block, in the language its status says."""
    texts = []
    for block in stream:
        text = " ".join(block.block.get_searchable_content(block.value))
        if text:
            status = block.value.get("status") if hasattr(block.value, "get") else None
            texts.append(LanguageText(text, written_language(status, language)))
    return texts


def translated_page_models():
    """Every page type whose texts carry a translation status: a new one is
    found without being listed anywhere."""
    from django.apps import apps
    from wagtail.models import Page

    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslatedFieldsMixin) and issubclass(model, Page)
    ]
