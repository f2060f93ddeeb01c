"""The admin's doors to communities and recordings (snippet viewsets)."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from knowledge_portal.protocols.models import Community
from knowledge_portal.protocols.stewardship import (
    deletion_refused_message,
    protocols_naming,
)
from knowledge_portal.protocols.viewsets import RecordingViewSet


class CommunityViewSet(SnippetViewSet):
    model = Community
    icon = "group"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "slug"]
    search_fields = None
    panels = [FieldPanel("name"), FieldPanel("slug")]


def refuse_deleting_named_communities(request, instances):
    """The delete screens (one community, or several at once) say why they
    will not delete a community that protocols name, instead of failing on
    the model's own refusal (``protocols.stewardship``)."""
    for instance in instances:
        if isinstance(instance, Community):
            count = protocols_naming(instance)
            if count:
                messages.error(request, deletion_refused_message(count))
                return redirect("wagtailsnippets_protocols_community:edit", instance.pk)
    return None


__all__ = ["CommunityViewSet", "RecordingViewSet"]
