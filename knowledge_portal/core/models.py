from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from knowledge_portal.protocols.access import visible_pages

from .text_status import TranslatedFieldsMixin


class HomePage(TranslatedFieldsMixin, Page):
    """The front door of one language: entrances to each section and search.

    There is one home page per locale, linked as translations; the site's root
    page is the Spanish one and Wagtail serves its translation under /qu/ and
    /jiv/.
    """

    translated_fields = ("intro",)

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = visible_pages(
            request.user, self.get_children().live().public().in_menu().specific()
        )
        return context


class SectionIndexPage(TranslatedFieldsMixin, Page):
    """Base for the entrance page of a section (Plants, Guides, Learning).

    Each section app subclasses it with its own child page types and listing.
    """

    translated_fields = ("intro",)

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["core.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = visible_pages(
            request.user, self.get_children().live().public().specific()
        )
        return context


class AbstractSource(Orderable):
    """A work an entry cites; names and texts refer to it by ``key``.

    Each app subclasses it with a ParentalKey to its page type.
    """

    key = models.SlugField(_("key"), max_length=80)
    citation = models.TextField(_("citation"))
    url = models.URLField(_("address"), blank=True)

    api_fields = [APIField("key"), APIField("citation"), APIField("url")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("source")


class LoadedEntry(models.Model):
    """What ``load_content`` last put into the site for one content file.

    ``digest`` fingerprints the file's data as loaded. When the site's pages
    no longer give that fingerprint, someone edited them since (in the admin,
    a moderator's correction, a review), and loading leaves them alone.
    """

    entry_type = models.CharField(max_length=40)
    slug = models.CharField(max_length=255)
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry_type", "slug"], name="unique_loaded_entry"
            )
        ]
        verbose_name = _("loaded content entry")

    def __str__(self):
        return f"{self.entry_type}:{self.slug}"
