from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from knowledge_portal.core.languages import LANGUAGES
from knowledge_portal.core.text_status import NameStatus, TranslatedFieldsMixin
from knowledge_portal.core.validators import validate_months
from knowledge_portal.entries.models import AbstractSource, SectionIndexPage
from knowledge_portal.protocols.api import (
    CreditedCommunitiesField,
    VisibleToUserField,
    companions_for_api,
    gallery_for_api,
    recordings_for_api,
)
from knowledge_portal.protocols.consent import ConsentFields
from knowledge_portal.protocols.forms import protocol_panel
from knowledge_portal.protocols.models import (
    CreditedToCommunities,
    ProtocolFields,
    Recording,
)
from knowledge_portal.search.portable import PortableForms

from . import browsing
from .choices import Layer, LifeCycle, PropagationMethod, UseCategory
from .forms import NEEDED_TO_PUBLISH, PlantProfilePageForm
from .sync import NEUTRAL_FIELDS, NEUTRAL_RELATIONS
from .validators import validate_family, validate_scientific_name


class PlantIndexPage(SectionIndexPage):
    """Browse the plant profiles of one language: A–Z, filters, counts."""

    subpage_types = ["plants.PlantProfilePage"]

    class Meta:
        verbose_name = _("plant index")

    def get_context(self, request, *args, **kwargs):
        context = Page.get_context(self, request, *args, **kwargs)
        context.update(browsing.lazy_browse_plants(self, request))
        return context


class PlantProfilePage(
    PortableForms,
    ProtocolFields,
    ConsentFields,
    CreditedToCommunities,
    TranslatedFieldsMixin,
    Page,
):
    """What a chakramama knows about one plant, one page per language.

    Language-neutral fields (scientific name, layer, calendar, names, uses,
    links, images) are the same on the three translations of a profile; the
    prose fields are translated, each with its own status.
    """

    base_form_class = PlantProfilePageForm
    settings_panels = Page.settings_panels + [protocol_panel()]

    #: A teacher can give plant profiles to a class (learning reads this, as Wagtail
    #: reads ``search_fields``): the heading and place of their group in the
    #: assignment form.
    assignable_label = _("Plants")
    assignable_order = 30
    #: Its heading and place on the community pages of the communities it is
    #: credited to (communities reads these).
    credited_label = _("Plants")
    credited_order = 1

    translated_fields = ("summary", "description", "uses_text", "practices")
    neutral_fields = ProtocolFields.neutral_fields + NEUTRAL_FIELDS
    neutral_relations = NEUTRAL_RELATIONS | CreditedToCommunities.neutral_relations

    # Botany and summary may wait while a contributed draft is reviewed; they
    # are required to publish (see clean()).
    scientific_name = models.CharField(
        _("scientific name"),
        max_length=120,
        blank=True,
        validators=[validate_scientific_name],
        help_text=_("Genus and species, for example “Ilex guayusa”."),
    )
    family = models.CharField(
        _("botanical family"), max_length=60, blank=True, validators=[validate_family]
    )
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    uses_text = models.TextField(_("uses"), blank=True)
    practices = models.TextField(_("practices"), blank=True)
    layer = models.CharField(
        _("chakra layer"), max_length=20, choices=Layer.choices, blank=True
    )
    life_cycle = models.CharField(
        _("life cycle"), max_length=10, choices=LifeCycle.choices, blank=True
    )
    parts_used = models.JSONField(_("parts used"), default=list, blank=True)
    planting_months = models.JSONField(
        _("planting months"), default=list, blank=True, validators=[validate_months]
    )
    harvest_months = models.JSONField(
        _("harvest months"), default=list, blank=True, validators=[validate_months]
    )
    provinces = models.JSONField(_("provinces"), default=list, blank=True)
    contributors = models.JSONField(_("contributors"), default=list, blank=True)

    parent_page_types = ["plants.PlantIndexPage"]
    subpage_types = ["contributions.KnowledgeNotePage"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("scientific_name"), FieldPanel("family")],
            heading=_("Botany"),
        ),
        InlinePanel("names", label=_("Names"), heading=_("Names")),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("uses_text"),
        FieldPanel("practices"),
        MultiFieldPanel(
            [
                FieldPanel("layer"),
                FieldPanel("life_cycle"),
                InlinePanel("uses", label=_("Use categories")),
                InlinePanel("propagation_methods", label=_("Propagation")),
                InlinePanel("companions", label=_("Companion plants")),
                FieldPanel("credited_communities"),
            ],
            heading=_("In the chakra"),
        ),
        InlinePanel("gallery_images", label=_("Gallery")),
        InlinePanel("sources", label=_("Sources")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("scientific_name", boost=4),
        index.AutocompleteField("scientific_name"),
        index.SearchField("family"),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("uses_text"),
        index.SearchField("practices"),
        index.RelatedFields(
            "names",
            [
                index.SearchField("name", boost=5),
                index.AutocompleteField("name"),
                index.SearchField("variants", boost=3),
            ],
        ),
        index.FilterField("layer"),
        index.FilterField("life_cycle"),
    ]

    api_fields = [
        APIField("scientific_name"),
        APIField("family"),
        APIField("summary"),
        APIField("description"),
        APIField("uses_text"),
        APIField("practices"),
        APIField("translation_status"),
        APIField("layer"),
        APIField("life_cycle"),
        APIField("parts_used"),
        APIField("planting_months"),
        APIField("harvest_months"),
        APIField("provinces"),
        APIField("credited_communities", serializer=CreditedCommunitiesField()),
        APIField("contributors"),
        APIField("names"),
        APIField("uses"),
        APIField("propagation_methods"),
        APIField("companions", serializer=VisibleToUserField(companions_for_api)),
        APIField("sources"),
        APIField("gallery_images", serializer=VisibleToUserField(gallery_for_api)),
        APIField("recordings", serializer=VisibleToUserField(recordings_for_api)),
        APIField("credit_line"),
        APIField("tk_labels"),
    ]

    class Meta:
        verbose_name = _("plant profile")

    REQUIRED_TO_PUBLISH = (
        "scientific_name",
        "family",
        "summary",
        "layer",
        "life_cycle",
    )

    def missing_to_publish(self):
        return [name for name in self.REQUIRED_TO_PUBLISH if not getattr(self, name)]

    def clean(self):
        super().clean()
        if self.live and (missing := self.missing_to_publish()):
            raise ValidationError(dict.fromkeys(missing, NEEDED_TO_PUBLISH))

    def get_context(self, request, *args, **kwargs):
        from .profile import profile_context

        context = super().get_context(request, *args, **kwargs)
        context.update(profile_context(self, request))
        return context


