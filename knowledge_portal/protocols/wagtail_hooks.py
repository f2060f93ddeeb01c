"""Protocols at the doors Wagtail itself opens: page views and the admin."""

from django.http import Http404
from wagtail import hooks

from .access import can_view_page, visible_images, visible_pages


@hooks.register("before_serve_page")
def before_serve_page(page, request, serve_args, serve_kwargs):
    # A 404, not a 403, so the title of what is hidden is not revealed.
    if not can_view_page(request.user, page):
        raise Http404


@hooks.register("construct_explorer_page_queryset")
def construct_explorer_page_queryset(parent_page, pages, request):
    return visible_pages(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def construct_page_chooser_queryset(pages, request):
    return visible_pages(request.user, pages)


@hooks.register("before_edit_page")
def before_edit_page(request, page):
    if not can_view_page(request.user, page):
        raise Http404


@hooks.register("construct_image_chooser_queryset")
def construct_image_chooser_queryset(images, request):
    return visible_images(request.user, images)
