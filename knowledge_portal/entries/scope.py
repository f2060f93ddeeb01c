"""What a serialisation writes, decided in one place.

An entry names other entries (companions, a method's guide, a lesson's plants
and guides) and files (images, recordings), and holds notes. Entry types write
each of them only if ``scope.includes(item)``, so an export never names what it
leaves out, and what it writes loads back.
"""

from django.contrib.auth.models import AnonymousUser
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from knowledge_portal.protocols.access import can_view


class Everything:
    """Every item as the site holds it: what loading compares files with."""

    def includes(self, item):
        return item is not None

    def only_included(self, items):
        return [item for item in items if self.includes(item)]


class Published(Everything):
    """The full export (a backup): every published entry and every file.

    Only published pages are exported, so a link to an unpublished one is not
    written either.
    """

    def includes(self, item):
        if isinstance(item, Page):
            return item.live
        return super().includes(item)


class PublicOnly(Published):
    """What anyone may see, as the access rule says for an anonymous visitor.

    Seasonal knowledge is left out even in its season: a published file
    outlives the months its community opened it for.
    """

    def __init__(self):
        # One visitor for the whole export: the rule caches on the user.
        self.visitor = AnonymousUser()

    def includes(self, item):
        if not super().includes(item) or is_seasonal(item):
            return False
        # Pages, and images and recordings with the protocols of the pages
        # that use them.
        return can_view(self.visitor, item)


def is_seasonal(item):
    """Whether ``item`` is open only in some months."""
    if isinstance(item, Page):
        protocol = item.specific_deferred
    elif isinstance(item, AbstractImage):
        protocol = getattr(item, "protocol", None)
    else:
        protocol = item
    return bool(getattr(protocol, "season_months", None))


EVERYTHING = Everything()
