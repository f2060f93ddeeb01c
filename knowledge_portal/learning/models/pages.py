"""Curricula as pages: course > module > lesson."""

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
from knowledge_portal.entries.blocks import QuestionBlock
from knowledge_portal.entries.models import AbstractSource, SectionIndexPage
from knowledge_portal.protocols.access import visible_pages
from knowledge_portal.protocols.api import CreditedCommunitiesField
from knowledge_portal.protocols.forms import ProtectedPageForm, protocol_panel
from knowledge_portal.protocols.models import CreditedToCommunities, ProtocolFields
from knowledge_portal.search.portable import PortableForms


class LearningIndexPage(SectionIndexPage):
    """Entrance to the agroecology-school curricula."""

    template = "core/section_index_page.html"
    subpage_types = ["learning.CoursePage"]

    class Meta:
        verbose_name = _("learning index")


class CoursePage(PortableForms, TranslatedFieldsMixin, Page):
    """A curriculum, such as an agroecology school's course, made of modules."""

    translated_fields = ("intro", "method")

    intro = models.TextField(_("introduction"))
    method = models.TextField(_("teaching method"), blank=True)

    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types = ["learning.ModulePage"]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("method"),
        InlinePanel("sources", label=_("Sources")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("method"), APIField("sources")]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from knowledge_portal.learning.services import module_progress

        context["modules"] = visible_pages(
            request.user, self.get_children().live().public().specific()
        )
        lessons = visible_pages(
            request.user, LessonPage.objects.descendant_of(self).live().public()
        )
        context["module_rows"] = module_progress(
            request.user, context["modules"], list(lessons)
        )
        return context


class ModulePage(PortableForms, TranslatedFieldsMixin, Page):
    """A module of a course: a theme taught over several lessons."""

    translated_fields = ("intro",)

    intro = models.TextField(_("introduction"))

    parent_page_types = ["learning.CoursePage"]
    subpage_types = ["learning.LessonPage"]

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from knowledge_portal.learning.services import finished_keys

        context["lessons"] = visible_pages(
            request.user,
            LessonPage.objects.child_of(self)
            .live()
            .public()
            .order_by("position", "path"),
        )
        context["finished_keys"] = finished_keys(request.user, context["lessons"])
        # Specific, so its title shows whether it awaits translation.
        context["parent"] = CoursePage.objects.parent_of(self).first()
        return context


class LessonPage(
    PortableForms,
    RoutablePageMixin,
    ProtocolFields,
    CreditedToCommunities,
    TranslatedFieldsMixin,
    Page,
):
    """A lesson a learner can follow on a phone, with an activity in the chakra
    and an optional self-check quiz that works with JavaScript off."""

    base_form_class = ProtectedPageForm
    settings_panels = Page.settings_panels + [protocol_panel()]

    #: A teacher can give lessons to a class (learning reads this, as Wagtail
    #: reads ``search_fields``): the heading and place of their group in the
    #: assignment form.
    assignable_label = _("Lessons")
    assignable_order = 10
    #: Its heading and place on the community pages of the communities it is
    #: credited to (communities reads these).
    credited_label = _("Lessons")
    credited_order = 4

    translated_fields = ("summary", "objectives", "body", "activity")
    translated_streams = ("quiz",)

    summary = models.TextField(_("summary"))
    objectives = models.TextField(
        _("objectives"), blank=True, help_text=_("One objective per line.")
    )
    body = models.TextField(_("lesson"))
    activity = models.TextField(_("activity in the chakra"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"))
    position = models.PositiveSmallIntegerField(_("position in the module"), default=1)
    quiz = StreamField(
        [("question", QuestionBlock())], verbose_name=_("self-check quiz"), blank=True
    )

    parent_page_types = ["learning.ModulePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("body"),
        FieldPanel("activity"),
        FieldPanel("estimated_minutes"),
        FieldPanel("position"),
        MultiFieldPanel(
            [
                InlinePanel("plants", label=_("Plants")),
                InlinePanel("guides", label=_("Guides")),
                FieldPanel("credited_communities"),
            ],
            heading=_("Linked plants and guides"),
        ),
        FieldPanel("quiz"),
        InlinePanel("sources", label=_("Sources")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("objectives"),
        index.SearchField("body"),
        index.SearchField("activity"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("objectives"),
        APIField("body"),
        APIField("activity"),
        APIField("estimated_minutes"),
        APIField("translation_status"),
        APIField("plants"),
        APIField("guides"),
        APIField("credited_communities", serializer=CreditedCommunitiesField()),
        APIField("sources"),
    ]

    class Meta:
        verbose_name = _("lesson")

    @property
    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    @property
    def questions(self):
        return [block for block in self.quiz if block.block_type == "question"]

    def get_context(self, request, *args, **kwargs):
        from knowledge_portal.learning.lesson import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(self, request))
        return context

    @path("")
    def lesson(self, request):
        from knowledge_portal.learning.lesson import handle_lesson_post, quiz_feedback

        if request.method == "POST":
            return handle_lesson_post(self, request)
        if request.GET.get("action") == "quiz":
            return quiz_feedback(self, request, request.GET)
        return self.render(request)


class LessonPlant(Orderable):
    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="plants")
    plant = models.ForeignKey(
        "plants.PlantProfilePage",
        verbose_name=_("plant"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    api_fields = [APIField("plant")]


class LessonGuide(Orderable):
    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="guides")
    guide = models.ForeignKey(
        "guides.GuidePage",
        verbose_name=_("guide"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    api_fields = [APIField("guide")]


class CourseSource(AbstractSource):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="sources")


class LessonSource(AbstractSource):
    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="sources")
