"""Interface strings written, reviewed and confirmed by the speakers."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.text_status import TextStatus
from knowledge_portal.protocols.models import Community

#: The languages whose interface the speakers write here: the default
#: language's catalog is the developers' (and every other one's fallback).
LANGUAGES = [
    (code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
]

STATUSES = [
    (TextStatus.AWAITING_REVIEW.value, TextStatus.AWAITING_REVIEW.label),
    (TextStatus.COMMUNITY_REVIEWED.value, TextStatus.COMMUNITY_REVIEWED.label),
]


class InterfaceString(models.Model):
    """One message of the portal's catalog in Kichwa or Shuar.

    The message is named as gettext names it (context, msgid); ``texts`` holds
    its one text, or for a message with plural forms one text per form of the
    language's plural rule, in the rule's order (the index is the form).
    Written here, a text awaits review by another reviewer of the language;
    further reviewers confirm it. A proposal from ``locale/REVIEW.md`` that a
    reviewer marks reviewed gets a row too, with its source and no author.
    """

    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    context = models.CharField(max_length=200, blank=True)
    msgid = models.TextField()
    msgid_plural = models.TextField(blank=True)
    texts = models.JSONField(default=list)
    status = models.CharField(
        max_length=32,
        choices=STATUSES,
        default=TextStatus.AWAITING_REVIEW,
    )
    #: Where a text nobody wrote here comes from (a REVIEW.md source).
    source = models.CharField(_("source"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The name shown for the writer: hers, or her community's, as she chose.
    credit = models.CharField(_("credited as"), max_length=200, blank=True)
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer_credit = models.CharField(max_length=200, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("interface string")
        verbose_name_plural = _("interface strings")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "context", "msgid"],
                name="one_interface_string_per_message",
            )
        ]

    def __str__(self):
        return f"{self.language}: {self.msgid}"

    @property
    def plural(self):
        return bool(self.msgid_plural)

    @property
    def is_reviewed(self):
        return self.status == TextStatus.COMMUNITY_REVIEWED


class Confirmation(models.Model):
    """A further reviewer of the language agrees with a reviewed string."""

    string = models.ForeignKey(
        InterfaceString, on_delete=models.CASCADE, related_name="confirmations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    credit = models.CharField(_("credited as"), max_length=200)
    confirmed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["string", "user"], name="one_confirmation_per_reviewer"
            )
        ]

    def __str__(self):
        return f"{self.credit}: {self.string}"


class CatalogVersion(models.Model):
    """One row, whose token changes with every change of the strings: every
    process compares it with the one it loaded, once per request it renders."""

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    ROW = 1

    def __str__(self):
        return str(self.token)
