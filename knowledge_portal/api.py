"""Wagtail API v2 at /api/v2/: pages, images and documents.

The endpoints are Wagtail's own, narrowed to what the requesting user may see.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from knowledge_portal.protocols.access import (
    can_view_page,
    visible_images,
    visible_pages,
)


class ProtocolPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        return visible_pages(self.request.user, super().get_base_queryset())

    def find_object(self, queryset, request):
        page = super().find_object(queryset, request)
        if page is not None and not can_view_page(request.user, page):
            return None
        return page


class ProtocolImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return visible_images(self.request.user, super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ProtocolPagesAPIViewSet)
api_router.register_endpoint("images", ProtocolImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
