"""How a contributor is credited and what she consented to, kept with the entry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CreditAs(models.TextChoices):
    NAME = "name", _("My name")
    COMMUNITY = "community", _("My community's name")
    ANONYMOUS = "anonymous", _("Nobody (anonymous)")


class ConsentFields(models.Model):
    credit_as = models.CharField(
        _("credit"), max_length=12, choices=CreditAs.choices, blank=True
    )
    credit_line = models.CharField(_("credited as"), max_length=200, blank=True)
    consent_community = models.CharField(
        _("community or association"), max_length=200, blank=True
    )
    commercial_use = models.BooleanField(_("may be used commercially"), default=False)
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)

    class Meta:
        abstract = True
