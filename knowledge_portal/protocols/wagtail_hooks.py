"""Protocols at the doors Wagtail itself opens: page views and the admin.

The admin is covered by the permission policies and page tester registered in
``permission_policies.py``; the hooks here are for the few screens that do not
ask them.
"""

from django.http import Http404
from django.shortcuts import get_list_or_404
from wagtail import hooks
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views.bulk_actions import (
    AddTagsBulkAction,
    AddToCollectionBulkAction,
)
from wagtail.images.views.bulk_actions import DeleteBulkAction as DeleteImagesAction
from wagtail.images.views.chooser import viewset as image_chooser_viewset
from wagtail.models import Page

from .access import can_view_page, hidden_page_ids, visible_images, visible_pages
from .admin_views import (
    VisibleTagsImageChooseResultsView,
    VisibleTagsImageChooseView,
)


@hooks.register("before_serve_page")
def before_serve_page(page, request, serve_args, serve_kwargs):
    # A 404, not a 403, so the title of what is hidden is not revealed.
    if not can_view_page(request.user, page):
        raise Http404


@hooks.register("construct_explorer_page_queryset")
def construct_explorer_page_queryset(parent_page, pages, request):
    # The explorer of a hidden page would show its title and its children.
    if not can_view_page(request.user, parent_page):
        raise Http404
    return visible_pages(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def construct_page_chooser_queryset(pages, request):
    # Browsing the children of a hidden page would show its title.
    parent_id = request.resolver_match.kwargs.get("parent_page_id")
    if parent_id and parent_id in hidden_page_ids(request.user):
        raise Http404
    return visible_pages(request.user, pages)


@hooks.register("construct_image_chooser_queryset")
def construct_image_chooser_queryset(images, request):
    return visible_images(request.user, images)


class VisibleImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return visible_images(self.request.user, super().get_queryset())


# After wagtail.images registers its own endpoint.
@hooks.register("construct_admin_api", order=1)
def construct_admin_api(router):
    router.register_endpoint("images", VisibleImagesAdminAPIViewSet)


def bulk_action_items(user, queryset):
    """The pages or images a bulk action may list and act on for ``user``."""
    if issubclass(queryset.model, Page):
        return visible_pages(user, queryset)
    return visible_images(user, queryset)


def _visible_only(action_class):
    """``action_class``, where what the user may not see does not exist: its
    confirmation screen does not even list it as out of reach."""

    class VisibleOnly(action_class):
        def get_queryset(self, model, object_ids):
            items = bulk_action_items(self.request.user, model._default_manager.all())
            return get_list_or_404(items, pk__in=object_ids)

    VisibleOnly.__name__ = VisibleOnly.__qualname__ = f"Visible{action_class.__name__}"
    return VisibleOnly


# After Wagtail's own: the registry keeps the last action of each type.
for _action in (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
    AddTagsBulkAction,
    AddToCollectionBulkAction,
    DeleteImagesAction,
):
    hooks.register("register_bulk_action", _visible_only(_action), order=1)


# The image chooser's views, with the popular tags of visible images only;
# set before Wagtail builds the chooser's URLs from its viewset.
image_chooser_viewset.choose_view_class = VisibleTagsImageChooseView
image_chooser_viewset.choose_results_view_class = VisibleTagsImageChooseResultsView
