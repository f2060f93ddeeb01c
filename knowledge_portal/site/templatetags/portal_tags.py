from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page, Site

from knowledge_portal.core import formatting
from knowledge_portal.core.languages import (
    DEFAULT_LANGUAGE,
    SITE_LANGUAGES,
    site_language,
)
from knowledge_portal.core.photos import photo_renditions
from knowledge_portal.core.text_status import TextStatus
from knowledge_portal.entries.models import sections_with_translation_status
from knowledge_portal.protocols import membership
from knowledge_portal.protocols.access import visible_pages

from .. import text_credits
from ..review import catalog_coverage, languages_awaiting_review

register = template.Library()


def language_links(request, page):
    """This page (or view) in each site language, for the switcher and the
    hreflang alternates alike: computed once per request.

    For a Wagtail page, its live translations that ``request.user`` may see;
    where there is none the link goes to the "not yet translated" page and
    is not ``available``. Other views keep their path with another language
    prefix. ``href`` is the absolute URL search engines need.
    """
    is_page = isinstance(page, Page) and page.pk
    key = (page.pk if is_page else None, request.get_full_path())
    computed = request.__dict__.setdefault("_language_links", {})
    if key not in computed:
        computed[key] = _page_links(request, page) if is_page else _view_links(request)
    return computed[key]


def _page_links(request, page):
    translations = {
        version.locale.language_code: version
        for version in visible_pages(
            request.user,
            page.get_translations(inclusive=True).live().select_related("locale"),
        )
    }
    links = []
    for language in SITE_LANGUAGES:
        target = translations.get(language.code)
        if target is not None:
            url, href = target.get_url(request), target.get_full_url(request)
        else:
            with translation.override(language.code):
                url = reverse("untranslated", args=[page.translation_key])
            href = None
        links.append({"language": language, "url": url, "href": href})
    return links


def _view_links(request):
    site = Site.find_for_request(request)
    links = []
    for language in SITE_LANGUAGES:
        url = translate_url(request.get_full_path(), language.code)
        href = site.root_url + url if site else request.build_absolute_uri(url)
        links.append({"language": language, "url": url, "href": href})
    return links


@register.inclusion_tag("core/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page in each site language."""
    current = translation.get_language()
    links = language_links(context["request"], context.get("page"))
    return {
        "links": [
            {
                **link,
                "current": link["language"].code == current,
                "available": link["href"] is not None,
            }
            for link in links
        ]
    }


@register.inclusion_tag("core/includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """``<link rel="alternate" hreflang>`` for every translation the visitor
    may see, and ``x-default`` for the Spanish one, absolute as search
    engines want them."""
    links = language_links(context["request"], context.get("page"))
    alternates = [
        {"hreflang": link["language"].code, "href": link["href"]}
        for link in links
        if link["href"]
    ]
    alternates += [
        {"hreflang": "x-default", "href": link["href"]}
        for link in links
        if link["href"] and link["language"].code == DEFAULT_LANGUAGE
    ]
    return {"alternates": alternates}


@register.inclusion_tag("core/includes/photo.html")
def photo(image, alt):
    """``image`` as WebP renditions sized for phones and larger screens
    (core/photos.py). The caller has checked that the visitor may see it."""
    return {"alt": alt, **photo_renditions(image)}


@register.filter
def month_name(number, width="wide"):
    return formatting.month_name(int(number), width=width)


@register.filter
def local_date(value, format="long"):
    return formatting.format_date(value, format=format) if value else ""


@register.filter
def local_number(value):
    return formatting.format_number(value)


@register.filter
def can_contribute(user):
    """Whether to offer the way to contribute: only where it leads somewhere."""
    return membership.offers_contributing(user)


@register.filter
def belongs_to_a_community(user):
    """Whether to offer "My communities": only to a member of one."""
    return membership.belongs_to_a_community(user)


@register.simple_tag(takes_context=True)
def main_sections(context):
    """The sections under this language's home page (Plants, Guides...)."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none()
    home = site.root_page.localized
    sections = home.get_children().live().public().in_menu()
    return visible_pages(request.user, sections_with_translation_status(sections))


@register.inclusion_tag("core/includes/translated_text.html", takes_context=True)
def translated_text(context, page, field_name, heading=""):
    """A prose field marked as its translation status calls for, with who
    wrote it and its recording (``text_record``)."""
    status = page.field_status(field_name)
    return {
        "text": getattr(page, field_name),
        "status": status,
        "heading": heading,
        "field_name": field_name,
        "shown": text_record(context, page, field_name),
    }


@register.inclusion_tag("core/includes/translation_notice.html", takes_context=True)
def translation_notice(context):
    """The one notice of a Kichwa or Shuar page: what on it is still shown in
    Spanish or awaits review, and where to help. Each text it lists carries
    lang="es" where it stands, without a notice of its own."""
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE:
        return {"show": False}
    page = context.get("page")
    gaps = [
        (label, TextStatus(status).label, count)
        for label, status, count in (
            page.translation_gaps() if hasattr(page, "translation_gaps") else []
        )
    ]
    interface_proposals = language in languages_awaiting_review()
    translated, total = catalog_coverage(language)
    interface_spanish = (translated, total) if translated < total else None
    return {
        "show": bool(gaps or interface_spanish or interface_proposals),
        "gaps": gaps,
        "interface_spanish": interface_spanish,
        "interface_proposals": interface_proposals,
        "language": site_language(language),
    }


@register.simple_tag(takes_context=True)
def text_record(context, page, *parts):
    """Who wrote, reviewed, confirmed and recorded one text of ``page``, as
    the page shows it: ``text_record page "summary"``, ``text_record page
    "steps" id``, ``text_record page "quiz" id "answers" 0 "feedback"``.
    None when nobody is recorded, without a query."""
    if not hasattr(page, "text_record"):
        return None
    record = page.text_record(":".join(str(part) for part in parts))
    if not record:
        return None
    request = context.get("request")
    return text_credits.shown(getattr(request, "user", None), page, record)


@register.simple_tag(takes_context=True)
def block_text_record(context, page, block_id):
    """``text_record`` of a block's own text, in whichever of the page's
    streams the block is (block templates do not know their stream)."""
    for stream in getattr(page, "translated_streams", ()):
        shown = text_record(context, page, stream, block_id)
        if shown:
            return shown
    return None
