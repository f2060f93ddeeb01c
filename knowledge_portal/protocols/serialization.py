"""Protocols and consent as content files and backups carry them.

Every entry type writes an item's protocol (``protocol:``) and a
contributor's consent (``consent:``) with these functions, and reads them
back with them, so the file form of a protocol is decided once.
"""

from django.contrib.auth.models import Group
from django.utils.dateparse import parse_datetime

from .models import Access, Community


def protocol_problems(data, known_communities):
    """Every protocol in an entry (its own, its notes', images', recordings')
    must name communities that exist, and a restricted one its group:
    otherwise nobody, or the wrong people, could see what it protects."""
    for where, protocol in _protocols(data, []):
        for index, slug in enumerate(protocol.get("communities", [])):
            if (
                slug not in known_communities
                and not Community.objects.filter(slug=slug).exists()
            ):
                return [
                    (
                        [*where, "communities", index],
                        f"no community {slug!r} (communities are listed in site.yaml)",
                    )
                ]
        if protocol.get("access") == Access.RESTRICTED and not protocol.get("group"):
            return [
                (
                    [*where, "access"],
                    "access 'restricted' needs the group that may see it (group:)",
                )
            ]
    return []


def credit_problems(data, known_communities):
    """An entry, and each note in it, credits communities by slug
    (``communities:``); each must exist, as a protocol's must."""
    credits = [([], data.get("communities", []))] + [
        (["notes", index], note.get("communities", []))
        for index, note in enumerate(data.get("notes", []))
    ]
    for where, slugs in credits:
        for index, slug in enumerate(slugs):
            if not isinstance(slug, str):
                continue  # site.yaml's list of communities, not a credit
            if (
                slug not in known_communities
                and not Community.objects.filter(slug=slug).exists()
            ):
                return [
                    (
                        [*where, "communities", index],
                        f"no community {slug!r} (communities are listed in site.yaml)",
                    )
                ]
    return []


def serialize_credit(page):
    """The slugs of the communities ``page`` is credited to, in slug order."""
    return sorted(community.slug for community in page.credited_communities.all())


def credited_communities(slugs):
    """The communities a file's ``communities:`` credits."""
    return list(Community.objects.filter(slug__in=slugs or []))


def _protocols(value, path):
    """``(path, protocol)`` of every ``protocol`` mapping inside ``value``."""
    if isinstance(value, dict):
        for name, item in value.items():
            if name == "protocol" and isinstance(item, dict):
                yield [*path, name], item
            else:
                yield from _protocols(item, [*path, name])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _protocols(item, [*path, index])


def community_slugs(keys):
    """Files name communities by slug (people read them); protocols by key."""
    slugs = dict(Community.objects.filter(pk__in=keys).values_list("pk", "slug"))
    return [slugs[key] for key in keys if key in slugs]


def community_keys(slugs):
    keys = dict(Community.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return [keys[slug] for slug in slugs if slug in keys]


def serialize_protocol(obj):
    """The file form of an object's protocol; None when it is plainly public."""
    data = {
        "access": obj.access,
        "communities": community_slugs(obj.access_communities),
        "group": obj.access_group.name if obj.access_group_id else None,
        "season_months": list(obj.season_months),
        "labels": list(obj.tk_labels),
    }
    if data["access"] == Access.PUBLIC and not any(
        data[key] for key in ("communities", "group", "season_months", "labels")
    ):
        return None
    return data


def protocol_fields(data):
    """Model field values from a file's ``protocol`` (public when absent)."""
    protocol = data or {"access": Access.PUBLIC}
    group = None
    if protocol.get("group"):
        group, _created = Group.objects.get_or_create(name=protocol["group"])
    return {
        "access": protocol["access"],
        "access_communities": community_keys(protocol.get("communities", [])),
        "access_group": group,
        "season_months": list(protocol.get("season_months", [])),
        "tk_labels": list(protocol.get("labels", [])),
    }


def serialize_consent(obj):
    if not obj.credit_as:
        return None
    return {
        "credit_as": obj.credit_as,
        "credited_as": obj.credit_line,
        "community": obj.consent_community,
        "commercial_use": obj.commercial_use,
        "given_at": obj.consent_given_at.isoformat() if obj.consent_given_at else None,
    }


def consent_fields(data):
    consent = data or {}
    return {
        "credit_as": consent.get("credit_as", ""),
        "credit_line": consent.get("credited_as", ""),
        "consent_community": consent.get("community", ""),
        "commercial_use": bool(consent.get("commercial_use", False)),
        "consent_given_at": parse_datetime(consent["given_at"])
        if consent.get("given_at")
        else None,
    }


def serialize_image_protocol(image):
    protocol = getattr(image, "protocol", None)
    return serialize_protocol(protocol) if protocol else None
