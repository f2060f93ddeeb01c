"""Admin form pieces for protocol fields: choices instead of raw JSON."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

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


class KeptHiddenItem(forms.HiddenInput):
    """In place of a chooser whose item the editor may not see: a neutral
    label, and the item's id in a hidden input so that saving keeps the link."""

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<p class="help">{}</p>{}',
            _("A restricted item, kept as it is."),
            super().render(name, value, attrs, renderer),
        )


def hidden_in_admin(user, obj):
    """Whether the admin must not show ``obj`` to ``user``: a page she may
    not see (drafts are for editors to see), an image or a recording."""
    from .access import can_view, can_view_page

    if isinstance(obj, Page):
        return not can_view_page(user, obj)
    return not can_view(user, obj)


def linked_items(form):
    """(field name, linked object) of each link ``form`` edits."""
    for field in form.instance._meta.concrete_fields:
        linked = field.many_to_one and field.name in form.fields
        if linked and getattr(form.instance, field.attname) is not None:
            yield field.name, getattr(form.instance, field.name)


def keep_hidden_links(form, user):
    """Swap the chooser of each link to an item ``user`` may not see for a
    ``KeptHiddenItem``."""
    for name, obj in linked_items(form):
        if hidden_in_admin(user, obj):
            form.fields[name].widget = KeptHiddenItem()


class ProtectedPageForm(ProtocolFormMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_protocol_fields()
        if self.for_user:
            self._keep_hidden_links(self.for_user)

    def _keep_hidden_links(self, user):
        keep_hidden_links(self, user)
        for formset in self.formsets.values():
            for form in formset.forms:
                keep_hidden_links(form, user)


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
