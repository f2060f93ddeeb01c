"""Wagtail API v2 at /api/v2/: pages, images and documents.

The endpoints are Wagtail's own, narrowed to what the requesting user may see.
Their serializers apply the same rule to whatever one item shows of another:
Wagtail serializes a related page or image with the serializer of that item's
own endpoint, so a page or image the user may not see is ``null`` wherever it
is referenced, and an inline row pointing at one is left out.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import ChildRelationField, PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from knowledge_portal.protocols.access import (
    can_view,
    can_view_page,
    shown_rows,
    visible_images,
    visible_pages,
)


def _user(serializer):
    return serializer.context["request"].user


class ShownChildRelationField(ChildRelationField):
    """Inline rows, without those that point at a hidden item."""

    def to_representation(self, value):
        serializer = self.serializer_class(context=self.context)
        rows = shown_rows(self.context["request"].user, value.all())
        return [serializer.to_representation(row) for row in rows]


class ProtocolPageSerializer(PageSerializer):
    def to_representation(self, instance):
        if not can_view(_user(self), instance):
            return None
        return super().to_representation(instance)

    def build_relational_field(self, field_name, relation_info):
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if field_class is ChildRelationField:
            field_class = ShownChildRelationField
        return field_class, kwargs


class ProtocolImageSerializer(ImageSerializer):
    def to_representation(self, instance):
        if not can_view(_user(self), instance):
            return None
        return super().to_representation(instance)


class ProtocolPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = ProtocolPageSerializer

    def get_base_queryset(self):
        return visible_pages(self.request.user, super().get_base_queryset())

    def find_object(self, queryset, request):
        page = super().find_object(queryset, request)
        if page is not None and not can_view_page(request.user, page):
            return None
        return page


class ProtocolImagesAPIViewSet(ImagesAPIViewSet):
    base_serializer_class = ProtocolImageSerializer

    def get_queryset(self):
        return visible_images(self.request.user, super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ProtocolPagesAPIViewSet)
api_router.register_endpoint("images", ProtocolImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
