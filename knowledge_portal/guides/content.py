"""Guides as content files (`content/guides/<slug>.yaml`)."""

from knowledge_portal.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from knowledge_portal.core.ordering import in_order
from knowledge_portal.core.text_status import block_text_key
from knowledge_portal.entries.common import (
    block_id,
    build_sources,
    missing_references,
    serialize_sources,
    set_fields,
    source_key_problems,
)
from knowledge_portal.entries.entry_types import (
    EntryType,
    apply_localized_text,
    apply_text_record,
    apply_title,
    locales,
    localized_text,
    localized_text_from_pages,
    prune,
    record_in_file,
    register_entry_type,
    text_in,
    titles_from_pages,
    translation_key_for,
)
from knowledge_portal.entries.images import (
    check_image_file,
    image_bytes,
    image_file_name,
    import_image,
)
from knowledge_portal.entries.pages import publish
from knowledge_portal.protocols.serialization import (
    credited_communities,
    protocol_fields,
    serialize_credit,
    serialize_protocol,
)

from .schemas import SCHEMA_DIR


def _plant_page_model():
    """The plant page type a guide links to, as its relation declares it."""
    from .models import GuidePlant

    return GuidePlant._meta.get_field("plant").related_model


@register_entry_type
class GuideEntry(EntryType):
    type_name = "guide"
    directory = "guides"
    schema_path = SCHEMA_DIR / "guide.json"
    order = 30
    page_model = "guides.GuidePage"

    def check_references(self, data, known_slugs):
        return missing_references(
            data, "plants", _plant_page_model(), known_slugs.get("plant", set()), []
        ) or source_key_problems(data)

    def check_files(self, data, folder):
        for index, step in enumerate(data["steps"]):
            if step.get("image"):
                message = check_image_file(folder / data["slug"] / step["image"])
                if message:
                    return [(["steps", index, "image"], message)]
        return []

    def serialize(self, pages, scope):
        source = pages[DEFAULT_LANGUAGE]
        return prune(
            {
                "type": "guide",
                "slug": source.slug,
                "title": titles_from_pages(pages, scope),
                "difficulty": source.difficulty,
                "best_months": source.best_months,
                "plants": [
                    link.plant.slug
                    for link in source.plants.select_related("plant")
                    if scope.includes(link.plant)
                ],
                "communities": serialize_credit(source),
                "sources": serialize_sources(source),
                "text": {
                    field: localized_text_from_pages(pages, field, scope)
                    for field in ("summary", "materials")
                },
                "steps": self._serialize_steps(pages, scope),
                "protocol": serialize_protocol(source),
            }
        )

    def _serialize_steps(self, pages, scope):
        streams = {code: list(page.steps) for code, page in pages.items()}
        steps = []
        for position, block in enumerate(streams[DEFAULT_LANGUAGE]):
            value = block.value
            kind = "step" if block.block_type == "step" else value["kind"]
            versions = {}
            for code, stream in streams.items():
                if position < len(stream):
                    other = stream[position].value
                    versions[code] = (
                        other["text"],
                        other["status"],
                        other.get("source") or "",
                        record_in_file(
                            pages[code],
                            block_text_key("steps", stream[position].id),
                            scope,
                        ),
                    )
            image = value.get("image") if block.block_type == "step" else None
            if not scope.includes(image):
                image = None
            steps.append(
                {
                    "kind": kind,
                    "minutes": value.get("minutes") if kind == "step" else None,
                    "image": image_file_name(image) if image else None,
                    "text": localized_text(versions),
                }
            )
        return steps

    def apply(self, data, pages, context):
        from .models import GuideIndexPage, GuidePage, GuideSource

        pages = dict(pages)
        parents = {
            index.locale.language_code: index
            for index in GuideIndexPage.objects.select_related("locale")
        }
        key = translation_key_for("guide", data["slug"])
        folder = context["directory"] / self.directory / data["slug"]
        images = {
            step["image"]: import_image(folder / step["image"])
            for step in data["steps"]
            if step.get("image")
        }
        for locale in locales():
            code = locale.language_code
            page = pages.setdefault(
                code, GuidePage(slug=data["slug"], locale=locale, translation_key=key)
            )
            apply_title(page, data["title"], code)
            page.difficulty = data["difficulty"]
            page.best_months = list(data.get("best_months", []))
            page.sources = build_sources(GuideSource, data)
            set_fields(page, protocol_fields(data.get("protocol")))
            page.credited_communities = credited_communities(data.get("communities"))
            page.steps = [
                self._step_block(data["slug"], position, step, code, images)
                for position, step in enumerate(data["steps"])
            ]
            for position, step in enumerate(data["steps"]):
                step_id = block_id("guide", data["slug"], position)
                apply_text_record(
                    page, block_text_key("steps", step_id), step["text"], code
                )
        for field in ("summary", "materials"):
            apply_localized_text(pages, field, data["text"].get(field))
        for code in LANGUAGE_CODES:
            publish(pages[code], parents[code])
        return pages

    def _step_block(self, slug, position, step, code, images):
        text, status, source = text_in(step["text"], code)
        if step["kind"] == "step":
            value = {
                "text": text,
                "minutes": step.get("minutes"),
                "image": images[step["image"]].pk if step.get("image") else None,
                "status": str(status),
                "source": source,
            }
            block_type = "step"
        else:
            value = {
                "kind": step["kind"],
                "text": text,
                "status": str(status),
                "source": source,
            }
            block_type = "note"
        return {
            "type": block_type,
            "value": value,
            "id": block_id("guide", slug, position),
        }

    def link(self, data, pages, context):
        from .models import GuidePlant

        if not data.get("plants"):
            return
        plant_pages = _plant_page_model().objects
        for page in pages.values():
            page.plants = in_order(
                GuidePlant(plant=plant_pages.get(slug=slug, locale=page.locale))
                for slug in data["plants"]
            )
            publish(page)

    def files_for_export(self, pages):
        files = []
        for block in pages[DEFAULT_LANGUAGE].steps:
            image = block.value.get("image") if block.block_type == "step" else None
            if image:
                files.append(
                    (
                        f"{pages[DEFAULT_LANGUAGE].slug}/{image_file_name(image)}",
                        image_bytes(image),
                    )
                )
        return files
