from django.conf import settings
from django.utils import translation

from knowledge_portal.core.languages import SITE_LANGUAGES

from .review import languages_awaiting_review


def site_languages(request):
    """The languages for templates, and whether this one's UI awaits review."""
    current = translation.get_language()
    return {
        "site_languages": SITE_LANGUAGES,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "ui_awaits_review": current in languages_awaiting_review(),
    }
