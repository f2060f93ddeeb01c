"""The few admin screens that ask neither the permission policies nor a hook
about the page they show: subclasses that ask ``protocols.access``, served at
Wagtail's own addresses (``admin_urls``, included before Wagtail's admin)."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F
from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.admin.auth import require_admin_access
from wagtail.admin.filters import PopularTagsFilter
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellationView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.images import get_image_model
from wagtail.images.views import images as image_views
from wagtail.images.views.chooser import ImageChooseResultsView, ImageChooseView
from wagtail.models import Page

from .access import can_view_page, shown_rows, visible_images, visible_pages


class VisibleConfirmWorkflowCancellationView(ConfirmWorkflowCancellationView):
    """Publishing over a review asks first; about a page the user may not see
    there is nothing to ask (a 404, as everywhere)."""

    def get_base_object_queryset(self):
        return visible_pages(self.request.user, super().get_base_object_queryset())


def last_edited_visible_page(user, content_type, language_code=None, site_root=None):
    """The page of this type ``user`` may see that was edited last."""
    pages = visible_pages(user, Page.objects.filter(content_type=content_type))
    if language_code:
        pages = pages.filter(locale__language_code=language_code)
    if site_root:
        pages = pages.filter(path__startswith=site_root)
    latest = F("latest_revision_created_at").desc(nulls_last=True)
    page = pages.order_by(latest, "title", "-pk").first()
    return page.specific if page else None


class VisiblePageTypesUsageReportView(PageTypesUsageReportView):
    """The page-types report names, for each type, the last edited page the
    user may see."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        user = self.request.user
        filters = self.filters.form.cleaned_data
        for item in page_types:
            page = item.last_edited_page
            if page and not can_view_page(user, page):
                item.last_edited_page = last_edited_visible_page(
                    user, item, filters.get("page_locale"), filters.get("site")
                )
        return page_types


def without_hidden_rows(user, page):
    """``page`` (in memory) with its inline rows as ``user`` may see them."""
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        setattr(page, name, shown_rows(user, getattr(page, name).all()))
    return page


class VisibleRevisionsCompareView(RevisionsCompareView):
    """Comparing two revisions of a page leaves out the rows that link to an
    item the user may not see (a companion, a gallery image)."""

    def _get_comparison(self, revision_a, revision_b):
        user = self.request.user
        return super()._get_comparison(
            without_hidden_rows(user, revision_a), without_hidden_rows(user, revision_b)
        )


def visible_popular_tags(user, count=10):
    """The tags most used on the images ``user`` may see: a tag is often the
    very word a hidden image is about."""
    model = get_image_model()
    images = visible_images(user, model.objects.all())
    return (
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(
                model
            ),
            taggit_taggeditem_items__object_id__in=images.values("pk"),
        )
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:count]
    )


class VisibleImagesFilterSet(image_views.ImagesFilterSet):
    """The image listing's filters, offering only the tags of images the
    user may see (the listing itself asks the image permission policy)."""

    def __init__(self, *args, request=None, is_searching=None, **kwargs):
        super().__init__(*args, request=request, is_searching=is_searching, **kwargs)
        self.filters.pop("tag", None)
        tags = visible_popular_tags(request.user)
        if tags:
            self.filters["tag"] = PopularTagsFilter(
                label=_("Tag"),
                field_name="tags__name",
                choices=[(tag.name, tag.name) for tag in tags],
                widget=forms.CheckboxSelectMultiple,
                use_subquery=is_searching,
                help_text=_("Filter by up to ten most popular tags."),
            )


class VisibleImagesIndexView(image_views.IndexView):
    filterset_class = VisibleImagesFilterSet


class VisibleTagsMixin:
    """The image chooser's popular tags, of images the user may see."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "popular_tags" in context:
            context["popular_tags"] = visible_popular_tags(self.request.user)
        return context


class VisibleTagsImageChooseView(VisibleTagsMixin, ImageChooseView):
    pass


class VisibleTagsImageChooseResultsView(VisibleTagsMixin, ImageChooseResultsView):
    pass


def _admin(view):
    # What Wagtail wraps each admin URL in.
    return never_cache(require_admin_access(view))


admin_urls = [
    path("images/", _admin(VisibleImagesIndexView.as_view())),
    path(
        "images/results/",
        _admin(VisibleImagesIndexView.as_view(results_only=True)),
    ),
    re_path(
        r"^pages/(?P<pk>\d+)/revisions/compare/"
        r"(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$",
        _admin(VisibleRevisionsCompareView.as_view()),
    ),
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/",
        _admin(VisibleConfirmWorkflowCancellationView.as_view()),
    ),
    path(
        "reports/page-types-usage/",
        _admin(VisiblePageTypesUsageReportView.as_view()),
    ),
    path(
        "reports/page-types-usage/results/",
        _admin(VisiblePageTypesUsageReportView.as_view(results_only=True)),
    ),
]
