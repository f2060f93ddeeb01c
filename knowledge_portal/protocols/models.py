"""Communities and the protocol every entry, note, image and recording has."""

import posixpath
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import GroupApprovalTask, Page

from .labels import TKLabel


class Community(models.Model):
    """A community or association whose members may see its knowledge.

    Protocols name it by its key, so it may be renamed freely; it cannot be
    deleted while a protocol names it (``stewardship.protocols_naming``).
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        through="Membership",
        related_name="communities",
    )

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    """What a member may do within her community, besides seeing its
    knowledge. The community's managers give them."""

    MANAGER = "manager", _("Manager")
    CHAKRAMAMA = "chakramama", _("Chakramama (contributor)")
    REVIEWER_QU = "reviewer-qu", _("Language reviewer: Kichwa")
    REVIEWER_JIV = "reviewer-jiv", _("Language reviewer: Shuar")
    STEWARD = "steward", _("Protocol steward")


class Membership(models.Model):
    """One person in one community, with the roles its managers gave her."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="community_memberships",
    )
    roles = models.JSONField(_("roles"), default=list, blank=True)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["community", "joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"], name="one_membership_per_community"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.community})"

    def has_role(self, role):
        return role in self.roles


def new_join_code():
    """Eight letters and digits a person can read out or type on a phone:
    no 0/O, 1/I/L, grouped in two fours (``K7QM-3XPA``)."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    letters = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


class Invitation(models.Model):
    """A join code a manager shares; anyone signed in who has it joins her
    community as a member, until it expires or she revokes it."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="invitations"
    )
    code = models.CharField(max_length=9, unique=True, default=new_join_code)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("join code")
        verbose_name_plural = _("join codes")
        ordering = ["-created_at"]

    def __str__(self):
        return self.code

    def is_usable(self, now=None):
        return self.revoked_at is None and (now or timezone.now()) < self.expires_at


class JoinRequest(models.Model):
    """A person asking to join a community; its managers approve or refuse."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(_("message"), max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_person",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.community} ({self.status})"


class CommunityLogEntry(models.Model):
    """Who did what, when, in a community: read by its managers."""

    class Action(models.TextChoices):
        INVITED = "invited", _("made a join code")
        REVOKED_CODE = "revoked-code", _("revoked a join code")
        JOINED = "joined", _("joined with a code")
        REQUESTED = "requested", _("asked to join")
        APPROVED = "approved", _("approved a request to join")
        REFUSED = "refused", _("refused a request to join")
        REMOVED = "removed", _("removed a member")
        LEFT = "left", _("left the community")
        ROLES_CHANGED = "roles", _("changed roles")
        PROTOCOL_CHANGED = "protocol", _("changed a protocol")
        ADDED = "added", _("added a member")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="log_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What changed: roles before and after, a code, an item and its reason.
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("community log entry")
        verbose_name_plural = _("community log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action}"


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
        help_text=_("Keys of the communities whose members may see it."),
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


def _same_credit(source, target):
    """The communities ``target`` is credited to: ``source``'s (neutral, as
    entries.translations expects a neutral relation)."""
    communities = sorted(source.credited_communities.all(), key=lambda c: c.name)
    return [(community, ("pk",)) for community in communities]


class CreditedToCommunities(models.Model):
    """Knowledge credited to the communities it comes from: their community
    pages list it (through the access rule). The same in every translation."""

    credited_communities = ParentalManyToManyField(
        "protocols.Community",
        verbose_name=_("credited to communities"),
        blank=True,
        related_name="+",
    )

    neutral_relations = {"credited_communities": _same_credit}

    class Meta:
        abstract = True


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
