"""The forms of a plant profile: the admin one (what publishing needs, as
field errors) and the one a chakramama proposes a new plant with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.languages import LANGUAGE_CODES
from knowledge_portal.core.workflows import approval_publishes
from knowledge_portal.protocols.forms import ProtectedPageForm
from knowledge_portal.protocols.submissions.forms import ConsentForm

from .choices import UseCategory

NEEDED_TO_PUBLISH = _("This is needed before publishing.")


class PlantProfilePageForm(ProtectedPageForm):
    """Publishing or approving a draft that lacks its botany names the
    missing fields, instead of failing when the page is saved live."""

    def asks_to_publish(self):
        if self.data.get("action-publish"):
            return True
        return (
            bool(self.data.get("action-workflow-action"))
            and self.data.get("workflow-action-name") == "approve"
            and approval_publishes(self.instance)
        )

    def clean(self):
        cleaned = super().clean()
        if self.asks_to_publish():
            for name in self.instance.REQUIRED_TO_PUBLISH:
                if name in self.fields and not cleaned.get(name):
                    self.add_error(name, NEEDED_TO_PUBLISH)
        return cleaned


class PlantForm(ConsentForm):
    # One name field per site language (core.languages), each labelled for
    # the reader.
    field_order = ["name_es", "name_qu", "name_jiv", "uses", "uses_text", "practices"]

    name_es = forms.CharField(
        label=_("Name in Spanish"), required=False, max_length=100
    )
    name_qu = forms.CharField(label=_("Name in Kichwa"), required=False, max_length=100)
    name_jiv = forms.CharField(label=_("Name in Shuar"), required=False, max_length=100)
    uses = forms.MultipleChoiceField(
        label=_("What is it for?"),
        choices=UseCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    uses_text = forms.CharField(
        label=_("How is it used?"),
        help_text=_("Or send a voice recording below instead."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
    )
    practices = forms.CharField(
        label=_("How is it grown?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
    )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"name_{code}") for code in LANGUAGE_CODES):
            self.add_error(
                "name_es", _("Give the plant's name in at least one language.")
            )
        self.require_words_or_voice(
            cleaned,
            "uses_text",
            _("Tell how it is used, or send a voice recording."),
        )
        return cleaned
