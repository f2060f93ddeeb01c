"""The forms of membership: joining with a code, asking to join, and what a
manager sets (roles, a code's life). The rules they lead to are in
``protocols.membership``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.accounts import AS_TYPED, NewAccountForm
from knowledge_portal.protocols import membership
from knowledge_portal.protocols.models import Role


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


class SignUpWithCodeForm(JoinWithCodeForm, NewAccountForm):
    """Create an account and join in one step: no e-mail needed."""

    field_order = ["code", "username", "password1", "password2", "language"]


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
