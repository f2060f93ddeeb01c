"""The forms of membership: joining with a code, asking to join, and what a
manager sets (roles, a code's life). The rules they lead to are in
``protocols.membership``."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.languages import SITE_LANGUAGES
from knowledge_portal.protocols import membership
from knowledge_portal.protocols.models import Role

LANGUAGE_CHOICES = [(language.code, language.name_local) for language in SITE_LANGUAGES]

# A name or a code is typed as it is: phones must not capitalise or correct it.
AS_TYPED = {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}


class JoinCodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Join code"),
            max_length=20,
            help_text=_("The community's manager gives you this code, like K7QM-3XPA."),
            widget=forms.TextInput(attrs={**AS_TYPED, "autocapitalize": "characters"}),
            **kwargs,
        )


class JoinWithCodeForm(forms.Form):
    """A signed-in person joins with a code."""

    code = JoinCodeField()

    def clean_code(self):
        # Wrong, expired and revoked codes are refused before anything is made.
        self.invitation = membership.usable_invitation(self.cleaned_data["code"])
        return self.invitation.code


class SignUpWithCodeForm(JoinWithCodeForm):
    """Create an account and join in one step: no e-mail needed."""

    username = forms.CharField(
        label=_("Your name to sign in"),
        max_length=40,
        widget=forms.TextInput(attrs={**AS_TYPED, "autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user_model = get_user_model()
        field = user_model._meta.get_field(user_model.USERNAME_FIELD)
        for validator in field.validators:
            validator(username)
        if user_model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("This name is taken. Add a number or your community's name."),
                code="taken",
            )
        return username

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and password != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        elif password:
            user = get_user_model()(username=cleaned.get("username", ""))
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AskToJoinForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the community's managers (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who you are, and who in the community knows you."),
    )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "With no role, she is a member: she sees the community's knowledge."
        ),
    )


class JoinCodeLifeForm(forms.Form):
    days = forms.IntegerField(
        label=_("Works for how many days"),
        min_value=1,
        max_value=membership.JOIN_CODE_MAX_DAYS,
        initial=membership.JOIN_CODE_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
