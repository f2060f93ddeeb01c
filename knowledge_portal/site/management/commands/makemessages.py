"""makemessages that also writes the Plural-Forms header for qu and jiv.

gettext knows neither language, so Django's makemessages leaves the template
header ``nplurals=INTEGER; plural=EXPRESSION;``, which Python's gettext cannot
parse: every page in that language would fail.
"""

import re

from django.conf import settings
from django.core.management.commands import makemessages

from knowledge_portal.core.languages import SITE_LANGUAGES

PLACEHOLDER = re.compile(r'"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"')


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [
            *options.get("ignore_patterns", []),
            ".venv/*",
            "tests/*",
            "bench/*",
            "data/*",
        ]
        super().handle(*args, **options)
        for language in SITE_LANGUAGES:
            for locale_path in settings.LOCALE_PATHS:
                po_file = locale_path / language.code / "LC_MESSAGES" / "django.po"
                if po_file.exists():
                    set_plural_forms(po_file, language.plural_forms)


def set_plural_forms(po_file, plural_forms):
    """Fill the header where gettext left a placeholder or nothing at all."""
    text = po_file.read_text(encoding="utf-8")
    header = f'"Plural-Forms: {plural_forms}\\n"'
    if PLACEHOLDER.search(text):
        text = PLACEHOLDER.sub(lambda _match: header, text, count=1)
    elif '"Plural-Forms:' not in text:
        text = text.replace(
            '"Content-Transfer-Encoding: 8bit\\n"',
            f'"Content-Transfer-Encoding: 8bit\\n"\n{header}',
            1,
        )
    po_file.write_text(text, encoding="utf-8")
