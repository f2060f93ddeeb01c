"""The one place that decides who may see what.

Every way out (page views, listings, search, autocomplete, suggestions, the
API, the sitemap, media files, public exports and the admin) asks these
functions. ``can_access`` is the rule; the rest apply it to pages, images and
files.
"""

import calendar
import datetime
from collections import namedtuple

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from knowledge_portal.core import shared_cache

from .models import PROTOCOL_FIELDS, Access, ImageProtocol, ProtocolFields


def effective_access(protocol, today=None):
    """The access level in force today: outside its season, Restricted."""
    month = (today or timezone.localdate()).month
    if protocol.season_months and month not in protocol.season_months:
        return Access.RESTRICTED
    return protocol.access


def season_closes(protocol, today=None):
    """The last day ``protocol``'s season stays open from ``today`` on: the
    end of the run of open months that holds today. None when it has no
    season, is open every month, or is closed today."""
    months = set(protocol.season_months or ())
    today = today or timezone.localdate()
    if not months or len(months) >= 12 or today.month not in months:
        return None
    year, month = today.year, today.month
    while month % 12 + 1 in months:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


class EveryoneOf(AnonymousUser):
    """A viewer who sees only what every one of ``users`` may see: what an
    offline pack for a class may hold (a ZIP keeps no secret, so the rule is
    applied when it is built). Anything else that asks sees an anonymous
    visitor: no drafts, no forms of a signed-in member. With nobody, it is an
    anonymous visitor."""

    def __init__(self, users):
        super().__init__()
        self.users = tuple(users)


def can_access(user, protocol, today=None):
    """May ``user`` see something under ``protocol``?"""
    if protocol is None:
        return True
    if isinstance(user, EveryoneOf) and user.users:
        return all(can_access(each, protocol, today) for each in user.users)
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


#: Who is asking, as far as the rule (and the header's account links) reads
#: her: her groups' ids and names, and her roles in each of her communities.
Viewer = namedtuple("Viewer", "group_ids group_names roles")


def viewer(user):
    """``user``'s groups and memberships, read once per user object (that is,
    once per request): two queries, shared by the rule, the shared-cache key
    and the header."""
    cached = getattr(user, "_protocol_viewer", None)
    if cached is None:
        groups = dict(user.groups.values_list("pk", "name"))
        cached = Viewer(
            frozenset(groups),
            frozenset(groups.values()),
            dict(user.community_memberships.values_list("community_id", "roles")),
        )
        user._protocol_viewer = cached
    return cached


def _memberships(user):
    """The user's group ids and community keys."""
    found = viewer(user)
    return found.group_ids, set(found.roles)


def access_key(user, today=None):
    """Everything about ``user`` that ``can_access`` reads, as a string: two
    people with the same key are allowed exactly the same by every protocol
    (on the same day), so what is built for one may be shown to the other.
    Never the person: "public" for everyone not signed in, otherwise her
    groups and communities (and whether she is a superuser); for
    ``EveryoneOf``, the keys of each of them."""
    if isinstance(user, EveryoneOf) and user.users:
        return "all({})".format(
            ";".join(sorted(access_key(each) for each in user.users))
        )
    if not user.is_authenticated:
        return "public"
    if user.is_superuser:
        return "superuser"
    group_ids, communities = _memberships(user)
    return "g{}:c{}".format(
        ",".join(map(str, sorted(group_ids))), ",".join(map(str, sorted(communities)))
    )


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


#: What the rule reads of a protocol (its TK labels decide nothing).
RULE_FIELDS = ("access", "access_group_id", "access_communities", "season_months")


class _Protocol:
    """One distinct protocol, as ``can_access`` reads it."""

    def __init__(self, access, access_group_id, access_communities, season_months):
        self.access = access
        self.access_group_id = access_group_id
        self.access_communities = access_communities or []
        self.season_months = season_months or []

    def as_q(self):
        return Q(
            access=self.access,
            access_group_id=self.access_group_id,
            access_communities=self.access_communities,
            season_months=self.season_months,
        )


def _distinct_protocols(model):
    """The distinct protocols of ``model``'s protected rows: the same for
    everyone, so kept in the shared cache (any change to a page makes new
    keys)."""
    return shared_cache.get_or_compute(
        "protocols",
        [model._meta.label],
        lambda: list(protected_rows(model).values_list(*RULE_FIELDS).distinct()),
    )


