"""Admin form pieces for protocol fields: choices instead of raw JSON."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from knowledge_portal.core import formatting

from .labels import TKLabel
from .models import Community


def community_choices():
    return [(community.slug, community.name) for community in Community.objects.all()]


def month_choices():
    return list(enumerate(formatting.month_names(), start=1))


class ProtocolFormMixin:
    """Replace the JSON textareas of protocol fields with checkboxes."""

    def _add_protocol_fields(self):
        self.fields["access_communities"] = forms.MultipleChoiceField(
            label=_("communities"),
            choices=community_choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["season_months"] = forms.TypedMultipleChoiceField(
            label=_("open only in these months"),
            choices=month_choices,
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["tk_labels"] = forms.MultipleChoiceField(
            label=_("Traditional Knowledge labels"),
            choices=TKLabel.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )


class ProtectedPageForm(ProtocolFormMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_protocol_fields()


def protocol_panel():
    return MultiFieldPanel(
        [
            FieldPanel("access"),
            FieldPanel("access_communities"),
            FieldPanel("access_group"),
            FieldPanel("season_months"),
            FieldPanel("tk_labels"),
        ],
        heading=_("Protocol: who may see it"),
    )
