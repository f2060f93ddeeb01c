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


class TranslatedFieldsMixin(models.Model):
    """Adds per-field translation status to a page.

    Subclasses list their prose fields in ``translated_fields``.
    ``translation_status`` maps a field name to ``{"status": ..., "source":
    ...}``; a field missing from it counts as sourced.
    """

    translated_fields: tuple[str, ...] = ()

    translation_status = models.JSONField(
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
        entry = {"status": str(status)}
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
