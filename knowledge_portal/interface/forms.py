from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.languages import site_language

from .validation import length_limit


class StringForm(forms.Form):
    """Her text for one message (a field per plural form), how she is
    credited, and what she does: save it, mark it reviewed or confirm it."""

    SAVE, REVIEW, CONFIRM = "save", "review", "confirm"

    action = forms.ChoiceField(
        choices=[(SAVE, SAVE), (REVIEW, REVIEW), (CONFIRM, CONFIRM)],
        widget=forms.HiddenInput,
    )
    credit = forms.ChoiceField(label=_("Credit it to"))

    def __init__(self, *args, message, catalog, language, credits, texts, **kwargs):
        self.message = message
        super().__init__(*args, prefix=message.anchor, **kwargs)
        name = site_language(language).name_local
        limit = length_limit(message)
        numbers = catalog.form_numbers() if message.plural else [[]]
        for index, examples in enumerate(numbers):
            label = name
            if message.plural:
                label = _plural_label(examples)
            self.fields[f"text_{index}"] = forms.CharField(
                label=label,
                required=False,
                # The browser does not stop her at the limit: she is told,
                # and her text comes back to be shortened.
                widget=forms.Textarea(attrs={"rows": 2, "lang": language}),
                initial=texts[index] if index < len(texts) else "",
            )
        self.limit = limit
        self.fields["credit"].choices = [(c.value, c.label) for c in credits]
        if credits:
            self.fields["credit"].initial = credits[0].value
        self.order_fields([f"text_{index}" for index in range(len(numbers))])

    def text_fields(self):
        return [field for field in self if field.name.startswith("text_")]

    def texts(self):
        return [self.cleaned_data.get(field.name) or "" for field in self.text_fields()]


def _plural_label(examples):
    shown = ", ".join(str(n) for n in examples)
    if len(examples) > 1:
        shown += ", …"
    return _("For %(numbers)s") % {"numbers": shown}
