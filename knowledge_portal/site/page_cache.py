"""One shared copy of each public page as visitors who are not signed in get it.

An anonymous visitor is shown only what everyone may see (protocols.access), so
the page built for one anonymous visitor is right for every other. Everyone
else is never served from the cache, and nothing built for them is stored.

Served from and stored in the cache: GET (and HEAD) requests that carry no
cookie but the language and CSRF ones (so no session: not signed in) and no
Authorization header. Stored: their 200 responses that set no cookie (so hold
no CSRF token and start no session), are not marked private, no-store or
no-cache, and vary on nothing but Cookie and Accept-Language. The key is the
absolute URL with its query, the language and today's date (protocols with
seasons change with the date).

Django's own cache middleware does not fit: every page varies on Cookie (the
session is read to know the visitor), which puts the whole Cookie header in
its key; it stores responses that set cookies when the request had some; and
it hands browsers the server's timeout as their max-age.

Any change to what pages show clears the whole "pages" cache alias
(``clear_page_cache``), so that alias must be a cache of its own.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.encoding import iri_to_uri

from knowledge_portal.core import shared_cache
from knowledge_portal.core.catalog_overlay import interface_strings_changed

CACHE_ALIAS = "pages"
HEADER = "X-Page-Cache"
# Browsers and proxies cannot be told that a page changed; a minute bounds how
# stale a reload can be, while the server's copy is cleared on every change.
BROWSER_MAX_AGE = 60
# Cookies that cannot change a page this cache stores: the language one only
# matters for `/` (a redirect, never stored) and URLs without a language prefix
# (the language is in the key); a page that uses the CSRF one sets it again,
# and a response that sets a cookie is not stored.
HARMLESS_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
# The language is in the key, and who is asking decided whether to use the
# cache at all; any other Vary would need its value in the key.
KEYED_VARY = {"cookie", "accept-language"}


def page_cache_seconds():
    return settings.PAGE_CACHE_SECONDS


def is_anonymous_read(request):
    """May this request be served from, and its response stored in, the cache?"""
    return (
        request.method in ("GET", "HEAD")
        and request.COOKIES.keys() <= HARMLESS_COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def can_store(request, response):
    """Is this response the same for every anonymous visitor?"""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {
        header.strip().lower()
        for header in cc_delim_re.split(response.get("Vary", ""))
        if header.strip()
    }
    if not vary <= KEYED_VARY:
        return False
    user = getattr(request, "user", None)
    return not (user and user.is_authenticated)


def cache_key(request):
    language = translation.get_language_from_request(request, check_path=True)
    url = iri_to_uri(request.build_absolute_uri())
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page:{language}:{timezone.localdate().isoformat()}:{digest}"


class PageCacheMiddleware:
    """Serve and store anonymous visitors' pages; mark everyone else's private.

    It sits inside RememberLanguageMiddleware, which sets the language cookie
    per request (on cached pages too) after this has stored the response, and
    outside the session, CSRF and message middleware, so the cookies they set
    keep a response out of the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = page_cache_seconds()
        if not seconds:
            return self.get_response(request)
        if not is_anonymous_read(request):
            return private(self.get_response(request))
        cache = caches[CACHE_ALIAS]
        key = cache_key(request)
        response = cache.get(key)
        if response is not None:
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if not can_store(request, response):
            return private(response)
        patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
        cache.set(key, response, seconds)
        response[HEADER] = "miss"
        return response


def private(response):
    """No shared cache may keep a response the view did not say it may."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_store=True)
    return response


def clear_page_cache(**kwargs):
    """Forget every stored page, now and once the current transaction commits.

    Clearing only now would let a request that reads the database before the
    commit store the old page again; clearing only at the commit would leave
    the old page to requests in this same transaction (and to tests, whose
    transactions never commit).
    """
    caches[CACHE_ALIAS].clear()
    transaction.on_commit(caches[CACHE_ALIAS].clear)
    # What signed-in visitors share goes with it (a deploy's new templates).
    shared_cache.new_generation()


def new_shared_generation(raw=False, **kwargs):
    """Anything saved or deleted that a page, a route or the hidden pages
    may read: drafts and new uploads included (a draft with a protocol is
    among the hidden pages), unlike the page cache."""
    if not raw:
        shared_cache.new_generation()


def clear_for_live_page(instance, raw=False, **kwargs):
    """A draft (a new contribution, say) is on no public page: keep the cache.

    Raw saves (a restore loading rows) are skipped: the restore clears every
    cache when it is done.
    """
    if instance.live and not raw:
        clear_page_cache()


def clear_unless_created(created, raw=False, **kwargs):
    """A new photo or recording appears only once a page using it is published."""
    if not created and not raw:
        clear_page_cache()


def clear_for_shown_image(instance, created, raw=False, **kwargs):
    """A new upload's protocol (a contribution's photo) hides nothing that a
    page shows yet; a protocol put on an image in use does."""
    from wagtail.models import ReferenceIndex

    if raw:
        return
    if not created or ReferenceIndex.get_references_to(instance.image).exists():
        clear_page_cache()


def connect_invalidation():
    """Clear the cache whenever something pages show changes.

    Every save of a live page (publishing, a translation, a loaded content
    file, a protocol edited on the page), unpublishing, moving and deleting;
    every change to an existing image or recording, every image protocol,
    community, site and locale, and every interface string written in the
    portal. Drafts and newly uploaded files leave the
    cache alone, so contributions do not empty it. Community memberships are
    left out: they change only what signed-in visitors see, and those are
    never served from this cache.

    The shared cache of signed-in visitors' fragments, routes and hidden
    pages (core/shared_cache.py) gets a new generation on all of these and
    on drafts and new uploads too. Memberships need none: its keys carry
    what the viewer's protocols allow.
    """
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_unpublished, post_page_move

    from knowledge_portal.protocols.models import Community, ImageProtocol, Recording

    pages = [model for model in apps.get_models() if issubclass(model, Page)]
    files = [get_image_model(), Recording]
    others = [ImageProtocol, Community, Site, Locale]
    for model in pages + files + others:
        uid = f"page_cache:{model._meta.label}"
        if model in pages:
            handler = clear_for_live_page
        elif model in files:
            handler = clear_unless_created
        elif model is ImageProtocol:
            handler = clear_for_shown_image
        else:
            handler = clear_page_cache
        post_save.connect(handler, sender=model, dispatch_uid=uid)
        post_delete.connect(clear_page_cache, sender=model, dispatch_uid=uid)
    for model in pages + files + others + [PageViewRestriction]:
        uid = f"shared_cache:{model._meta.label}"
        post_save.connect(new_shared_generation, sender=model, dispatch_uid=uid)
        post_delete.connect(new_shared_generation, sender=model, dispatch_uid=uid)
    page_unpublished.connect(clear_page_cache, dispatch_uid="page_cache:unpublish")
    post_page_move.connect(clear_page_cache, dispatch_uid="page_cache:move")
    # Interface strings written by the speakers in the portal.
    interface_strings_changed.connect(
        clear_page_cache, dispatch_uid="page_cache:interface_strings"
    )
