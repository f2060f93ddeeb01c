"""System checks: fail fast when a site language cannot really be served."""

from pathlib import Path

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.checks import Error, Tags, register
from django.utils.translation.trans_real import all_locale_paths

from .languages import LANGUAGE_CODES


@register(Tags.translation)
def check_site_languages(app_configs, **kwargs):
    errors = []
    for code in LANGUAGE_CODES:
        if code not in LANG_INFO:
            errors.append(
                Error(
                    f"Language {code!r} is missing from django.conf.locale.LANG_INFO.",
                    hint="Call core.languages.register_languages() in settings.",
                    id="core.E001",
                )
            )
        # Django treats a language as available only when a compiled catalog
        # exists; without it /qu/ silently serves Spanish.
        if not any(
            (path / code / "LC_MESSAGES" / "django.mo").exists()
            for path in map(Path, all_locale_paths())
        ):
            errors.append(
                Error(
                    f"No compiled catalog for {code!r}.",
                    hint="Run `python manage.py compilemessages` (make does).",
                    id="core.E002",
                )
            )
    if dict(settings.WAGTAIL_CONTENT_LANGUAGES).keys() != set(LANGUAGE_CODES):
        errors.append(
            Error(
                "WAGTAIL_CONTENT_LANGUAGES must list es, qu and jiv.",
                id="core.E003",
            )
        )
    return errors
