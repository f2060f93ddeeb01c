"""Pieces several entry types share: sources, page links, StreamField ids,
images with their protocols."""

import uuid

from knowledge_portal.core.ordering import in_order
from knowledge_portal.protocols.models import ImageProtocol
from knowledge_portal.protocols.serialization import protocol_fields

from .entry_types import TRANSLATION_KEY_NAMESPACE
from .images import import_image


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


def import_protected_image(path, protocol):
    """Import an image file and give it the protocol its entry lists."""

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
