"""Plant profiles as content files (`content/plants/<slug>.yaml`)."""

from django.utils.translation import gettext as _

from knowledge_portal.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from knowledge_portal.core.ordering import in_order
from knowledge_portal.entries.common import (
    import_protected_image,
    set_fields,
)
from knowledge_portal.entries.entry_types import (
    EntryType,
    apply_localized_text,
    apply_title,
    entry_parts,
    locales,
    localized_text,
    localized_text_from_pages,
    prune,
    register_entry_type,
    text_in,
    titles_from_pages,
    translation_key_for,
)
from knowledge_portal.entries.errors import ContentError
from knowledge_portal.entries.images import (
    check_audio_file,
    check_image_file,
    image_bytes,
    image_file_name,
)
from knowledge_portal.entries.pages import publish
from knowledge_portal.entries.recordings import (
    import_recordings,
    recording_files,
    serialize_recordings,
)
from knowledge_portal.protocols.serialization import (
    consent_fields,
    credited_communities,
    protocol_fields,
    serialize_consent,
    serialize_credit,
    serialize_image_protocol,
    serialize_protocol,
)

from .schemas import SCHEMA_DIR

#: File key -> model field of the translated prose fields.
TEXT_FIELDS = {
    "summary": "summary",
    "description": "description",
    "uses": "uses_text",
    "practices": "practices",
}


