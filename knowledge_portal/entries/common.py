"""Pieces several entry types share: sources, page links, StreamField ids."""

import uuid

from knowledge_portal.core.ordering import in_order

from .entry_types import TRANSLATION_KEY_NAMESPACE


def serialize_sources(page):
    return [
        {"key": item.key, "citation": item.citation, "url": item.url}
        for item in page.sources.all()
    ]


def build_sources(model, data):
    return in_order(
        model(key=item["key"], citation=item["citation"], url=item.get("url", ""))
        for item in data.get("sources", [])
    )


def block_id(type_name, slug, position):
    """The same id for a block in every language, so answers and links to a
    block survive a change of language."""
    return str(uuid.uuid5(TRANSLATION_KEY_NAMESPACE, f"{type_name}:{slug}:{position}"))


def missing_references(data, key, model, known, where):
    """``(path, message)`` for slugs in ``data[key]`` that exist nowhere."""
    for index, slug in enumerate(data.get(key, [])):
        if slug not in known and not model.objects.filter(slug=slug).exists():
            return [([*where, key, index], f"no {model._meta.verbose_name} {slug!r}")]
    return []


def source_key_problems(data):
    """Texts and names must cite sources the entry lists."""
    keys = {source["key"] for source in data.get("sources", [])}

    def walk(value, path):
        if isinstance(value, dict):
            source = value.get("source")
            if isinstance(source, str) and "status" in value and source not in keys:
                return [(path, f"source {source!r} is not listed under sources")]
            for name, item in value.items():
                found = walk(item, [*path, name])
                if found:
                    return found
        elif isinstance(value, list):
            for index, item in enumerate(value):
                found = walk(item, [*path, index])
                if found:
                    return found
        return []

    return walk({k: v for k, v in data.items() if k != "sources"}, [])


def protocol_problems(data, known_communities):
    """Every protocol in an entry (its own, its notes', images', recordings')
    must name communities that exist, and a restricted one its group:
    otherwise nobody, or the wrong people, could see what it protects."""
    from knowledge_portal.protocols.models import Access, Community

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


def serialize_protocol(obj):
    """The file form of an object's protocol; None when it is plainly public."""
    data = {
        "access": obj.access,
        "communities": list(obj.access_communities),
        "group": obj.access_group.name if obj.access_group_id else None,
        "season_months": list(obj.season_months),
        "labels": list(obj.tk_labels),
    }
    if data["access"] == "public" and not any(
        data[key] for key in ("communities", "group", "season_months", "labels")
    ):
        return None
    return data


def protocol_fields(data):
    """Model field values from a file's ``protocol`` (public when absent)."""
    from django.contrib.auth.models import Group

    protocol = data or {"access": "public"}
    group = None
    if protocol.get("group"):
        group, _created = Group.objects.get_or_create(name=protocol["group"])
    return {
        "access": protocol["access"],
        "access_communities": list(protocol.get("communities", [])),
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
    from django.utils.dateparse import parse_datetime

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


def import_protected_image(path, protocol):
    """Import an image file and give it the protocol its entry lists."""
    from knowledge_portal.protocols.models import ImageProtocol

    from .images import import_image

    image = import_image(path)
    if protocol:
        ImageProtocol.objects.update_or_create(
            image=image, defaults=protocol_fields(protocol)
        )
    else:
        ImageProtocol.objects.filter(image=image).delete()
    return image


def set_fields(obj, values):
    for name, value in values.items():
        setattr(obj, name, value)
