"""Contributions in the admin: the ledger of submissions, each only for
those who may see its page."""

from wagtail.snippets.models import register_snippet

from knowledge_portal.protocols.viewsets import (
    KeptSelectChooserViewSet,
    VisibleOnlySnippetViewSet,
    visible_by_page,
)

from .models import Contribution


class ContributionViewSet(VisibleOnlySnippetViewSet):
    model = Contribution
    icon = "form"
    add_to_admin_menu = False
    list_display = ["page", "contributor", "created_at"]
    inspect_view_enabled = True
    chooser_viewset_class = KeptSelectChooserViewSet
    panels = []

    def visible(self, user, queryset):
        return visible_by_page(user, queryset)


register_snippet(ContributionViewSet)
