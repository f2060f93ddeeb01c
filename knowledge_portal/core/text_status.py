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