def _hidden_roots(user, today):
    """``[(model, rows)]``: per protected page model, a queryset of its rows
    hidden from ``user`` (never evaluated here).

    The rule is asked once per *distinct* protocol, not once per row: with
    thousands of restricted entries there are still only a few protocols
    (who may see, which communities, which months). The rows hidden are then
    every protected row except those under a protocol she may see, so a row
    the match would miss stays hidden.
    """
    roots = []
    for model in protected_page_models():
        allowed, hidden = Q(), False
        for values in _distinct_protocols(model):
            protocol = _Protocol(*values)
            if can_access(user, protocol, today):
                allowed |= protocol.as_q()
            else:
                hidden = True
        if hidden:
            rows = protected_rows(model)
            roots.append((model, rows.exclude(allowed) if allowed else rows))
    return roots


_hidden_roots_of = _once_per_user("_hidden_roots", _hidden_roots)


def _hidden_parents(user, today):
    """Paths of the hidden protected pages that have pages beneath them (a
    restricted plant's notes, a restricted course's lessons): usually few."""
    return [
        path
        for model, rows in _hidden_roots_of(user, today)
        for path in rows.filter(numchild__gt=0).values_list("path", flat=True)
    ]


_hidden_parents_of = _once_per_user("_hidden_parents", _hidden_parents)


def _beneath(paths):
    """Pages strictly beneath any of ``paths``, as ranges of the path index
    (treebeard's alphabet sorts below ``~``)."""
    under = Q()
    for path in paths:
        under |= Q(path__gt=path, path__lt=path + "~")
    return under


def _hidden_page_ids(user, today):
    """Ids of the pages ``user`` may not see, with everything beneath them."""
    hidden = set()
    for _model, rows in _hidden_roots_of(user, today):
        hidden.update(rows.values_list("pk", flat=True))
    parents = _hidden_parents_of(user, today)
    if parents:
        hidden.update(
            Page.objects.filter(_beneath(parents)).values_list("pk", flat=True)
        )
    return frozenset(hidden)


def _shared_hidden_page_ids(user, today):
    """``_hidden_page_ids``, kept in the shared cache for everyone with the
    same ``access_key``: it reads nothing else of the user."""
    return shared_cache.get_or_compute(
        "hidden-pages",
        [access_key(user, today), today.isoformat()],
        lambda: _hidden_page_ids(user, today),
    )


hidden_page_ids = _once_per_user("_hidden_page_ids", _shared_hidden_page_ids)


def visible_pages(user, queryset):
    """``queryset`` without the pages ``user`` may not see.

    The hidden pages are left out by subqueries over the protected rows
    (and path ranges for the few with pages beneath them), not by a list of
    their ids: the SQL is the same size whether a hundred or ten thousand
    entries are restricted.
    """
    today = timezone.localdate()
    for _model, rows in _hidden_roots_of(user, today):
        queryset = queryset.exclude(pk__in=rows.values("pk"))
    parents = _hidden_parents_of(user, today)
    if parents:
        queryset = queryset.exclude(_beneath(parents))
    return queryset


def can_view_page(user, page):
    return page.pk not in hidden_page_ids(user)


def open_until(obj, today=None):
    """The day the seasons that let ``obj`` be seen today close, or None
    when no season bounds it: its own protocol's and those of the protected
    pages above it (for a page), of the pages that use it (for an image or a
    recording), as the rule above hides them. An offline copy is good until
    then."""
    today = today or timezone.localdate()
    protocols = []
    if isinstance(obj, Page):
        paths = [obj.path]
    else:
        model = type(obj)
        if model is get_image_model():
            protocols += ImageProtocol.objects.filter(image=obj)
        elif isinstance(obj, ProtocolFields):
            protocols.append(obj)
        users = _page_references_to(model).filter(to_object_id=str(obj.pk))
        paths = list(
            Page.objects.filter(
                pk__in=[int(pk) for pk in users.values_list("object_id", flat=True)]
            ).values_list("path", flat=True)
        )
    for page_model in protected_page_models():
        for row in protected_rows(page_model).only("path", *PROTOCOL_FIELDS):
            if any(path.startswith(row.path) for path in paths):
                protocols.append(row)
    closing = [season_closes(protocol, today) for protocol in protocols]
    return min((day for day in closing if day), default=None)


# Images and recordings: their own protocol, and the protocol of every page
# that uses them. Which page uses which file is Wagtail's reference index, so a
# new relation (a gallery, a StreamField block, an inline row) is covered
# without anyone listing it here.


def media_models():
    """The models of files that carry knowledge: images and recordings."""
    return [
        get_image_model(),
        *(
            model
            for model in apps.get_models()
            if issubclass(model, ProtocolFields)
            and not issubclass(model, Page)
            and model is not ImageProtocol
        ),
    ]


def _uploader_field(model):
    return "uploaded_by_user" if model is get_image_model() else "uploaded_by"


