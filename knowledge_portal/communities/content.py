"""Community pages as content files (`content/communities/<slug>.yaml`)."""

from django.utils.translation import gettext as _

from knowledge_portal.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from knowledge_portal.entries.common import (
    build_sources,
    serialize_sources,
    source_key_problems,
)
from knowledge_portal.entries.entry_types import (
    EntryType,
    apply_localized_text,
    apply_title,
    locales,
    localized_text_from_pages,
    prune,
    register_entry_type,
    titles_from_pages,
    translation_key_for,
)
from knowledge_portal.entries.errors import ContentError
from knowledge_portal.entries.pages import publish
from knowledge_portal.protocols.models import Community

from .schemas import SCHEMA_DIR

#: File key -> model field of the translated prose.
TEXT_FIELDS = {"about": "about", "produce": "produce", "contact": "contact"}


@register_entry_type
class CommunityEntry(EntryType):
    type_name = "community"
    directory = "communities"
    schema_path = SCHEMA_DIR / "community.json"
    order = 60
    page_model = "communities.CommunityPage"

    def defined_slugs(self, data):
        # Its slug names a page, not a community: that is site.yaml's.
        return {"community-page": {data["slug"]}}

    def check_references(self, data, known_slugs):
        slug = data["community"]
        if (
            slug not in known_slugs.get("community", set())
            and not Community.objects.filter(slug=slug).exists()
        ):
            return [
                (
                    ["community"],
                    f"no community {slug!r} (communities are listed in site.yaml)",
                )
            ]
        return source_key_problems(data)

    def serialize(self, pages, scope):
        source = pages[DEFAULT_LANGUAGE]
        return prune(
            {
                "type": "community",
                "slug": source.slug,
                "community": source.community.slug,
                "title": titles_from_pages(pages, scope),
                "provinces": source.provinces,
                "founded": source.founded,
                "sources": serialize_sources(source),
                "text": {
                    key: localized_text_from_pages(pages, field, scope)
                    for key, field in TEXT_FIELDS.items()
                },
            }
        )

    def apply(self, data, pages, context):
        from .models import CommunityIndexPage, CommunityPage, CommunitySource

        pages = dict(pages)
        parents = {
            index.locale.language_code: index
            for index in CommunityIndexPage.objects.select_related("locale")
        }
        if set(parents) != set(LANGUAGE_CODES):
            raise ContentError(
                context["path"],
                1,
                _(
                    "content/site.yaml must define a communities.CommunityIndexPage "
                    "section"
                ),
            )
        community = Community.objects.get(slug=data["community"])
        key = translation_key_for("community", data["slug"])
        for locale in locales():
            code = locale.language_code
            page = pages.setdefault(
                code,
                CommunityPage(slug=data["slug"], locale=locale, translation_key=key),
            )
            apply_title(page, data["title"], code)
            page.community = community
            page.provinces = list(data.get("provinces", []))
            page.founded = data.get("founded")
            page.sources = build_sources(CommunitySource, data)
        for key_name, field in TEXT_FIELDS.items():
            apply_localized_text(pages, field, data["text"].get(key_name))
        for code in LANGUAGE_CODES:
            publish(pages[code], parents[code])
        return pages