@register_entry_type
class PlantEntry(EntryType):
    type_name = "plant"
    directory = "plants"
    schema_path = SCHEMA_DIR / "plant.json"
    order = 20
    page_model = "plants.PlantProfilePage"

    def find_pages(self, slug):
        # Pages made before the loader knew them are matched by slug.
        from .models import PlantProfilePage

        return super().find_pages(slug) or {
            page.locale.language_code: page
            for page in PlantProfilePage.objects.filter(slug=slug).select_related(
                "locale"
            )
        }

    def check_references(self, data, known_slugs):
        from wagtail.models import Page

        from .models import PlantProfilePage

        plants = known_slugs.get("plant", set())
        for index, companion in enumerate(data.get("companions", [])):
            if (
                companion not in plants
                and not PlantProfilePage.objects.filter(slug=companion).exists()
            ):
                return [(["companions", index], f"no plant with slug {companion!r}")]
        for index, item in enumerate(data.get("propagation", [])):
            guide = item.get("guide")
            if (
                guide
                and guide not in known_slugs.get("guide", set())
                and not Page.objects.filter(
                    slug=guide, content_type__app_label="guides"
                ).exists()
            ):
                return [
                    (
                        ["propagation", index, "guide"],
                        f"no guide with slug {guide!r}",
                    )
                ]
        keys = {source["key"] for source in data.get("sources", [])}
        for index, name in enumerate(data.get("names", [])):
            if name.get("source") and name["source"] not in keys:
                return [
                    (
                        ["names", index, "source"],
                        f"source {name['source']!r} is not listed under sources",
                    )
                ]
        for code, title in data["title"].items():
            source = title.get("source") if isinstance(title, dict) else None
            if source and source not in keys:
                return [
                    (
                        ["title", code, "source"],
                        f"source {source!r} is not listed under sources",
                    )
                ]
        for field, value in data.get("text", {}).items():
            for code, entry in value.items():
                if entry.get("source") and entry["source"] not in keys:
                    return [
                        (
                            ["text", field, code, "source"],
                            f"source {entry['source']!r} is not listed under sources",
                        )
                    ]
        return []

    def serialize(self, pages, scope):
        source = pages[DEFAULT_LANGUAGE]
        return prune(
            {
                "type": "plant",
                "slug": source.slug,
                "scientific_name": source.scientific_name,
                "family": source.family,
                "title": titles_from_pages(pages, scope),
                "names": [
                    {
                        "language": name.language,
                        "name": name.name,
                        "variants": name.variant_list,
                        "note": name.note,
                        "source": name.source,
                        "status": name.status,
                    }
                    for name in source.names.all()
                ],
                "layer": source.layer,
                "life_cycle": source.life_cycle,
                "uses": [use.category for use in source.uses.all()],
                "parts_used": source.parts_used,
                "propagation": [
                    {
                        "method": method.method,
                        "guide": method.guide.slug
                        if scope.includes(method.guide)
                        else None,
                    }
                    for method in source.propagation_methods.select_related("guide")
                ],
                "companions": [
                    link.companion.slug
                    for link in source.companions.select_related("companion")
                    if scope.includes(link.companion)
                ],
                "planting_months": source.planting_months,
                "harvest_months": source.harvest_months,
                "provinces": source.provinces,
                "communities": serialize_credit(source),
                "contributors": source.contributors,
                "sources": [
                    {"key": item.key, "citation": item.citation, "url": item.url}
                    for item in source.sources.all()
                ],
                "text": {
                    key: localized_text_from_pages(pages, field, scope)
                    for key, field in TEXT_FIELDS.items()
                },
                "images": self._serialize_images(pages, scope),
                "recordings": serialize_recordings(source.recordings, scope),
                "protocol": serialize_protocol(source),
                "consent": serialize_consent(source),
                # Other apps' items in the file (knowledge notes), last.
                **self._serialize_parts(pages, scope),
            }
        )

    def _serialize_parts(self, pages, scope):
        data = {}
        for part in entry_parts(self.type_name):
            data.update(part.serialize(pages, scope))
        return data

    def _serialize_images(self, pages, scope):
        # Every language's gallery holds the same images, so leaving the same
        # ones out keeps the captions of one image together.
        galleries = {
            code: [
                item
                for item in page.gallery_images.select_related("image")
                if scope.includes(item.image)
            ]
            for code, page in pages.items()
        }
        images = []
        for position, item in enumerate(galleries[DEFAULT_LANGUAGE]):
            caption = localized_text(
                {
                    code: (
                        version[position].caption,
                        version[position].caption_status,
                        "",
                    )
                    for code, version in galleries.items()
                    if position < len(version) and version[position].caption_status
                }
            )
            images.append(
                {
                    "file": image_file_name(item.image),
                    "credit": item.credit,
                    "caption": caption,
                    "protocol": serialize_image_protocol(item.image),
                }
            )
        return images

    def apply(self, data, pages, context):
        from .models import (
            PlantGalleryImage,
            PlantIndexPage,
            PlantName,
            PlantProfilePage,
            PlantPropagation,
            PlantRecording,
            PlantSource,
            PlantUse,
        )

        pages = dict(pages)
        parents = {
            index.locale.language_code: index
            for index in PlantIndexPage.objects.select_related("locale")
        }
        key = translation_key_for("plant", data["slug"])
        folder = context["directory"] / self.directory / data["slug"]
        images = [
            import_protected_image(folder / item["file"], item.get("protocol"))
            for item in data.get("images", [])
        ]
        recordings = import_recordings(folder, data.get("recordings", []))
        for locale in locales():
            code = locale.language_code
            if code not in parents:
                raise ContentError(
                    context["path"],
                    1,
                    _("content/site.yaml must define a plants.PlantIndexPage section"),
                )
            page = pages.setdefault(
                code,
                PlantProfilePage(slug=data["slug"], locale=locale, translation_key=key),
            )
            apply_title(page, data["title"], code)
            set_fields(page, protocol_fields(data.get("protocol")))
            set_fields(page, consent_fields(data.get("consent")))
            page.scientific_name = data["scientific_name"]
            page.family = data["family"]
            page.layer = data["layer"]
            page.life_cycle = data["life_cycle"]
            for field in (
                "parts_used",
                "planting_months",
                "harvest_months",
                "provinces",
                "contributors",
            ):
                setattr(page, field, list(data.get(field, [])))
            page.credited_communities = credited_communities(data.get("communities"))
            page.names = in_order(
                PlantName(
                    language=name["language"],
                    name=name["name"],
                    variants="\n".join(name.get("variants", [])),
                    note=name.get("note", ""),
                    source=name.get("source", ""),
                    status=name["status"],
                )
                for name in data["names"]
            )
            page.uses = in_order(
                PlantUse(category=category) for category in data["uses"]
            )
            page.propagation_methods = in_order(
                PlantPropagation(method=item["method"])
                for item in data.get("propagation", [])
            )
            page.sources = in_order(
                PlantSource(
                    key=item["key"], citation=item["citation"], url=item.get("url", "")
                )
                for item in data.get("sources", [])
            )
            gallery = []
            for image, item in zip(images, data.get("images", []), strict=True):
                text, status, _source = text_in(item.get("caption"), code)
                gallery.append(
                    PlantGalleryImage(
                        image=image,
                        caption=text,
                        caption_status=str(status) if text else "",
                        credit=item["credit"],
                    )
                )
            page.gallery_images = in_order(gallery)
            page.recordings = in_order(
                PlantRecording(recording=recording) for recording in recordings
            )
        for key_name, field in TEXT_FIELDS.items():
            apply_localized_text(pages, field, data["text"].get(key_name))
        for code in LANGUAGE_CODES:
            publish(pages[code], parents[code])
        return pages

    def link(self, data, pages, context):
        from wagtail.models import Page

        from .models import PlantCompanion, PlantProfilePage, PlantPropagation

        folder = context["directory"] / self.directory / data["slug"]
        for part in entry_parts(self.type_name):
            part.apply(data, pages, folder)
        if not data.get("companions") and not any(
            item.get("guide") for item in data.get("propagation", [])
        ):
            return
        for page in pages.values():
            same_locale = {"locale": page.locale}
            page.companions = in_order(
                PlantCompanion(
                    companion=PlantProfilePage.objects.get(slug=slug, **same_locale)
                )
                for slug in data.get("companions", [])
            )
            page.propagation_methods = in_order(
                PlantPropagation(
                    method=item["method"],
                    guide=Page.objects.get(slug=item["guide"], **same_locale)
                    if item.get("guide")
                    else None,
                )
                for item in data.get("propagation", [])
            )
            publish(page)

    def files_for_export(self, pages):
        source = pages[DEFAULT_LANGUAGE]
        files = [
            (f"{source.slug}/{image_file_name(item.image)}", image_bytes(item.image))
            for item in source.gallery_images.select_related("image")
        ]
        files += [
            (f"{source.slug}/{name}", content)
            for name, content in recording_files(source.recordings)
        ]
        for part in entry_parts(self.type_name):
            files += [
                (f"{source.slug}/{name}", content)
                for name, content in part.files_for_export(pages)
            ]
        return files

    def check_files(self, data, folder):
        for index, image in enumerate(data.get("images", [])):
            message = check_image_file(folder / data["slug"] / image["file"])
            if message:
                return [(["images", index, "file"], message)]
        for index, item in enumerate(data.get("recordings", [])):
            message = check_audio_file(folder / data["slug"] / item["file"])
            if message:
                return [(["recordings", index, "file"], message)]
        for part in entry_parts(self.type_name):
            messages = part.check_files(data, folder / data["slug"])
            if messages:
                return messages
        return []
