"""The stewards' screen: a community's items with their protocol, and a form
per item to change it with a short reason (``protocols.stewardship``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.images import get_image_model
from wagtail.models import Page

from knowledge_portal.core import formatting
from knowledge_portal.protocols import stewardship
from knowledge_portal.protocols.access import can_view_media, can_view_page
from knowledge_portal.protocols.forms import ProtocolFormMixin
from knowledge_portal.protocols.labels import TKLabel
from knowledge_portal.protocols.membership import has_community_role
from knowledge_portal.protocols.models import Access, Community, Role


class ProtocolChangeForm(ProtocolFormMixin, forms.Form):
    access = forms.ChoiceField(
        label=_("who may see it"), choices=Access.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Why (a short reason, kept in the community's log)"),
        max_length=stewardship.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_protocol_fields()
        # The reason last, after what it explains.
        self.order_fields(
            ["access", "access_communities", "season_months", "tk_labels", "reason"]
        )


def kind_of(item):
    if isinstance(item, Page):
        return "page"
    if isinstance(item, get_image_model()):
        return "image"
    return "recording"


def _shown_title(user, item):
    """The item's title when the access rule lets the steward see it."""
    visible = (
        can_view_page(user, item)
        if isinstance(item, Page)
        else can_view_media(user, item)
    )
    return str(item.title or item) if visible else None


def _summary(values):
    names = dict(
        Community.objects.filter(pk__in=values["access_communities"]).values_list(
            "pk", "name"
        )
    )
    months = formatting.month_names()
    return {
        "access": Access(values["access"]).label,
        "communities": [
            names[key] for key in values["access_communities"] if key in names
        ],
        "months": [months[month - 1] for month in values["season_months"]],
        "labels": [
            TKLabel(code).label
            for code in values["tk_labels"]
            if code in TKLabel.values
        ],
    }


def _row(user, item, form=None):
    kind = kind_of(item)
    values = stewardship.protocol_values(stewardship.protocol_of(item))
    prefix = f"{kind}-{item.pk}"
    return {
        "kind": kind,
        "pk": item.pk,
        "anchor": prefix,
        "title": _shown_title(user, item),
        # A page's title may await translation (the shown_title filter).
        "page": item if kind == "page" else None,
        "url": item.url if kind == "page" and item.live else None,
        "protocol": _summary(values),
        "form": form or ProtocolChangeForm(initial=values, prefix=prefix),
    }


def _stewarded_community(request, slug):
    """The community, for its stewards only: a 404 for everyone else, its
    managers and the site's superusers included (they have the admin)."""
    community = get_object_or_404(Community, slug=slug)
    if not has_community_role(request.user, community, Role.STEWARD):
        raise Http404
    return community


def _render(request, community, failed=None):
    rows = []
    for item in stewardship.items_of(community, language=get_language()):
        form = failed[1] if failed and failed[0] == (kind_of(item), item.pk) else None
        rows.append(_row(request.user, item, form))
    return render(
        request,
        "communities/protocols.html",
        {"community": community, "rows": rows},
    )


@require_http_methods(["GET"])
def community_protocols(request, slug):
    return _render(request, _stewarded_community(request, slug))


@require_http_methods(["POST"])
def change_item_protocol(request, slug, kind, pk):
    community = _stewarded_community(request, slug)
    item = next(
        (
            item
            for item in stewardship.items_of(community)
            if (kind_of(item), item.pk) == (kind, pk)
        ),
        None,
    )
    if item is None:
        raise Http404
    form = ProtocolChangeForm(request.POST, prefix=f"{kind}-{pk}")
    if form.is_valid():
        values = {name: form.cleaned_data[name] for name in stewardship.STEWARD_FIELDS}
        try:
            stewardship.change_protocol(
                request.user, item, values, form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The protocol was changed."))
            url = reverse("community_protocols", args=[community.slug])
            return redirect(f"{url}#{kind}-{pk}")
    return _render(request, community, failed=((kind, pk), form))
