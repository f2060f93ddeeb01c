"""Compile a ``.po`` catalog to ``.mo`` without inventing translations.

``pybabel compile`` writes a plural message whose forms are empty with the
English msgids in their place, so an untranslated "%(minutes)s minutes" reads
in English on a Kichwa page instead of falling back to Spanish (where it says
so, see ``fallback_marks``). Here such a message is left out of the ``.mo``,
like an empty singular one, and gettext falls back to the Spanish catalog.
A message with some plural forms written and others empty is left out too:
half a plural would show English for the other counts.

Runs without Django (``make messages``)::

    python -m knowledge_portal.core.catalog_compile <po> <mo>
"""

import os
import sys
import tempfile

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def untranslated_plurals(catalog):
    """The plural messages of ``catalog`` with an empty form."""
    return [
        message
        for message in catalog
        if message.id and message.pluralizable and not all(message.string)
    ]


def compile_catalog(po_path, mo_path):
    """Write ``mo_path`` from ``po_path``; returns (translated, total)."""
    with open(po_path, "rb") as po_file:
        catalog = read_po(po_file)
    total = sum(1 for message in catalog if message.id)
    for message in untranslated_plurals(catalog):
        catalog.delete(message.id, context=message.context)
    translated = sum(
        1
        for message in catalog
        if message.id
        and not message.fuzzy
        and (all(message.string) if message.pluralizable else message.string)
    )
    # Written beside and renamed: a process reading the catalog meanwhile
    # (a test run beside this one) never reads half a file.
    directory = os.path.dirname(os.path.abspath(mo_path))
    with tempfile.NamedTemporaryFile(dir=directory, suffix=".mo", delete=False) as tmp:
        write_mo(tmp, catalog)
    os.chmod(tmp.name, 0o644)
    os.replace(tmp.name, mo_path)
    return translated, total


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(
            "usage: python -m knowledge_portal.core.catalog_compile <po> <mo>\n"
        )
        return 2
    translated, total = compile_catalog(*argv)
    sys.stdout.write(f"{argv[0]}: {translated} of {total} messages translated\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
