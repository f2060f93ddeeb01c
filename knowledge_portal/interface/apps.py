from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterfaceConfig(AppConfig):
    """The portal's interface in Kichwa and Shuar, written by the speakers:
    the language reviewers' screen, the strings it keeps in the database and
    the overlay that puts them into gettext's catalogs."""

    name = "knowledge_portal.interface"
    label = "interface"
    verbose_name = _("Interface strings")
