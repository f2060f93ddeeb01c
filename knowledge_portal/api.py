"""Wagtail API v2 at /api/v2/: pages, images and documents.

The endpoints are Wagtail's own, narrowed to what the requesting user may see;
their ``?search=`` is the search page's search (``search.service``: the same
fallbacks, ranking, query limits and 503 when the backend fails), limited to
a rate per address (``core.ratelimits``).
Their serializers apply the same rule to whatever one item shows of another:
Wagtail serializes a related page or image with the serializer of that item's
own endpoint, so a page or image the user may not see is ``null`` wherever it
is referenced, and an inline row pointing at one is left out.
"""

from math import ceil

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, When
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import ChildRelationField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.search.backends.base import FilterFieldError

from knowledge_portal.core import ratelimits
from knowledge_portal.protocols.access import (
    can_view,
    can_view_page,
    shown_rows,
    visible_images,
    visible_pages,
)
from knowledge_portal.search.service import (
    OPERATORS,
    RETRY_AFTER,
    UNAVAILABLE,
    SearchUnavailable,
    check_query,
    clean_query,
    ranked_ids,
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


class ServiceSearchFilter(SearchFilter):
    """Wagtail's ``?search=`` and ``?search_operator=``, answered by the search
    service (``search.service.ranked_ids``): the search page's fallbacks (all
    words, any word, typos), ranking, limits (400) and failures (503), over
    the queryset the endpoint's other filters and access rule left. Up to
    ``MAX_RANKED_RESULTS`` best matches, best first unless ``?order=`` is
    given; the rest of the endpoint (``type``, ``fields``, ``limit``/``offset``,
    ``meta.total_count``) is Wagtail's own.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError(
                "filtering by tag with a search query is not supported"
            )
        query = clean_query(request.GET["search"])
        try:
            check_query(query)
        except ValidationError as error:
            raise BadRequestError(error.messages[0]) from error
        operator = request.GET.get("search_operator") or None
        if operator not in (None, *OPERATORS):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if not query:
            return queryset.none()
        try:
            ids, _fuzzy = ranked_ids(query, queryset, operator=operator)
        except FilterFieldError as error:
            raise BadRequestError(
                f"cannot filter by '{error.field_name}' while searching "
                "(field is not indexed)"
            ) from error
        results = queryset.filter(pk__in=ids)
        if not ids or "order" in request.GET:
            return results
        return results.order_by(
            Case(*(When(pk=pk, then=rank) for rank, pk in enumerate(ids)))
        )


class SearchRateThrottle(BaseThrottle):
    """DRF's throttling seam, counting with the site's rate limits."""

    def allow_request(self, request, view):
        if "search" not in request.GET:
            return True
        usage = ratelimits.api_search_usage(request)
        if usage is None:  # rate limits turned off
            return True
        self.time_left = usage["time_left"]
        return not usage["should_limit"]

    def wait(self):
        return max(self.time_left, 1)


class LimitedSearchMixin:
    throttle_classes = [SearchRateThrottle]

    def handle_exception(self, exc):
        # Worded like the endpoints' other errors: {"message": ...}.
        if isinstance(exc, Throttled):
            return Response(
                {"message": str(ratelimits.TOO_MANY_SEARCHES)},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(ceil(exc.wait))},
            )
        if isinstance(exc, SearchUnavailable):
            return Response(
                {"message": str(UNAVAILABLE)},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
                headers={"Retry-After": str(RETRY_AFTER)},
            )
        return super().handle_exception(exc)


def limited(filter_backends):
    return [
        ServiceSearchFilter if backend is SearchFilter else backend
        for backend in filter_backends
    ]


class ProtocolPagesAPIViewSet(LimitedSearchMixin, PagesAPIViewSet):
    base_serializer_class = ProtocolPageSerializer
    filter_backends = limited(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        return visible_pages(self.request.user, super().get_base_queryset())

    def find_object(self, queryset, request):
        page = super().find_object(queryset, request)
        if page is not None and not can_view_page(request.user, page):
            return None
        return page


class ProtocolImagesAPIViewSet(LimitedSearchMixin, ImagesAPIViewSet):
    filter_backends = limited(ImagesAPIViewSet.filter_backends)
    base_serializer_class = ProtocolImageSerializer

    def get_queryset(self):
        return visible_images(self.request.user, super().get_queryset())


class LimitedDocumentsAPIViewSet(LimitedSearchMixin, DocumentsAPIViewSet):
    filter_backends = limited(DocumentsAPIViewSet.filter_backends)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ProtocolPagesAPIViewSet)
api_router.register_endpoint("images", ProtocolImagesAPIViewSet)
api_router.register_endpoint("documents", LimitedDocumentsAPIViewSet)
