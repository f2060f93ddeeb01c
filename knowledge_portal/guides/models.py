from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from knowledge_portal.core.text_status import TranslatedFieldsMixin
from knowledge_portal.core.validators import validate_months
from knowledge_portal.entries.blocks import NoteBlock, StepBlock
from knowledge_portal.entries.models import AbstractSource, SectionIndexPage
from knowledge_portal.protocols.api import CreditedCommunitiesField
from knowledge_portal.protocols.forms import ProtectedPageForm, protocol_panel
from knowledge_portal.protocols.models import CreditedToCommunities, ProtocolFields
from knowledge_portal.search.portable import PortableForms


class GuideIndexPage(SectionIndexPage):
    """Entrance to the practical guides (grafting, bio-inputs...)."""

    template = "core/section_index_page.html"
    subpage_types = ["guides.GuidePage"]

    class Meta:
        verbose_name = _("guide index")


class Difficulty(models.TextChoices):
    EASY = "easy", _("easy")
    MEDIUM = "medium", _("takes practice")
    HARD = "hard", _("for experienced hands")


class GuidePage(
    PortableForms,
    RoutablePageMixin,
    ProtocolFields,
    CreditedToCommunities,
    TranslatedFieldsMixin,
    Page,
):
    """A practical how-to, such as grafting ancestral cacao, step by step.

    Steps carry their own translation status. The print view fits the guide on
    as few A4 pages as it can, for field schools without screens.
    """

    base_form_class = ProtectedPageForm
    settings_panels = Page.settings_panels + [protocol_panel()]

    #: A teacher can give guides to a class (learning reads this, as Wagtail
    #: reads ``search_fields``): the heading and place of their group in the
    #: assignment form.
    assignable_label = _("Guides")
    assignable_order = 20
    #: Its heading and place on the community pages of the communities it is
    #: credited to (communities reads these).
    credited_label = _("Guides")
    credited_order = 3

    translated_fields = ("summary", "materials")
    translated_streams = ("steps",)

    summary = models.TextField(_("summary"))
    materials = models.TextField(
        _("materials"), blank=True, help_text=_("One material or tool per line.")
    )
    steps = StreamField(
        [("step", StepBlock()), ("note", NoteBlock())],
        verbose_name=_("steps"),
        blank=True,
    )
    best_months = models.JSONField(
        _("best months"), default=list, blank=True, validators=[validate_months]
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=10, choices=Difficulty.choices
    )

    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("materials"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldPanel("difficulty"),
                FieldPanel("best_months"),
                InlinePanel("plants", label=_("Plants it applies to")),
                FieldPanel("credited_communities"),
            ],
            heading=_("When and for what"),
        ),
        InlinePanel("sources", label=_("Sources")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("materials"),
        index.SearchField("steps"),
        index.FilterField("difficulty"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("materials"),
        APIField("steps"),
        APIField("best_months"),
        APIField("difficulty"),
        APIField("translation_status"),
        APIField("plants"),
        APIField("credited_communities", serializer=CreditedCommunitiesField()),
        APIField("sources"),
    ]

    class Meta:
        verbose_name = _("guide")

    @property
    def material_list(self):
        return [line.strip() for line in self.materials.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from .context import guide_context

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_context(self, request.user))
        return context

    @path("")
    def guide(self, request):
        return self.render(request)

    @path("print/")
    def print_view(self, request):
        return self.render(request, template="guides/guide_page_print.html")


class GuidePlant(Orderable):
    """A plant profile the guide applies to; the profile links back."""

    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="plants")
    plant = models.ForeignKey(
        "plants.PlantProfilePage",
        verbose_name=_("plant"),
        on_delete=models.CASCADE,
        related_name="guide_links",
    )

    api_fields = [APIField("plant")]

    class Meta(Orderable.Meta):
        verbose_name = _("plant")


class GuideSource(AbstractSource):
    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="sources")
