"""Communities and the protocol every entry, note, image and recording has."""

import posixpath
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Page

from .labels import TKLabel


class Community(models.Model):
    """A community or association whose members may see its knowledge."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="communities",
    )

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Access(models.TextChoices):
    PUBLIC = "public", _("Public: anyone")
    COMMUNITY = "community", _("Community: members of the named communities")
    RESTRICTED = "restricted", _("Restricted: only the named group")


#: The fields of a protocol, named once: forms, files, copies between
#: translations and the access rule's queries all use this list.
PROTOCOL_FIELDS = (
    "access",
    "access_communities",
    "access_group",
    "season_months",
    "tk_labels",
)


class ProtocolFields(models.Model):
    """Who may see something, decided by its community.

    ``season_months`` opens it only in those months: outside them it is
    treated as Restricted. The rule itself is in ``protocols.access``.
    """

    access = models.CharField(
        _("who may see it"),
        max_length=12,
        choices=Access.choices,
        default=Access.PUBLIC,
    )
    access_communities = models.JSONField(
        _("communities"),
        default=list,
        blank=True,
        help_text=_("Slugs of the communities whose members may see it."),
    )
    access_group = models.ForeignKey(
        Group,
        verbose_name=_("restricted to group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    season_months = models.JSONField(
        _("open only in these months"), default=list, blank=True
    )
    tk_labels = models.JSONField(
        _("Traditional Knowledge labels"),
        default=list,
        blank=True,
        help_text=", ".join(TKLabel.values),
    )
    # Derived on save, indexed: finding the few protected rows must not scan
    # every page on every request.
    protected = models.BooleanField(default=False, editable=False, db_index=True)

    # A protocol is the same in every language: publishing one version of a
    # page brings its translations to it (entries.translations).
    neutral_fields: tuple[str, ...] = (
        "access",
        "access_communities",
        "access_group_id",
        "season_months",
        "tk_labels",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.protected = not self.is_public_all_year()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "protected"}
        super().save(*args, **kwargs)

    def is_public_all_year(self):
        """Open to anyone in every month: the one spelling of "public"."""
        return self.access == Access.PUBLIC and not self.season_months

    def permissions_for_user(self, user):
        """On pages: what ``user`` may do to this page in the admin (nothing,
        when the protocol hides it from them)."""
        from .permission_policies import ProtocolPagePermissionTester

        return ProtocolPagePermissionTester(user, self)


class ImageProtocol(ProtocolFields):
    """The protocol of one Wagtail image (public when there is none)."""

    image = models.OneToOneField(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="protocol"
    )

    def __str__(self):
        return f"{self.image} ({self.access})"


def recording_upload_to(instance, filename):
    """``recordings/<year>/<month>/<random>/<name>``: the address of a
    recording cannot be guessed, and its own name stays as it was given
    (``uploads.stored_name``), which is what content files export it under."""
    return posixpath.join(
        timezone.now().strftime("recordings/%Y/%m"),
        secrets.token_urlsafe(9),
        filename,
    )


class Recording(ProtocolFields):
    """A voice recording, served only through the media view that checks
    its protocol."""

    file = models.FileField(_("file"), upload_to=recording_upload_to)
    mime_type = models.CharField(max_length=40)
    file_hash = models.CharField(max_length=40, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Made in the contributions app; its table kept its name.
        db_table = "contributions_recording"
        verbose_name = _("recording")

    def __str__(self):
        return self.title or self.file.name


def _hidden_from(user, obj):
    # Only pages carry a protocol among what goes through a workflow.
    from .access import can_view_page

    return isinstance(obj, Page) and not can_view_page(user, obj)


class ProtocolApprovalTask(GroupApprovalTask):
    """Wagtail's group approval, where a member of the groups reviews only the
    pages the protocols let her see: she is not offered a page of another
    community, nor its preview, its actions or its editor."""

    def user_can_access_editor(self, obj, user):
        return not _hidden_from(user, obj) and super().user_can_access_editor(obj, user)

    def locked_for_user(self, obj, user):
        return _hidden_from(user, obj) or super().locked_for_user(obj, user)

    def user_can_lock(self, obj, user):
        return not _hidden_from(user, obj) and super().user_can_lock(obj, user)

    def get_actions(self, obj, user):
        if _hidden_from(user, obj):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .access import hidden_page_ids

        states = super().get_task_states_user_can_moderate(user, **kwargs)
        hidden = hidden_page_ids(user)
        if not hidden:
            return states
        return states.exclude(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id__in=[str(pk) for pk in hidden],
        )

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve the pages their community's "
            "protocols let them see"
        )

    class Meta:
        verbose_name = _("Group approval task within the protocols")
        verbose_name_plural = _("Group approval tasks within the protocols")
