"""What chakramamas contribute: knowledge notes (with photos and recordings),
and the record of each submission with its status."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page, WorkflowState
from wagtail.search import index

from knowledge_portal.protocols.api import CreditedCommunitiesField
from knowledge_portal.protocols.consent import ConsentFields
from knowledge_portal.protocols.forms import ProtectedPageForm, protocol_panel
from knowledge_portal.protocols.models import (
    CreditedToCommunities,
    ProtocolFields,
    Recording,
)
from knowledge_portal.search.portable import PortableForms

consent_panel = MultiFieldPanel(
    [
        FieldPanel("credit_as"),
        FieldPanel("credit_line"),
        FieldPanel("consent_community"),
        FieldPanel("commercial_use"),
        FieldPanel("consent_given_at", read_only=True),
    ],
    heading=_("Credit and consent"),
)


class NoteKind(models.TextChoices):
    USE = "use", _("A use")
    PRACTICE = "practice", _("A practice")
    STORY = "story", _("A story")
    RECIPE = "recipe", _("A recipe")


class KnowledgeNotePage(
    PortableForms, ProtocolFields, ConsentFields, CreditedToCommunities, Page
):
    """Something a chakramama knows about a plant: a use, a practice, a story
    or a recipe, in her words, with photos and her voice."""

    base_form_class = ProtectedPageForm
    #: Its heading and place on the community pages of the communities it is
    #: credited to (communities reads these).
    credited_label = _("What the chakramamas say")
    credited_order = 2

    kind = models.CharField(_("kind"), max_length=10, choices=NoteKind.choices)
    # Empty when she told it by voice alone (a recording with a title).
    text = models.TextField(_("text"), blank=True)

    parent_page_types = ["plants.PlantProfilePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("text"),
        InlinePanel("photos", label=_("Photos")),
        InlinePanel("recordings", label=_("Recordings")),
        consent_panel,
        FieldPanel("credited_communities"),
    ]
    settings_panels = Page.settings_panels + [protocol_panel()]
    search_fields = Page.search_fields + [index.SearchField("text")]
    api_fields = [
        APIField("kind"),
        APIField("text"),
        APIField("credit_line"),
        APIField("tk_labels"),
        APIField("credited_communities", serializer=CreditedCommunitiesField()),
        APIField("photos"),
    ]

    class Meta:
        verbose_name = _("knowledge note")

    def get_context(self, request, *args, **kwargs):
        # Only previews render this page (knowledge_note_page.html).
        from .notes import note_context

        context = super().get_context(request, *args, **kwargs)
        context["plant"] = self.get_parent().specific
        context["note"] = note_context(self, request.user)
        return context

    def serve(self, request, *args, **kwargs):
        # A note is read on its plant's page.
        from django.shortcuts import redirect

        return redirect(self.get_parent().get_url(request) + f"#note-{self.pk}")


class NotePhoto(Orderable):
    page = ParentalKey(
        KnowledgeNotePage, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("image")]
    api_fields = [APIField("image")]


class NoteRecording(Orderable):
    page = ParentalKey(
        KnowledgeNotePage, on_delete=models.CASCADE, related_name="recordings"
    )
    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="+")
    panels = [FieldPanel("recording")]


class ContributionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in-review", _("In review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned with a comment")


class Contribution(models.Model):
    """One submission, for the contributor's "My contributions" page."""

    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributions"
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.contributor}: {self.page}"

    def status(self):
        """Where the submission is, with the moderator's comment if returned."""
        page = self.page
        state = (
            WorkflowState.objects.for_instance(page)
            .order_by("-created_at")
            .select_related("current_task_state")
            .first()
        )
        if page.live and (state is None or state.status != state.STATUS_IN_PROGRESS):
            return ContributionStatus.PUBLISHED, ""
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            comment = (
                state.current_task_state.get_comment()
                if state.current_task_state
                else ""
            )
            return ContributionStatus.RETURNED, comment
        edited_by_others = page.revisions.exclude(user=self.contributor).exists()
        if edited_by_others:
            return ContributionStatus.IN_REVIEW, ""
        return ContributionStatus.RECEIVED, ""
