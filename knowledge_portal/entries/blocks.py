"""StreamField blocks shared by guides and lessons.

Every block that holds prose carries its own translation status, so a guide
can have some steps translated into Kichwa and others still in Spanish.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from knowledge_portal.core.text_status import TextStatus


class SourceBlock(blocks.CharBlock):
    """The key of the entry source a text comes from."""

    def __init__(self, **kwargs):
        # Not searched: a key, not words of the text (nor is the status).
        super().__init__(
            label=_("source key"),
            required=False,
            max_length=80,
            search_index=False,
            **kwargs,
        )


class StatusBlock(blocks.ChoiceBlock):
    def __init__(self, **kwargs):
        super().__init__(
            choices=TextStatus.choices,
            default=TextStatus.SOURCED,
            label=_("translation status"),
            search_index=False,
            **kwargs,
        )


class StepBlock(blocks.StructBlock):
    """One numbered step of a practical guide."""

    text = blocks.TextBlock(label=_("instruction"))
    minutes = blocks.IntegerBlock(
        label=_("time it takes (minutes)"), required=False, min_value=1
    )
    image = ImageChooserBlock(label=_("photo"), required=False)
    status = StatusBlock()
    source = SourceBlock()

    class Meta:
        icon = "list-ol"
        label = _("step")
        template = "core/blocks/step.html"


class NoteBlock(blocks.StructBlock):
    """A tip or a warning between the steps."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", _("tip")), ("warning", _("warning"))], default="tip"
    )
    text = blocks.TextBlock(label=_("text"))
    status = StatusBlock()
    source = SourceBlock()

    class Meta:
        icon = "warning"
        label = _("tip or warning")
        template = "core/blocks/note.html"


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=255)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)
    feedback = blocks.TextBlock(label=_("feedback"), required=False)
    status = StatusBlock()
    source = SourceBlock()
    feedback_status = StatusBlock(required=False)
    feedback_source = SourceBlock()


class QuestionBlock(blocks.StructBlock):
    """A multiple-choice self-check question with feedback per answer."""

    question = blocks.TextBlock(label=_("question"))
    answers = blocks.ListBlock(AnswerBlock(), min_num=2, label=_("answers"))
    status = StatusBlock()
    source = SourceBlock()

    class Meta:
        icon = "help"
        label = _("question")
