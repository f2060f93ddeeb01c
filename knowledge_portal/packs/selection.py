"""What a pack holds: the pages asked for and the plant profiles they link
to, in the pack's languages, as its viewer may see them."""

from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from knowledge_portal.core.languages import LANGUAGE_CODES
from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.access import can_show_page, shown_rows, visible_pages


class PackError(Exception):
    """A pack cannot be built as asked; the message says why, in the
    reader's language."""


@dataclass(frozen=True)
class Kind:
    name: str
    model: type
    folder: str
    heading: str


#: What a pack holds, in the order its contents page lists them.
KINDS = (
    Kind("lesson", LessonPage, "lessons", _("Lessons")),
    Kind("guide", GuidePage, "guides", _("Guides")),
    Kind("plant", PlantProfilePage, "plants", _("Plants")),
)


@dataclass
class Item:
    """One lesson, guide or plant, with its version in each pack language
    the viewer may see."""

    kind: Kind
    key: str
    pages: dict = field(default_factory=dict)
    name: str = ""
    asked_for: bool = True

    def path(self, language):
        return f"{language}/{self.kind.folder}/{self.name}.html"


def check_languages(languages):
    """The pack's languages, in the order given, each once."""
    chosen = []
    for code in languages:
        if code not in LANGUAGE_CODES:
            raise PackError(
                _("Unknown language %(code)s: choose among %(codes)s.")
                % {"code": code, "codes": ", ".join(LANGUAGE_CODES)}
            )
        if code not in chosen:
            chosen.append(code)
    if not chosen:
        raise PackError(_("Choose at least one language."))
    return chosen


def kind_of(page):
    return next((kind for kind in KINDS if isinstance(page, kind.model)), None)


def select_items(page_ids, languages, viewer, viewer_name):
    """The items of a pack: each page of ``page_ids`` (any of its
    translations), then the plant profiles they link to. A page that does not
    exist, is not published, is of another type, is hidden from ``viewer``
    or exists in none of ``languages`` is a ``PackError``."""
    items = {}
    for pk in page_ids:
        page = Page.objects.filter(pk=pk, live=True).first()
        if page is None:
            raise PackError(_("There is no published page %(id)s.") % {"id": pk})
        # Not even its type is told to a viewer who may not see it.
        if not can_show_page(viewer, page):
            raise PackError(
                _("Page %(id)s is not shown to %(viewer)s.")
                % {"id": pk, "viewer": viewer_name}
            )
        page = page.specific
        kind = kind_of(page)
        if kind is None:
            raise PackError(
                _(
                    "Page %(id)s is a %(type)s: a pack holds lessons, guides "
                    "and plant profiles."
                )
                % {"id": pk, "type": page._meta.verbose_name}
            )
        key = str(page.translation_key)
        if key in items:
            continue
        item = Item(kind, key, versions(kind, key, languages, viewer))
        if not item.pages:
            raise PackError(
                _("Page %(id)s is in none of the pack's languages.") % {"id": pk}
            )
        items[key] = item
    plants = linked_plant_keys(items.values(), viewer)
    plant_kind = KINDS[-1]
    for key in plants:
        if key not in items:
            item = Item(
                plant_kind,
                key,
                versions(plant_kind, key, languages, viewer),
                asked_for=False,
            )
            if item.pages:
                items[key] = item
    ordered = sorted(items.values(), key=lambda item: KINDS.index(item.kind))
    name_items(ordered, languages)
    return ordered


def versions(kind, key, languages, viewer):
    """The live translations of ``key`` in ``languages`` that ``viewer`` may
    see, by language code, in the order of ``languages``."""
    found = {
        page.locale.language_code: page
        for page in visible_pages(
            viewer,
            kind.model.objects.live()
            .public()
            .filter(translation_key=key, locale__language_code__in=languages)
            .select_related("locale"),
        )
    }
    return {code: found[code] for code in languages if code in found}


def linked_plant_keys(items, viewer):
    """Translation keys of the plants the lessons and guides link to, in the
    order they link them (the rows are the same in every translation)."""
    keys = []
    for item in items:
        if item.kind.name not in ("lesson", "guide"):
            continue
        for page in item.pages.values():
            rows = shown_rows(viewer, page.plants.select_related("plant"))
            for row in rows:
                key = str(row.plant.translation_key)
                if key not in keys:
                    keys.append(key)
    return keys


def name_items(items, languages):
    """A file name for each item, the same in every language: its slug in
    the first pack language it has, made unique within its folder."""
    taken = set()
    for item in items:
        first = item.pages[next(code for code in languages if code in item.pages)]
        base = slugify(first.slug) or item.kind.name
        name, number = base, 2
        while (item.kind.folder, name) in taken:
            name, number = f"{base}-{number}", number + 1
        taken.add((item.kind.folder, name))
        item.name = name
