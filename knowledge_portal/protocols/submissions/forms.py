"""What every contribution form asks: her consent, who may see it, photos and
a recording. Few fields, big choices, her language."""

from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core import formatting, roles, uploads

from ..consent import CreditAs
from ..models import Access

MAX_PHOTOS = 3

NO_COMMUNITY_YET = _(
    "You are not in a community on this site yet, so you can share with "
    "everyone and be credited by your name. A moderator can add you to "
    "your community."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to three photos, each checked by what it contains."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("Send at most %(count)s photos at a time.") % {"count": MAX_PHOTOS}
            )
        cleaned = [super(PhotosField, self).clean(item, initial) for item in files]
        for item in cleaned:
            uploads.validate_image_upload(item)
        return cleaned


class RecordingField(forms.FileField):
    widget = forms.ClearableFileInput(attrs={"accept": "audio/*"})

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            uploaded.audio_kind = uploads.validate_audio_upload(uploaded)
        return uploaded


class ConsentForm(forms.Form):
    """How she is credited and who may see what she shares."""

    credit_as = forms.ChoiceField(
        label=_("How should we credit you?"),
        choices=CreditAs.choices,
        widget=forms.RadioSelect,
        initial=CreditAs.NAME,
    )
    community = forms.TypedChoiceField(
        label=_("Your community or association"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    access = forms.ChoiceField(
        label=_("Who may see it?"),
        choices=Access.choices,
        widget=forms.RadioSelect,
        initial=Access.PUBLIC,
    )
    access_group = forms.ModelChoiceField(
        label=_("Only this group"), queryset=Group.objects.none(), required=False
    )
    season_months = forms.TypedMultipleChoiceField(
        label=_("Only in these months (leave empty for all year)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commercial_use = forms.TypedChoiceField(
        label=_("May it be used to make money?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    consent = forms.BooleanField(
        label=_("I agree to share this as I chose above."), required=True
    )
    photos = PhotosField(
        label=_("Photos"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 10 MB each."),
    )
    recording = RecordingField(
        label=_("Voice recording"),
        required=False,
        help_text=_("m4a, aac, ogg, opus, mp3 or wav, up to 20 MB."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["season_months"].choices = list(
            enumerate(formatting.month_names(), start=1)
        )
        communities = [(c.pk, c.name) for c in user.communities.all()]
        if communities:
            self.fields["community"].choices = [("", "—"), *communities]
        else:
            self._offer_nothing_that_needs("community", Access.COMMUNITY)
            self._leave_out_choice("credit_as", CreditAs.COMMUNITY)
            self.fields["access"].help_text = NO_COMMUNITY_YET
        groups = user.groups.exclude(name__in=roles.ROLES)
        if groups.exists():
            self.fields["access_group"].queryset = groups
        else:
            self._offer_nothing_that_needs("access_group", Access.RESTRICTED)

    # Only choices she can complete are offered: an option that needs a
    # community (or group) she does not have would end in an error that she
    # could not answer.
    def _offer_nothing_that_needs(self, field_name, access):
        del self.fields[field_name]
        self._leave_out_choice("access", access)

    def _leave_out_choice(self, field_name, value):
        field = self.fields[field_name]
        field.choices = [choice for choice in field.choices if choice[0] != value]

    def require_words_or_voice(self, cleaned, text_field, message):
        """Text is optional when she sends a recording: she may tell it by
        voice alone."""
        words_or_voice = cleaned.get(text_field) or cleaned.get("recording")
        if not (words_or_voice or self.has_error("recording")):
            self.add_error(text_field, message)

    def clean(self):
        cleaned = super().clean()
        access = cleaned.get("access")
        if access == Access.COMMUNITY and not cleaned.get("community"):
            self.add_error(
                "community", _("Choose the community whose members may see it.")
            )
        if access == Access.RESTRICTED and not cleaned.get("access_group"):
            self.add_error("access_group", _("Choose the group that may see it."))
        if cleaned.get("credit_as") == CreditAs.COMMUNITY and not cleaned.get(
            "community"
        ):
            self.add_error("community", _("Choose your community to credit it."))
        return cleaned
