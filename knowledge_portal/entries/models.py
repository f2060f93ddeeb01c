"""What every section's pages share: the entrance page of a section and the
works an entry cites. Abstract: each domain app subclasses them."""

from django.apps import apps
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from knowledge_portal.core.text_status import TranslatedFieldsMixin
from knowledge_portal.protocols.access import visible_pages
from knowledge_portal.search.portable import PortableForms


class SectionIndexPage(PortableForms, TranslatedFieldsMixin, Page):
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


def sections_with_translation_status(pages):
    """``pages`` (plain ``Page`` rows of section pages) with each one's
    ``translation_status`` read in the same query, from its own table: the
    menu shows a section title awaiting translation marked as Spanish
    (``shown_title``) without a query per section type."""
    statuses = [
        models.F(f"{model._meta.model_name}__translation_status")
        for model in apps.get_models()
        if issubclass(model, SectionIndexPage)
    ]
    if len(statuses) == 1:
        statuses.append(models.Value(None))
    return pages.annotate(
        translation_status=Coalesce(*statuses, output_field=models.JSONField())
    )


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
