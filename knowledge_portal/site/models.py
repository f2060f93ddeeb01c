from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from knowledge_portal.core.text_status import TranslatedFieldsMixin
from knowledge_portal.protocols.access import visible_pages
from knowledge_portal.search.portable import PortableForms


class HomePage(PortableForms, TranslatedFieldsMixin, Page):
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
