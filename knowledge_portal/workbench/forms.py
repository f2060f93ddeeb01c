"""The workbench's forms: few fields, her language, nothing lost on an error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge_portal.protocols.submissions.forms import RecordingField

from . import editing


class CreditForm(forms.Form):
    """How her work is credited: her name or one of her communities."""

    credit = forms.ChoiceField(label=_("Credit"), widget=forms.RadioSelect, choices=())
    revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.language = language
        choices = editing.credit_choices(user, language)
        self.fields["credit"].choices = choices
        self.fields["credit"].initial = choices[0][0]

    def chosen_credit(self):
        return editing.credit_for(self.user, self.language, self.cleaned_data["credit"])


class TranslationForm(CreditForm):
    """Her text for one text of a page, or her voice, or both."""

    text = forms.CharField(
        label=_("Your text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    recording = RecordingField(
        label=_("Or record it: a voice recording"),
        required=False,
        help_text=_("m4a, aac, ogg, opus, mp3 or wav, up to 20 MB."),
    )
    reviewed = forms.BooleanField(
        label=_("I reviewed it: it is ready for readers"), required=False
    )
    field_order = ["text", "recording", "credit", "reviewed", "revision"]

    def __init__(self, *args, slot, **kwargs):
        super().__init__(*args, **kwargs)
        self.slot = slot
        text = self.fields["text"]
        text.widget.attrs.update({"lang": self.language, "maxlength": self.max_length})
        if slot.max_length and slot.max_length <= 255:
            text.widget = forms.TextInput(
                attrs={"lang": self.language, "maxlength": self.max_length}
            )

    @property
    def max_length(self):
        return min(
            self.slot.max_length or editing.MAX_TEXT_LENGTH, editing.MAX_TEXT_LENGTH
        )

    def clean_text(self):
        return editing.check_text(self.cleaned_data.get("text"), self.slot.max_length)

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("text") or cleaned.get("recording") or self.has_error("text")
        ) and not self.has_error("recording"):
            self.add_error("text", _("Write the text in your language, or record it."))
        return cleaned
