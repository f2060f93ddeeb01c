"""The communities' public pages: who they are, what they grow and sell,
their public knowledge, and how to reach or join them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from knowledge_portal.core.text_status import TranslatedFieldsMixin
from knowledge_portal.entries.models import AbstractSource, SectionIndexPage
from knowledge_portal.search.portable import PortableForms


class CommunityIndexPage(SectionIndexPage):
    """Entrance to the communities and associations."""

    template = "core/section_index_page.html"
    subpage_types = ["communities.CommunityPage"]

    class Meta:
        verbose_name = _("community index")


class CommunityPage(PortableForms, TranslatedFieldsMixin, Page):
    """One community or association, one page per language.

    The community, its provinces and the year it was founded are the same on
    every translation; the prose is translated. It never names its members.
    """

    translated_fields = ("about", "produce", "contact")
    # Copied to the other translations when one is published
    # (entries.translations).
    neutral_fields = ("community_id", "provinces", "founded")

    community = models.ForeignKey(
        "protocols.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    about = models.TextField(_("who they are"))
    produce = models.TextField(_("what they grow and sell"), blank=True)
    contact = models.TextField(_("how to contact them"), blank=True)
    provinces = models.JSONField(_("provinces"), default=list, blank=True)
    founded = models.PositiveSmallIntegerField(
        _("founded (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text=_("Leave empty when the source does not say."),
    )

    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("community"),
        FieldPanel("about"),
        FieldPanel("produce"),
        FieldPanel("contact"),
        MultiFieldPanel(
            [FieldPanel("provinces"), FieldPanel("founded")],
            heading=_("Where and since when"),
        ),
        InlinePanel("sources", label=_("Sources")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("about", boost=2),
        index.SearchField("produce"),
        index.SearchField("provinces"),
    ]

    api_fields = [
        APIField("about"),
        APIField("produce"),
        APIField("contact"),
        APIField("provinces"),
        APIField("founded"),
        APIField("translation_status"),
        APIField("sources"),
    ]

    class Meta:
        verbose_name = _("community page")

    def get_context(self, request, *args, **kwargs):
        from .knowledge import community_knowledge

        context = super().get_context(request, *args, **kwargs)
        context.update(community_knowledge(self, request.user))
        context["source_list"] = list(self.sources.all())
        return context


class CommunitySource(AbstractSource):
    page = ParentalKey(CommunityPage, on_delete=models.CASCADE, related_name="sources")
