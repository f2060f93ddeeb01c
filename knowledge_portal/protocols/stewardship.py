"""A community's stewards decide the protocol of its knowledge.

Which items are a community's (``items_of``, ``communities_of``), who may
change their protocol (``can_steward``) and the change itself
(``change_protocol``): written once, for the stewards' screens and any other
door that offers it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.images import get_image_model
from wagtail.models import Page

from .access import protected_page_models
from .labels import TKLabel
from .membership import communities_where, log
from .models import (
    Access,
    Community,
    CommunityLogEntry,
    CreditedToCommunities,
    ImageProtocol,
    Recording,
    Role,
)

#: What a steward may set; the restricted group stays as the site set it.
STEWARD_FIELDS = ("access", "access_communities", "season_months", "tk_labels")
REASON_MAX_LENGTH = 300


def _named_by_protocol(rows, community_pk):
    # JSON lists: the rows naming any community are few, the test is in Python
    # (the same on SQLite and PostgreSQL).
    return [
        row
        for row in rows.exclude(access_communities=[])
        if community_pk in (row.access_communities or [])
    ]


def pages_naming(community):
    """Pages whose protocol names ``community``, every translation."""
    pages = []
    for model in protected_page_models():
        pages += _named_by_protocol(model.objects.order_by("pk"), community.pk)
    return pages


def images_naming(community):
    protocols = ImageProtocol.objects.select_related("image").order_by("image_id")
    return [row.image for row in _named_by_protocol(protocols, community.pk)]


def recordings_naming(community):
    return _named_by_protocol(Recording.objects.order_by("pk"), community.pk)


def pages_credited_to(community):
    """Pages credited to ``community`` (its knowledge, even when public)."""
    pages = []
    for model in protected_page_models():
        if issubclass(model, CreditedToCommunities):
            pages += model.objects.filter(credited_communities=community).order_by("pk")
    return pages


#: Where a community's items come from: each source returns pages (every
#: translation), images and recordings.
ITEM_SOURCES = [pages_naming, pages_credited_to, images_naming, recordings_naming]


def protocols_naming(community):
    """How many items (a page with its translations counts once) have a
    protocol naming ``community``: it cannot be deleted while any do."""
    pages = {page.translation_key for page in pages_naming(community)}
    return (
        len(pages) + len(images_naming(community)) + len(recordings_naming(community))
    )


def items_of(community, language=None):
    """Every item of ``community``: its pages once per translation group (in
    ``language`` when translated into it), then its images and recordings."""
    pages, files, seen = {}, [], set()
    for source in ITEM_SOURCES:
        for item in source(community):
            if isinstance(item, Page):
                current = pages.get(item.translation_key)
                if current is None or (
                    language
                    and item.locale.language_code == language
                    and current.locale.language_code != language
                ):
                    pages[item.translation_key] = item
            elif (type(item), item.pk) not in seen:
                seen.add((type(item), item.pk))
                files.append(item)
    return sorted(pages.values(), key=lambda page: page.pk) + files


def protocol_of(obj):
    """The object that holds ``obj``'s protocol (an image's ``ImageProtocol``),
    or None for an image that has none (public)."""
    if isinstance(obj, get_image_model()):
        return ImageProtocol.objects.filter(image=obj).first()
    if isinstance(obj, Page):
        return obj.specific
    return obj


def communities_of(obj):
    """Keys of the communities ``obj`` belongs to: those its protocol names,
    and for a page those it is credited to."""
    protocol = protocol_of(obj)
    keys = set(protocol.access_communities) if protocol else set()
    if isinstance(protocol, CreditedToCommunities):
        keys |= set(protocol.credited_communities.values_list("pk", flat=True))
    return keys


def can_steward(user, obj):
    """Is ``user``, right now, a steward of a community ``obj`` belongs to?"""
    if not user.is_authenticated:
        return False
    stewarded = set(communities_where(user, Role.STEWARD).values_list("pk", flat=True))
    return bool(stewarded & communities_of(obj))


def protocol_values(protocol):
    """A protocol as plain values, for the log and for forms."""
    if protocol is None:
        return {
            "access": Access.PUBLIC.value,
            "access_communities": [],
            "season_months": [],
            "tk_labels": [],
        }
    return {
        "access": protocol.access,
        "access_communities": list(protocol.access_communities),
        "season_months": list(protocol.season_months),
        "tk_labels": list(protocol.tk_labels),
    }


def clean_values(values):
    """``values`` checked and in the stored form; ValidationError otherwise."""
    access = values.get("access")
    if access not in Access.values:
        raise ValidationError(_("Choose who may see it."), code="access")
    communities = sorted({int(key) for key in values.get("access_communities", [])})
    known = set(
        Community.objects.filter(pk__in=communities).values_list("pk", flat=True)
    )
    if set(communities) - known:
        raise ValidationError(_("Choose communities from the list."), code="unknown")
    if access == Access.COMMUNITY and not communities:
        raise ValidationError(
            _("Name at least one community whose members may see it."),
            code="no_community",
        )
    months = sorted({int(month) for month in values.get("season_months", [])})
    if any(month < 1 or month > 12 for month in months):
        raise ValidationError(_("Choose months from the list."), code="months")
    labels = [label for label in TKLabel.values if label in values.get("tk_labels", [])]
    if len(labels) != len(set(values.get("tk_labels", []))):
        raise ValidationError(_("Choose labels from the list."), code="labels")
    return {
        "access": access,
        "access_communities": communities,
        "season_months": months,
        "tk_labels": labels,
    }


def clean_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say briefly why the protocol changes."), code="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("Keep the reason short (%(limit)d characters at most)."),
            code="reason_length",
            params={"limit": REASON_MAX_LENGTH},
        )
    return reason


def _set(obj, values):
    for field, value in values.items():
        setattr(obj, field, value)


def _apply_to_page(page, values):
    """One translation: its row now, and its latest revision, so that the next
    publish (of a draft, or after a review) keeps the new protocol while the
    draft keeps its content."""
    _set(page, values)
    # Only the protocol: the other fields of a live page with a draft stay
    # as published.
    page.save(update_fields=STEWARD_FIELDS, clean=False)
    latest = page.get_latest_revision()
    if latest is not None:
        latest.content.update(values)
        latest.save(update_fields=["content"])


def _apply(obj, values):
    if isinstance(obj, Page):
        for page in obj.get_translations(inclusive=True).specific():
            _apply_to_page(page, values)
        _set(obj, values)
    elif isinstance(obj, get_image_model()):
        protocol, _created = ImageProtocol.objects.get_or_create(image=obj)
        _set(protocol, values)
        protocol.save()
    else:
        _set(obj, values)
        obj.save()


def _item_detail(obj):
    kind = "page" if isinstance(obj, Page) else obj._meta.model_name
    title = obj.title if isinstance(obj, Page | get_image_model()) else str(obj)
    return {"type": kind, "id": obj.pk, "title": title}


@transaction.atomic
def change_protocol(steward, obj, values, reason):
    """Put ``values`` (access, communities, months, TK labels) on ``obj``: a
    page in every translation, an image or a recording; logged with
    ``reason`` in every community the item named before or after."""
    if not can_steward(steward, obj):
        raise PermissionDenied
    values = clean_values(values)
    reason = clean_reason(reason)
    before = protocol_values(protocol_of(obj))
    # Its communities before (those credited too) and those named after.
    keys = communities_of(obj) | set(values["access_communities"])
    _apply(obj, values)
    after = dict(values)
    for community in Community.objects.filter(pk__in=keys):
        log(
            community,
            steward,
            CommunityLogEntry.Action.PROTOCOL_CHANGED,
            item=_item_detail(obj),
            before=before,
            after=after,
            reason=reason,
        )
    return after


def deletion_refused_message(count):
    return ngettext(
        "This community cannot be deleted: the protocol of %(count)d item names "
        "it. Its stewards must change that protocol first.",
        "This community cannot be deleted: the protocols of %(count)d items name "
        "it. Its stewards must change those protocols first.",
        count,
    ) % {"count": count}


def refuse_deleting_a_named_community(sender, instance, **kwargs):
    """Every way of deleting a community (the admin, a bulk delete, the shell)
    stops while a protocol names it: its knowledge would be left to no one.
    The items are counted, not listed: the one deleting may not see them."""
    count = protocols_naming(instance)
    if count:
        raise ProtectedError(deletion_refused_message(count), set())