def _own_protocol_hidden(user, model, today):
    if model is get_image_model():
        rows = protected_rows(ImageProtocol)
        return {row.image_id for row in rows if not can_access(user, row, today)}
    return {row.pk for row in protected_rows(model) if not can_access(user, row, today)}


def _page_references_to(model):
    """Rows of Wagtail's reference index: pages referring to ``model`` rows."""
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ReferenceIndex._get_base_content_type(model),
    )


def _referenced(references, model):
    # The index keeps ids as text; compare them as the model's keys.
    return references.annotate(
        target=Cast("to_object_id", output_field=BigIntegerField())
    ).values("target")


def may_see_drafts_of(user):
    """Moderators see what awaits their review (within what the protocols
    allow them); everyone else only what is published."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def _used_by_hidden_pages(user, model, references, today):
    """Rows used by a page hidden from ``user``: the most restrictive use
    wins."""
    hidden_pages = hidden_page_ids(user, today)
    if not hidden_pages:
        return set()
    return {
        int(key)
        for key in references.filter(
            object_id__in=[str(pk) for pk in hidden_pages]
        ).values_list("to_object_id", flat=True)
    }


def _unpublished(user, model, references):
    """Rows no live page uses (a contribution awaiting moderation), unless
    ``user`` uploaded them or moderates."""
    if may_see_drafts_of(user):
        return set()
    live_pages = (
        Page.objects.filter(live=True)
        .annotate(key=Cast("pk", output_field=CharField()))
        .values("key")
    )
    rows = model.objects.exclude(
        pk__in=_referenced(references.filter(object_id__in=live_pages), model)
    )
    if user.is_authenticated:
        rows = rows.exclude(**{_uploader_field(model): user})
    return set(rows.values_list("pk", flat=True))


def _hidden_media_ids(user, model, today):
    """Ids of ``model`` rows (images, recordings) ``user`` may not see."""
    references = _page_references_to(model)
    return frozenset(
        _own_protocol_hidden(user, model, today)
        | _used_by_hidden_pages(user, model, references, today)
        | _unpublished(user, model, references)
    )


def hidden_media_ids(user, model, today=None):
    """``_hidden_media_ids``, computed once per request and model."""
    today = today or timezone.localdate()
    stored = getattr(user, "_hidden_media", None)
    if stored is None or stored[0] != today:
        stored = (today, {})
        user._hidden_media = stored
    key = model._meta.label
    if key not in stored[1]:
        stored[1][key] = _hidden_media_ids(user, model, today)
    return stored[1][key]


def hidden_image_ids(user, today=None):
    return hidden_media_ids(user, get_image_model(), today)


def visible_images(user, queryset):
    hidden = hidden_image_ids(user)
    return queryset.exclude(pk__in=hidden) if hidden else queryset


def can_view_image(user, image):
    return image.pk not in hidden_image_ids(user)


def can_view_media(user, obj):
    """May ``user`` see this image or recording?"""
    return obj.pk not in hidden_media_ids(user, type(obj))


def can_show_page(user, page):
    """May a link to ``page`` (its title, its URL) be shown to ``user``?
    Only live pages the rule lets her see."""
    return page.live and can_view_page(user, page)


def can_view(user, obj):
    """The rule for anything one item shows of another: pages, images,
    recordings; other objects carry no protocol of their own."""
    if obj is None:
        return True
    if isinstance(obj, Page):
        return can_show_page(user, obj)
    if isinstance(obj, tuple(media_models())):
        return can_view_media(user, obj)
    return True


def _is_hidden_link(user, row, field, media):
    if getattr(row, field.attname) is None:
        return False
    if issubclass(field.related_model, Page):
        return not can_show_page(user, getattr(row, field.name))
    if field.related_model in media:
        hidden = hidden_media_ids(user, field.related_model)
        return getattr(row, field.attname) in hidden
    return False


def shown_row(user, row):
    """An inline row of a page as ``user`` may see it, or None.

    A row pointing at a page, image or recording she may not see is left out
    whole (a photo's caption is about the photo), unless the row's model names
    that link in ``optional_links``: then only the link is blanked (in memory)
    and the rest of the row, which belongs to the page, is kept.
    """
    media = media_models()
    optional = getattr(row, "optional_links", ())
    for field in row._meta.concrete_fields:
        if not field.many_to_one or isinstance(field, ParentalKey):
            continue
        if _is_hidden_link(user, row, field, media):
            if field.name not in optional:
                return None
            setattr(row, field.name, None)
    return row


def shown_rows(user, rows):
    """Inline rows (propagation methods, lesson plants, gallery images...) as
    ``user`` may see them."""
    return [row for row in rows if shown_row(user, row) is not None]
