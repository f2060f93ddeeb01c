"""The site skeleton as a content file: home pages and section pages."""

from wagtail.models import Page, Site

from knowledge_portal.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
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
from knowledge_portal.entries.pages import page_model, page_type_label, publish
from knowledge_portal.site.schemas import SCHEMA_DIR


def home_slug(language):
    # Home pages are siblings under the tree root, where slugs must differ.
    return "home" if language == DEFAULT_LANGUAGE else f"home-{language}"


@register_entry_type
class SiteEntry(EntryType):
    type_name = "site"
    directory = ""
    schema_path = SCHEMA_DIR / "site.json"
    order = 0

    def find_pages(self, slug):
        from knowledge_portal.site.models import HomePage

        homes = {
            page.locale.language_code: page
            for page in HomePage.objects.filter(depth=2).select_related("locale")
        }
        if DEFAULT_LANGUAGE not in homes:
            return {}
        sections = {}
        for child in homes[DEFAULT_LANGUAGE].get_children().specific():
            translations = {
                page.locale.language_code: page.specific
                for page in child.get_translations(inclusive=True).select_related(
                    "locale"
                )
            }
            sections[child.slug] = translations
        return {"home": homes, "sections": sections}

    def defined_slugs(self, data):
        communities = {community["slug"] for community in data.get("communities", [])}
        return {**super().defined_slugs(data), "community": communities}

    def entry_page(self, pages):
        return pages["home"][DEFAULT_LANGUAGE]

    def serialize(self, pages, scope):
        homes = pages["home"]
        home = {
            "title": titles_from_pages(homes, scope),
            "intro": localized_text_from_pages(homes, "intro", scope),
        }
        sections = [
            {
                "slug": slug,
                "page_type": page_type_label(versions[DEFAULT_LANGUAGE]),
                "title": titles_from_pages(versions, scope),
                "intro": localized_text_from_pages(versions, "intro", scope),
            }
            for slug, versions in pages["sections"].items()
        ]
        from knowledge_portal.protocols.models import Community

        communities = [
            {"slug": community.slug, "name": community.name}
            for community in Community.objects.order_by("slug")
        ]
        return prune(
            {
                "type": "site",
                "slug": "site",
                "communities": communities,
                "home": home,
                "sections": sections,
            }
        )

    def apply(self, data, pages, context):
        from knowledge_portal.protocols.models import Community
        from knowledge_portal.site.models import HomePage

        for community in data.get("communities", []):
            Community.objects.update_or_create(
                slug=community["slug"], defaults={"name": community["name"]}
            )
        by_code = {locale.language_code: locale for locale in locales()}
        root = Page.get_first_root_node()
        self._remove_welcome_page(root)
        homes = dict(pages.get("home", {}))
        key = translation_key_for("site", "home")
        for code in LANGUAGE_CODES:
            homes.setdefault(
                code,
                HomePage(
                    slug=home_slug(code), locale=by_code[code], translation_key=key
                ),
            )
            apply_title(homes[code], data["home"]["title"], code)
        apply_localized_text(homes, "intro", data["home"].get("intro"))
        for code in LANGUAGE_CODES:
            publish(homes[code], root)
        self._point_site_at(homes[DEFAULT_LANGUAGE])

        existing_sections = pages.get("sections", {})
        for section in data["sections"]:
            model = page_model(section["page_type"])
            versions = dict(existing_sections.get(section["slug"], {}))
            key = translation_key_for("section", section["slug"])
            for code in LANGUAGE_CODES:
                versions.setdefault(
                    code,
                    model(
                        slug=section["slug"],
                        locale=by_code[code],
                        translation_key=key,
                        show_in_menus=True,
                    ),
                )
                apply_title(versions[code], section["title"], code)
            apply_localized_text(versions, "intro", section.get("intro"))
            for code in LANGUAGE_CODES:
                publish(versions[code], homes[code])
        return homes

    def _remove_welcome_page(self, root):
        """Delete the bare welcome page Wagtail's migrations create.

        Nobody wrote it, and it holds the slug "home". Its Site goes with it
        (Site.root_page cascades) and is made again by _point_site_at().
        """
        for page in root.get_children().filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ):
            if not page.get_children().exists():
                page.delete()

    def _point_site_at(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Chakra Portal",
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()

    def export_slugs(self):
        return ["site"] if self.find_pages("site") else []

    def file_name(self, slug):
        return "site.yaml"
