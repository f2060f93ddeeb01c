"""Which Kichwa and Shuar interface strings are proposals awaiting review.

locale/REVIEW.md lists every Kichwa and Shuar string of the catalogs with its
source, in a Markdown table whose first column is the language code:
| lang | string | proposal | source, and why unsure |. A string awaits review
while its source says so ("awaiting review"); once the speakers reviewed it
in the portal, the row says who and when instead. Strings written or
reviewed in the portal since the files were written are the overlay's
(core.catalog_overlay): what it holds about a string comes first. It lives on
the ground floor because month names (core.formatting) show a proposal with
the Spanish beside it until it is confirmed.
"""

import functools

from django.conf import settings

from . import catalog_overlay
from .languages import LANGUAGE_CODES


def review_file():
    return settings.LOCALE_PATHS[0] / "REVIEW.md"


#: What a row's source says while the speakers have not reviewed it.
AWAITING_REVIEW = "awaiting review"


class ReviewRow:
    __slots__ = ("language", "msgid", "proposal", "reason")

    def __init__(self, language, msgid, proposal, reason):
        self.language = language
        self.msgid = msgid
        self.proposal = proposal
        self.reason = reason

    @property
    def awaits_review(self):
        return AWAITING_REVIEW in self.reason


def row_cells(line):
    """The cells of a table line, or None for any other line."""
    if not line.lstrip().startswith("|"):
        return None
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_review_row(line):
    """The row of one line of the table, or None for any other line."""
    cells = row_cells(line)
    if cells is None or len(cells) != 4:
        return None
    language = cells[0].strip("`")
    if language not in LANGUAGE_CODES:
        return None
    return ReviewRow(language, *(cell.strip("`") for cell in cells[1:]))


def parse_review_rows(text):
    """Rows of the REVIEW.md table: | lang | string | proposal | why unsure |."""
    return [row for row in map(parse_review_row, text.splitlines()) if row]


@functools.cache
def _awaiting_review():
    """(language, msgid) of every string the file lists as awaiting review,
    read once per process: the file changes with a deploy, like the catalogs."""
    try:
        text = review_file().read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(
        (row.language, row.msgid)
        for row in parse_review_rows(text)
        if row.awaits_review
    )


def awaits_review(language, msgid):
    """Is this interface string of ``language`` a proposal not yet confirmed?"""
    in_portal = catalog_overlay.review_state(language, msgid)
    if in_portal is not None:
        return in_portal
    return (language, msgid) in _awaiting_review()


def languages_awaiting_review():
    return (
        frozenset(
            language
            for language, msgid in _awaiting_review()
            if awaits_review(language, msgid)
        )
        | catalog_overlay.languages_awaiting_review()
    )
