"""Which Kichwa and Shuar interface strings are proposals awaiting review.

locale/REVIEW.md lists them in a Markdown table whose first column is the
language code: | lang | string | proposal | why unsure |. A string is
confirmed once the community's reviewer removes its row. It lives on the
ground floor because month names (core.formatting) show a proposal with the
Spanish beside it until it is confirmed.
"""

import functools

from django.conf import settings

from .languages import LANGUAGE_CODES


def review_file():
    return settings.LOCALE_PATHS[0] / "REVIEW.md"


class ReviewRow:
    __slots__ = ("language", "msgid", "proposal", "reason")

    def __init__(self, language, msgid, proposal, reason):
        self.language = language
        self.msgid = msgid
        self.proposal = proposal
        self.reason = reason


def parse_review_rows(text):
    """Rows of the REVIEW.md table: | lang | string | proposal | why unsure |."""
    rows = []
    for line in text.splitlines():
        if not line.lstrip().startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4:
            continue
        language = cells[0].strip("`")
        if language in LANGUAGE_CODES:
            rows.append(ReviewRow(language, *(cell.strip("`") for cell in cells[1:])))
    return rows


@functools.cache
def _awaiting_review():
    """(language, msgid) of every listed string, read once per process: the
    file changes with a deploy, like the catalogs."""
    try:
        text = review_file().read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset((row.language, row.msgid) for row in parse_review_rows(text))


def awaits_review(language, msgid):
    """Is this interface string of ``language`` a proposal not yet confirmed?"""
    return (language, msgid) in _awaiting_review()


def languages_awaiting_review():
    return frozenset(language for language, _msgid in _awaiting_review())
