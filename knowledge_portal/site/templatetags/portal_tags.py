from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page, Site

from knowledge_portal.core import formatting
from knowledge_portal.core.languages import SITE_LANGUAGES, site_language
from knowledge_portal.core.photos import photo_renditions
from knowledge_portal.core.text_status import TextStatus
from knowledge_portal.entries.models import sections_with_translation_status
from knowledge_portal.protocols import membership
from knowledge_portal.protocols.access import visible_pages

from ..review import catalog_coverage, languages_awaiting_review

register = template.Library()


@register.inclusion_tag("core/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page in each site language.

    For a Wagtail page the links go to its translations; where one does not
    exist yet they go to the "not yet translated" page. Other views keep their
    path with another language prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {
            version.locale.language_code: version
            for version in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
    links = []
    for language in SITE_LANGUAGES:
        available = True
        if isinstance(page, Page) and page.pk:
            target = translations.get(language.code)
            if target is not None:
                url = target.get_url(request)
            else:
                available = False
                with translation.override(language.code):
                    url = reverse("untranslated", args=[page.translation_key])
        else:
            url = translate_url(request.get_full_path(), language.code)
        links.append(
            {
                "language": language,
                "url": url,
                "current": language.code == current,
                "available": available,
            }
        )
    return {"links": links}


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
    return membership.can_contribute(user)


@register.filter
def belongs_to_a_community(user):
    """Whether to offer "My communities": only to a member of one."""
    return user.is_authenticated and user.community_memberships.exists()


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


@register.inclusion_tag("core/includes/translated_text.html")
def translated_text(page, field_name, heading=""):
    """A prose field with the notice its translation status calls for."""
    status = page.field_status(field_name)
    return {
        "text": getattr(page, field_name),
        "status": status,
        "heading": heading,
        "field_name": field_name,
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
