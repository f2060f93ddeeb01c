"""Schools, classes, learners, assignments and progress."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.languages import LANGUAGES

# No 0/O or 1/I/L: codes are read aloud and copied from a blackboard.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_join_code():
    return "".join(
        secrets.choice(JOIN_CODE_ALPHABET) for _index in range(JOIN_CODE_LENGTH)
    )


class School(models.Model):
    """An agroecology school, such as an association's field school."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("school")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SchoolClass(models.Model):
    """A teacher's group of learners, joined with a short code."""

    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="classes",
    )
    name = models.CharField(_("name"), max_length=120)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher"),
        on_delete=models.PROTECT,
        related_name="taught_classes",
    )
    join_code = models.CharField(
        _("join code"), max_length=12, unique=True, default=new_join_code
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["school__name", "name"]

    def __str__(self):
        return f"{self.school} · {self.name}"


class Membership(models.Model):
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="memberships"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school_class", "learner"], name="one_membership_per_class"
            )
        ]

    def __str__(self):
        return f"{self.learner} in {self.school_class}"


class LearnerProfile(models.Model):
    """What a learner chose when she joined: the language she learns in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner"
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)

    def __str__(self):
        return f"{self.user} ({self.language})"


class Assignment(models.Model):
    """A lesson, guide or plant profile a teacher gives to a class.

    The page may be in any language; each learner sees it in her own.
    """

    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="assignments"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("what to study"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_class", "page"], name="assign_a_page_once_per_class"
            )
        ]

    def __str__(self):
        return f"{self.page} for {self.school_class}"


class Completion(models.Model):
    """A learner marked a lesson (or guide, or profile) done, in any language."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions"
    )
    translation_key = models.UUIDField()
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "translation_key"], name="complete_once"
            )
        ]

    def __str__(self):
        return f"{self.learner} completed {self.translation_key}"


class QuizAnswer(models.Model):
    """The latest answer a learner gave to one self-check question."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_answers"
    )
    lesson_key = models.UUIDField()
    question_id = models.CharField(max_length=64)
    answer_index = models.PositiveSmallIntegerField()
    correct = models.BooleanField()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_key", "question_id"],
                name="one_answer_per_question",
            )
        ]

    def __str__(self):
        return f"{self.learner}: {self.question_id} -> {self.answer_index}"


class QuizAttempt(models.Model):
    """One time a learner checked her answers to a lesson's quiz, with its
    score: teachers see her best attempt as well as her latest."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson_key = models.UUIDField()
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["learner", "lesson_key"], name="attempts_of_a_lesson")
        ]

    def __str__(self):
        return f"{self.learner}: {self.correct}/{self.total}"
