"""The one place that decides who may see what.

Every way out (page views, listings, search, autocomplete, suggestions, the
API, the sitemap, media files, public exports and the admin) asks these
functions. ``can_access`` is the rule; the rest apply it to pages, images and
files.
"""

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from .models import Access, ImageProtocol, ProtocolFields


def effective_access(protocol, today=None):
    """The access level in force today: outside its season, Restricted."""
    month = (today or timezone.localdate()).month
    if protocol.season_months and month not in protocol.season_months:
        return Access.RESTRICTED
    return protocol.access


def can_access(user, protocol, today=None):
    """May ``user`` see something under ``protocol``?"""
    if protocol is None:
        return True
    level = effective_access(protocol, today)
    if level == Access.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    groups, communities = _memberships(user)
    if protocol.access_group_id and protocol.access_group_id in groups:
        return True
    if level == Access.COMMUNITY:
        return bool(communities & set(protocol.access_communities))
    return False


def _memberships(user):
    """The user's group ids and community slugs, looked up once per user object
    (that is, once per request)."""
    cached = getattr(user, "_protocol_memberships", None)
    if cached is None:
        groups = set(user.groups.values_list("pk", flat=True))
        communities = set(user.communities.values_list("slug", flat=True))
        cached = (groups, communities)
        user._protocol_memberships = cached
    return cached


def protected_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ProtocolFields) and issubclass(model, Page)
    ]


def _once_per_user(name, compute):
    """Cache ``compute(user, today)`` on the user object, that is, for one
    request, and for one day (seasons change with the date)."""

    def cached(user, today=None):
        today = today or timezone.localdate()
        stored = getattr(user, name, None)
        if stored and stored[0] == today:
            return stored[1]
        value = compute(user, today)
        setattr(user, name, (today, value))
        return value

    cached.__doc__ = compute.__doc__
    return cached


def protected_rows(model):
    """The few rows of ``model`` under a protocol other than public.

    ``IN (true)`` rather than ``= true``: SQLite uses the index on ``protected``
    only for a comparison, and page ordering (by path) would make it scan.
    """
    return model.objects.filter(protected__in=[True]).order_by()


def _hidden_page_ids(user, today):
    """Ids of the pages ``user`` may not see, with everything beneath them."""
    hidden_paths = []
    for model in protected_page_models():
        for page in protected_rows(model).only(
            "path", "access", "access_communities", "access_group", "season_months"
        ):
            if not can_access(user, page, today):
                hidden_paths.append(page.path)
    if not hidden_paths:
        return frozenset()
    under_hidden = Q()
    for path in hidden_paths:
        under_hidden |= Q(path__startswith=path)
    return frozenset(Page.objects.filter(under_hidden).values_list("pk", flat=True))


hidden_page_ids = _once_per_user("_hidden_page_ids", _hidden_page_ids)


def visible_pages(user, queryset):
    """``queryset`` without the pages ``user`` may not see."""
    hidden = hidden_page_ids(user)
    return queryset.exclude(pk__in=hidden) if hidden else queryset


def can_view_page(user, page):
    return page.pk not in hidden_page_ids(user)


def _hidden_image_ids(user, today):
    """Ids of the images ``user`` may not see."""
    return frozenset(
        protocol.image_id
        for protocol in protected_rows(ImageProtocol)
        if not can_access(user, protocol, today)
    )


hidden_image_ids = _once_per_user("_hidden_image_ids", _hidden_image_ids)


def visible_images(user, queryset):
    hidden = hidden_image_ids(user)
    return queryset.exclude(pk__in=hidden) if hidden else queryset


def can_view_image(user, image):
    return image.pk not in hidden_image_ids(user)
