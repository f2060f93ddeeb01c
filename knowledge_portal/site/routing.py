"""Wagtail's routing of a URL to its page, remembered for everyone.

Wagtail finds the page of a URL by asking for the site, the active locale,
the home page in it and then each page down the path: five to nine queries,
the same for every visitor. ``Page.route_for_request`` keeps its answer in
``request._wagtail_route_for_request`` (and the site in
``request._wagtail_site``); this middleware fills both from the shared cache
(core/shared_cache.py) when the same path was routed before in the same
generation, with the page itself as the database had it, so finding a page
costs no query. The page's
own ``route()`` still runs (a lesson's quiz, a guide's print view), as do
every ``before_serve_page`` hook and Wagtail's view restrictions, so access
is decided per request exactly as before. Any change to a page, site or
locale makes a new generation, so a moved, renamed or unpublished page is
never routed from an old answer.
"""

from django.http import Http404
from django.utils import translation

from knowledge_portal.core import shared_cache

KIND = "route"


def _key(request):
    return shared_cache.key(
        KIND, request.get_host(), translation.get_language(), request.path_info
    )


def _remembered(request, key):
    found = shared_cache.cache().get(key)
    if found is None:
        return False
    site, page, remaining = found
    request._wagtail_site = site
    try:
        request._wagtail_route_for_request = page.route(request, remaining)
    except Http404:
        request._wagtail_route_for_request = None
    return True


def _remember(request, key):
    result = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if result is None or site is None:
        return
    served = result[0]
    components = [part for part in request.path_info.split("/") if part]
    # Wagtail routes the path after the language prefix, one slug per level
    # below the site's root page; what is left is the page's own.
    prefix = translation.get_language_from_path(request.path_info)
    if prefix and components and components[0] == prefix:
        components = components[1:]
    consumed = served.depth - site.root_page.depth
    if consumed < 0 or consumed > len(components):
        return
    # The page as the database has it, not as this request left it: the next
    # requests get a copy of it without a query.
    page = type(served).objects.filter(pk=served.pk).first()
    if page is None:
        return
    shared_cache.cache().set(
        key, (site, page, components[consumed:]), shared_cache.seconds()
    )


def _site_key(request):
    return shared_cache.key("site", request.get_host())


class RouteCacheMiddleware:
    """Inside LocaleMiddleware (the language is in the key). Views that are
    not Wagtail pages get the site from the shared cache too (a page link
    asks for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not shared_cache.enabled() or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        key = _key(request)
        known = _remembered(request, key)
        site_key = _site_key(request)
        if not known:
            site = shared_cache.cache().get(site_key)
            if site is not None:
                request._wagtail_site = site
        response = self.get_response(request)
        if not known and response.status_code == 200:
            _remember(request, key)
            site = getattr(request, "_wagtail_site", None)
            if site is not None:
                shared_cache.cache().set(site_key, site, shared_cache.seconds())
        return response
