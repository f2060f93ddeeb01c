"""Translation and review status of names and prose, shared by every app.

Kichwa and Shuar text appears only where it is sourced or written by the
community. A field "awaiting translation" in Kichwa or Shuar shows the Spanish
text under a notice; the status is stored per page (that is, per language)
and per field in ``translation_status``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TextStatus(models.TextChoices):
    SOURCED = "sourced", _("sourced")
    COMMUNITY_REVIEWED = "community-reviewed", _("reviewed by the community")
    AWAITING_REVIEW = "awaiting-review", _("awaiting community review")
    AWAITING_TRANSLATION = "awaiting-translation", _("awaiting translation")


#: Statuses whose text readers should take with a notice.
PENDING_STATUSES = frozenset(
    {TextStatus.AWAITING_REVIEW, TextStatus.AWAITING_TRANSLATION}
)


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
