"""Writing the strings speakers wrote in the portal back to the repository:
their texts into ``locale/<language>/LC_MESSAGES/django.po`` and a row each
into ``locale/REVIEW.md`` naming who wrote and reviewed them, and when.

Everything else in both files stays byte for byte as it was: the catalogs
are read and written with Babel at the width they are kept at (76), which
gives back the same bytes, and REVIEW.md changes only in the rows of these
strings (and gains the source ``W1`` once).
"""

import io
from dataclasses import dataclass, field

from babel.messages.pofile import write_po
from django.utils import timezone

from knowledge_portal.core.interface_review import (
    AWAITING_REVIEW,
    parse_review_row,
    row_cells,
)

from .catalog import po_path, read_catalog
from .models import LANGUAGES, InterfaceString

PO_WIDTH = 76
SOURCE_ID = "W1"
SOURCE_ROW = (
    f"| {SOURCE_ID} | Written or reviewed by speakers in the portal: the language "
    "reviewers of their communities, at `/<lang>/workbench/interface/`; each row "
    "names who and when, and `manage.py write_interface_strings` writes them here |"
)
#: Rows are grouped by language in this order, then sorted by the English
#: string ignoring case (locale/REVIEW.md says so).
LANGUAGE_ORDER = ["jiv", "qu"]


@dataclass
class Report:
    written: dict = field(default_factory=dict)
    missing: list = field(default_factory=list)


def write_interface_strings(locale_dir, languages=None):
    """Write every string kept in the portal (reviewed or awaiting review)
    for ``languages`` (all by default) into the files under ``locale_dir``."""
    languages = languages or [code for code, _name in LANGUAGES]
    report = Report()
    rows = list(
        InterfaceString.objects.filter(language__in=languages)
        .select_related("author", "reviewer")
        .prefetch_related("confirmations")
        .order_by("language", "msgid", "context")
    )
    kept = []
    for language in languages:
        path = po_path(language, locale_dir)
        catalog = read_catalog(path)
        count = 0
        for row in (r for r in rows if r.language == language):
            message = catalog.get(row.msgid, context=row.context or None)
            if message is None or message.pluralizable != row.plural:
                report.missing.append(row)
                continue
            message.string = tuple(row.texts) if row.plural else row.texts[0]
            kept.append(row)
            count += 1
        output = io.BytesIO()
        write_po(output, catalog, width=PO_WIDTH)
        if path.read_bytes() != output.getvalue():
            path.write_bytes(output.getvalue())
        report.written[language] = count
    review = locale_dir / "REVIEW.md"
    text = review.read_text(encoding="utf-8")
    updated = with_rows(text, [review_line(row) for row in kept])
    if updated != text:
        review.write_text(updated, encoding="utf-8")
    return report


def _cell(text):
    # A bar would end the cell; a line break the row.
    return " ".join(str(text).replace("|", "/").split())


def _day(moment):
    return timezone.localdate(moment).isoformat() if moment else ""


def source_of(row):
    """The fourth cell: where the text comes from, who reviewed it, when."""
    if row.source:
        parts = [p for p in row.source.split("; ") if p.strip() != AWAITING_REVIEW]
    else:
        parts = [
            f"{SOURCE_ID}: written by {row.credit} in the portal, "
            f"{_day(row.written_at)}"
        ]
    if row.is_reviewed:
        parts.append(
            f"reviewed by {row.reviewer_credit} in the portal ({SOURCE_ID}), "
            f"{_day(row.reviewed_at)}"
        )
        confirmations = sorted(row.confirmations.all(), key=lambda c: c.confirmed_at)
        if confirmations:
            parts.append("confirmed by " + ", ".join(c.credit for c in confirmations))
    else:
        parts.append(AWAITING_REVIEW)
    return "; ".join(parts)


def review_line(row):
    cells = [row.language, row.msgid, row.texts[0], source_of(row)]
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _sort_key(row):
    order = LANGUAGE_ORDER.index(row.language) if row.language in LANGUAGE_ORDER else 99
    return (order, row.msgid.casefold())


def with_rows(text, lines):
    """``text`` of REVIEW.md with ``lines`` (table rows) in place: each
    replaces the row of its language and string, or goes where the order
    puts it; and the source W1 listed."""
    out = text.splitlines(keepends=True)
    out = _with_source(out)
    for line in lines:
        new = parse_review_row(line)
        rows = [
            (index, parse_review_row(existing)) for index, existing in enumerate(out)
        ]
        rows = [(index, row) for index, row in rows if row]
        same = next(
            (
                i
                for i, row in rows
                if (row.language, row.msgid) == (new.language, new.msgid)
            ),
            None,
        )
        if same is not None:
            out[same] = line + "\n"
            continue
        after = next((i for i, row in rows if _sort_key(row) > _sort_key(new)), None)
        if after is None:
            after = rows[-1][0] + 1 if rows else len(out)
        out.insert(after, line + "\n")
    return "".join(out)


def _with_source(lines):
    sources = [
        index
        for index, line in enumerate(lines)
        if (cells := row_cells(line))
        and len(cells) == 2
        and cells[0] not in ("id", "---")
    ]
    if any(row_cells(lines[i])[0] == SOURCE_ID for i in sources) or not sources:
        return lines
    return [*lines[: sources[-1] + 1], SOURCE_ROW + "\n", *lines[sources[-1] + 1 :]]
