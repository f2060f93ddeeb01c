"""Communities and the protocol every entry, note, image and recording has."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.protected = self.access != Access.PUBLIC or bool(self.season_months)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "protected"}
        super().save(*args, **kwargs)

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
