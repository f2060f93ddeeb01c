"""Making an account on a phone, without e-mail: the fields and checks every
sign-up form shares (joining a class, joining a community)."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from .languages import SITE_LANGUAGES

LANGUAGE_CHOICES = [(language.code, language.name_local) for language in SITE_LANGUAGES]

# A name or a code is typed as it is: phones must not capitalise or "correct"
# it (sign-in also ignores case, core.auth_backends).
AS_TYPED = {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}
NAME_INPUT_ATTRS = {**AS_TYPED, "autocomplete": "username"}


class NewAccountForm(forms.Form):
    """A name to sign in, a password twice and a language."""

    username = forms.CharField(
        label=_("Your name to sign in"),
        max_length=40,
        widget=forms.TextInput(attrs=NAME_INPUT_ATTRS),
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
