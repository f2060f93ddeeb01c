from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.accounts import NAME_INPUT_ATTRS, NewAccountForm

from .models import SchoolClass


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


class JoinForm(NewAccountForm):
    """Sign up with a class code: no e-mail needed."""

    school_class = JoinCodeField()

    field_order = ["school_class", "username", "password1", "password2", "language"]


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
