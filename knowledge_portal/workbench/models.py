"""How many people read each page: the order of the translation queue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageReads(models.Model):
    """Reads of every version of one page (its translation key) in one
    language, added up from the counts each server process keeps in memory
    (``reads.py``)."""

    translation_key = models.UUIDField(db_index=True)
    language = models.CharField(max_length=8)
    reads = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("page reads")
        verbose_name_plural = _("page reads")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "language"], name="one_count_per_page"
            )
        ]

    def __str__(self):
        return f"{self.translation_key} {self.language}: {self.reads}"
