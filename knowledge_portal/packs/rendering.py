"""Pages rendered for a pack with the site's own templates.

A template engine of its own looks in ``pack_templates/`` first, so the
site's page templates, which extend ``base.html``, get the pack's base (no
forms, search box or account links; its stylesheet and language switch
inside the pack), and photos come in the phone size alone. Everything else
(the page's context, its includes and tags, the Spanish fallback marks) is
the site's.
"""

import copy
import functools
from pathlib import Path

from django.conf import settings
from django.test import RequestFactory

from knowledge_portal.core.templates import MarkingDjangoTemplates

PACK_TEMPLATES = Path(__file__).resolve().parent / "pack_templates"


@functools.cache
def engine():
    params = copy.deepcopy(
        next(
            options
            for options in settings.TEMPLATES
            if options["BACKEND"].endswith("MarkingDjangoTemplates")
        )
    )
    params["NAME"] = "packs"
    params["DIRS"] = [PACK_TEMPLATES, *params.get("DIRS", [])]
    params.pop("BACKEND")
    return MarkingDjangoTemplates(params)


def pack_request(viewer, path, language):
    """A request for ``path`` by ``viewer``, as the page's context asks for
    one; nothing is sent anywhere."""
    request = RequestFactory().get(path)
    request.user = viewer
    request.LANGUAGE_CODE = language
    return request


def render(template_name, context, request):
    return engine().get_template(template_name).render(context, request)
