"""The form of a knowledge note: few fields, big choices, her language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge_portal.protocols.submissions.forms import ConsentForm

from .models import NoteKind


class NoteForm(ConsentForm):
    field_order = ["kind", "title", "text"]

    kind = forms.ChoiceField(
        label=_("What do you want to share?"),
        choices=NoteKind.choices,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("A title"),
        help_text=_("Needed when you only send a recording."),
        required=False,
        max_length=80,
    )
    text = forms.CharField(
        label=_("Tell it in your words"),
        help_text=_("Or send a voice recording below instead."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=10_000,
    )

    def clean(self):
        cleaned = super().clean()
        self.require_words_or_voice(
            cleaned, "text", _("Tell it in your words, or send a voice recording.")
        )
        voice_alone = cleaned.get("recording") and not cleaned.get("text")
        if voice_alone and not cleaned.get("title", "").strip():
            self.add_error("title", _("Give your recording a title."))
        return cleaned
