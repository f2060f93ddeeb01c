"""Admin form pieces for protocol fields: choices instead of raw JSON."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from knowledge_portal.core import formatting

from .labels import TKLabel
from .models import PROTOCOL_FIELDS, Community


def community_choices():
    return [(community.pk, community.name) for community in Community.objects.all()]


def month_choices():
    return list(enumerate(formatting.month_names(), start=1))


class ProtocolFormMixin:
    """Replace the JSON textareas of protocol fields with checkboxes."""

    def _add_protocol_fields(self):
        self.fields["access_communities"] = forms.TypedMultipleChoiceField(
            label=_("communities"),
            choices=community_choices,
            coerce=int,
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


def _hidden_ids(user, model):
    from .access import hidden_media_ids, hidden_page_ids, media_models

    if issubclass(model, Page):
        return hidden_page_ids(user)
    if model in media_models():
        return hidden_media_ids(user, model)
    return frozenset()


def keep_hidden_links(form, user):
    """Offer ``user`` only the pages, images and recordings she may see, and
    show the link already made to one she may not as a ``KeptHiddenItem``.

    A row about the hidden item (a photo and its caption) is kept unseen
    whole, unless its model names the link in ``optional_links`` (the rule of
    ``access.shown_row``)."""
    hidden_links = set()
    for field in form.instance._meta.concrete_fields:
        if not (field.many_to_one and field.name in form.fields):
            continue
        hidden = _hidden_ids(user, field.related_model)
        current = getattr(form.instance, field.attname)
        choice = form.fields[field.name]
        choice.queryset = choice.queryset.exclude(pk__in=hidden - {current})
        if current in hidden:
            choice.widget = KeptHiddenItem()
            hidden_links.add(field.name)
    if hidden_links - set(getattr(form.instance, "optional_links", ())):
        # Left out of the form, the row's other fields keep their values on
        # save (as fields an editor has no permission for do).
        for name in [*form.fields]:
            if name not in hidden_links and name not in ("DELETE", "ORDER", "id"):
                del form.fields[name]


def rows_for(user, form_class):
    """``form_class`` (the form of one inline row) as built for ``user``."""

    class RowForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            keep_hidden_links(self, user)

    return RowForm


class ProtectedPageForm(ProtocolFormMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_protocol_fields()
        if self.for_user:
            keep_hidden_links(self, self.for_user)
            for formset in self.formsets.values():
                # The rows, and the empty row new ones are copied from.
                formset.form = rows_for(self.for_user, formset.form)
                for form in formset.forms:
                    keep_hidden_links(form, self.for_user)


def protocol_panel():
    return MultiFieldPanel(
        [FieldPanel(name) for name in PROTOCOL_FIELDS],
        heading=_("Protocol: who may see it"),
    )
