"""What the packs app keeps: which entries of answers files were merged."""

from django.conf import settings
from django.db import models


class MergedAnswerEntry(models.Model):
    """One entry of an answers file (a quiz check, a finished lesson) merged
    into a learner's progress: an entry is merged once, however many files
    repeat it (a learner's later file holds her earlier entries too)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    school_class = models.ForeignKey(
        "learning.SchoolClass", on_delete=models.CASCADE, related_name="+"
    )
    # Random, made by the pack's script when she checked or finished.
    entry_id = models.CharField(max_length=64)
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "entry_id"], name="merge_an_answer_entry_once"
            )
        ]

    def __str__(self):
        return f"{self.learner}: {self.entry_id}"