class PlantName(Orderable):
    """A vernacular name in one language, with the spellings people use."""

    page = ParentalKey(PlantProfilePage, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    name = models.CharField(_("name"), max_length=100)
    variants = models.TextField(
        _("other spellings"),
        blank=True,
        help_text=_("Older or regional spellings, one per line."),
    )
    # Prose about the name (where it comes from, doubts about it): no fixed
    # length, which SQLite would not enforce but PostgreSQL would.
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=80, blank=True)
    status = models.CharField(
        _("review status"),
        max_length=20,
        choices=NameStatus.choices,
        default=NameStatus.AWAITING_REVIEW,
    )

    panels = [
        FieldPanel("language"),
        FieldPanel("name"),
        FieldPanel("variants"),
        FieldPanel("note"),
        FieldPanel("source"),
        FieldPanel("status"),
    ]
    api_fields = [
        APIField("language"),
        APIField("name"),
        APIField("variant_list"),
        APIField("source"),
        APIField("status"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vernacular name")

    def __str__(self):
        return self.name

    def get_search_language(self):
        """Names are analysed in their own language, whatever the page's."""
        return self.language

    @property
    def variant_list(self):
        return [line.strip() for line in self.variants.splitlines() if line.strip()]

    @property
    def awaiting_review(self):
        return self.status == NameStatus.AWAITING_REVIEW


class PlantUse(Orderable):
    page = ParentalKey(PlantProfilePage, on_delete=models.CASCADE, related_name="uses")
    category = models.CharField(
        _("use category"), max_length=20, choices=UseCategory.choices
    )

    api_fields = [APIField("category")]

    class Meta(Orderable.Meta):
        verbose_name = _("use category")


class PlantPropagation(Orderable):
    """A way to propagate the plant, linked to the guide that teaches it."""

    page = ParentalKey(
        PlantProfilePage, on_delete=models.CASCADE, related_name="propagation_methods"
    )
    method = models.CharField(
        _("method"), max_length=20, choices=PropagationMethod.choices
    )
    guide = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("guide"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The method is the plant's own knowledge; a guide hidden from the
    # visitor is left out of the row, not the method (protocols.access).
    optional_links = ("guide",)
    api_fields = [APIField("method"), APIField("guide")]

    class Meta(Orderable.Meta):
        verbose_name = _("propagation method")


class PlantCompanion(Orderable):
    """Grown together in the chakra; shown on both profiles."""

    page = ParentalKey(
        PlantProfilePage, on_delete=models.CASCADE, related_name="companions"
    )
    companion = models.ForeignKey(
        PlantProfilePage,
        verbose_name=_("companion plant"),
        on_delete=models.CASCADE,
        related_name="companion_of",
    )

    api_fields = [APIField("companion")]

    class Meta(Orderable.Meta):
        verbose_name = _("companion plant")


class PlantSource(AbstractSource):
    page = ParentalKey(
        PlantProfilePage, on_delete=models.CASCADE, related_name="sources"
    )


class PlantGalleryImage(Orderable):
    page = ParentalKey(
        PlantProfilePage, on_delete=models.CASCADE, related_name="gallery_images"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    caption_status = models.CharField(max_length=24, blank=True)
    credit = models.CharField(_("credit"), max_length=255)

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("credit")]
    api_fields = [
        APIField("image"),
        APIField(
            "thumbnail",
            serializer=ImageRenditionField("fill-480x360|format-webp", source="image"),
        ),
        APIField("caption"),
        APIField("credit"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")


class PlantRecording(Orderable):
    """A voice recording attached to a plant profile."""

    page = ParentalKey(
        PlantProfilePage, on_delete=models.CASCADE, related_name="recordings"
    )
    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="+")
    panels = [FieldPanel("recording")]

    class Meta(Orderable.Meta):
        # Made in the contributions app; its table kept its name.
        db_table = "contributions_plantrecording"
