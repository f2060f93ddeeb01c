from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.languages import SITE_LANGUAGES

from .models import SchoolClass

LANGUAGE_CHOICES = [(language.code, language.name_local) for language in SITE_LANGUAGES]

# A name to sign in is typed as it is: phones must not capitalise or
# "correct" it (sign-in also ignores case, core.auth_backends).
NAME_INPUT_ATTRS = {
    "autocapitalize": "none",
    "autocorrect": "off",
    "spellcheck": "false",
    "autocomplete": "username",
}


def keep_name_as_typed(field):
    field.widget.attrs.update(NAME_INPUT_ATTRS)


def normalise_code(value):
    return "".join(value.split()).upper()


class JoinCodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Class code"),
            max_length=20,
            help_text=_("Your teacher gives you this code."),
            **kwargs,
        )

    def clean(self, value):
        code = normalise_code(super().clean(value))
        school_class = SchoolClass.objects.filter(join_code=code).first()
        if school_class is None:
            raise forms.ValidationError(
                _("This code does not match any class. Check it with your teacher."),
                code="unknown_code",
            )
        return school_class


class JoinForm(forms.Form):
    """Sign up with a class code: no e-mail needed."""

    school_class = JoinCodeField()
    username = forms.CharField(
        label=_("Your name to sign in"),
        max_length=40,
        widget=forms.TextInput(attrs=NAME_INPUT_ATTRS),
    )
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user_model = get_user_model()
        username_field = user_model._meta.get_field(user_model.USERNAME_FIELD)
        for validator in username_field.validators:
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


class SignInForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_name_as_typed(self.fields["username"])


class JoinClassForm(forms.Form):
    school_class = JoinCodeField()


class ClassForm(forms.Form):
    school = forms.CharField(label=_("School"), max_length=200)
    name = forms.CharField(label=_("Class name"), max_length=120)


def due_date_field():
    return forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def note_field():
    return forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignmentForm(forms.Form):
    """Assign a page, chosen from a list grouped by kind (lessons, guides,
    plants) so that forty titles stay easy to scan on a phone."""

    page = forms.TypedChoiceField(label=_("Lesson, guide or plant"), coerce=int)
    due_date = due_date_field()
    note = note_field()

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = {page.pk: page for _kind, pages in groups for page in pages}
        self.fields["page"].choices = [("", "---------")] + [
            (kind, [(page.pk, page.title) for page in pages]) for kind, pages in groups
        ]

    def clean_page(self):
        return self.pages[self.cleaned_data["page"]]


class AssignmentChangeForm(forms.Form):
    """What a teacher may change in an assignment: its date and note."""

    due_date = due_date_field()
    note = note_field()
