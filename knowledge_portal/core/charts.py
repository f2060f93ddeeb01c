"""Charts drawn on the server as inline SVG: no JavaScript, nothing invented.

Each function lays a chart out in SVG user units (a ``viewBox`` 360 wide, a
phone's width, scaled to the page's width by CSS) and returns what the
templates in ``core/includes/charts/`` draw. Every text a chart draws is a
``ChartText``: plain text and the language it is written in. Inside SVG a
``<span lang="es">`` (how the Spanish fallback of a Kichwa or Shuar string is
marked elsewhere, ``fallback_marks``) would end the ``<svg>`` element, so the
language goes on the ``<text>`` element itself.

Colours come from the site's stylesheet (classes, never colour alone: sowing
is a seed's dot in a light cell, harvest a solid cell, and every row and bar
has its words). No ``url()`` (patterns, clips): a pack fetches nothing, and
its tests look for none.
"""

import math
from dataclasses import dataclass, field

from django.utils import translation

from .fallback_marks import MARKS
from .formatting import format_number, month_names
from .languages import DEFAULT_LANGUAGE

#: Every chart is this many SVG units wide; CSS scales it to the page.
WIDTH = 360
MARGIN = 6
#: SVG units a character of the charts' 14-unit text takes, at most (a
#: little more than an average sans-serif letter, so nothing overflows).
CHAR_WIDTH = 8.2


@dataclass(frozen=True)
class ChartText:
    """A text a chart draws; ``lang`` only where it is not the page's."""

    text: str
    lang: str | None = None


def chart_text(text, written_in, language):
    return ChartText(text, written_in if written_in != language else None)


def shown_text(message, language=None, params=None):
    """An interface string (with its ``%`` ``params``) as a chart draws it:
    its text without fallback marks, and ``es`` as its language where it is
    the Spanish shown for an untranslated Kichwa or Shuar string."""
    language = language or translation.get_language() or DEFAULT_LANGUAGE

    def text_of(message):
        text = MARKS.sub("", str(message))
        return text % params if params else text

    text = text_of(message)
    if language != DEFAULT_LANGUAGE:
        with translation.override(DEFAULT_LANGUAGE):
            spanish = text_of(message)
        if text == spanish:
            return ChartText(text, DEFAULT_LANGUAGE)
    return ChartText(text)


def page_title(page, language=None):
    """A page's title as a chart draws it: Spanish while it awaits
    translation (as the ``shown_title`` filter marks it)."""
    language = language or translation.get_language() or DEFAULT_LANGUAGE
    status = (getattr(page, "translation_status", None) or {}).get("title") or {}
    if status.get("status") == "awaiting-translation":
        return chart_text(page.title, DEFAULT_LANGUAGE, language)
    return ChartText(page.title)


def text_width(text):
    return len(str(text)) * CHAR_WIDTH


def wrap(text, width, max_lines=3):
    """``text`` in lines that fit ``width`` SVG units; the last line ends
    with an ellipsis if more would be needed."""
    per_line = max(4, int(width // CHAR_WIDTH))
    lines, current = [], ""
    for word in str(text).split():
        while len(word) > per_line:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:per_line])
            word = word[per_line:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= per_line:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: per_line - 1].rstrip() + "…"
    return lines or [""]


# -- a year of months -------------------------------------------------------


@dataclass
class MonthSeries:
    """One row of a month chart: what happens (sowing, harvest) and when."""

    key: str
    label: ChartText
    months: list
    dotted: bool = False
    cells: list = field(default_factory=list)
    names: list = field(default_factory=list)
    label_y: float = 0
    swatch_y: float = 0
    swatch_center: float = 0
    cell_y: float = 0
    dot_y: float = 0


MONTH_COLUMN = (WIDTH - 2 * MARGIN) / 12
MONTH_CELL = 26
MONTH_HEAD = 22
SERIES_HEIGHT = 58


def month_chart(series, language=None):
    """Twelve columns, January first, and a row of cells per series
    (``[(key, label, months, dotted)]``: the months it lists marked, with a
    dot or solid, so that rows differ by more than colour). None when
    no series lists a month: a chart of nothing says nothing."""
    if not any(row[2] for row in series):
        return None
    language = language or translation.get_language() or DEFAULT_LANGUAGE
    names = month_names(language)
    columns = [
        {
            "number": number,
            "x": MARGIN + (number - 1) * MONTH_COLUMN,
            "center": round(MARGIN + (number - 0.5) * MONTH_COLUMN, 1),
            # A printed calendar's first letters: the names are in words
            # beside the chart.
            "initial": chart_text(
                names[number - 1].text[:1].upper(),
                names[number - 1].language,
                language,
            ),
            "name": names[number - 1],
        }
        for number in range(1, 13)
    ]
    rows = []
    for index, (key, label, months, dotted) in enumerate(series):
        top = MONTH_HEAD + index * SERIES_HEIGHT
        row = MonthSeries(key, shown_text(label, language), sorted(set(months)), dotted)
        row.label_y = top + 20
        row.swatch_y = top + 8
        row.swatch_center = top + 15
        row.cell_y = top + 28
        row.dot_y = row.cell_y + MONTH_CELL / 2
        row.cells = [
            {
                "number": column["number"],
                "x": round(column["x"] + 1.5, 1),
                "center": column["center"],
                "on": column["number"] in row.months,
            }
            for column in columns
        ]
        row.names = [column["name"] for column in columns if column["number"] in months]
        rows.append(row)
    return {
        "width": WIDTH,
        "height": MONTH_HEAD + len(rows) * SERIES_HEIGHT + 4,
        "columns": columns,
        "series": rows,
        "cell_width": round(MONTH_COLUMN - 3, 1),
        "cell_height": MONTH_CELL,
        "head_y": MONTH_HEAD - 6,
    }


# -- bars -------------------------------------------------------------------

BAR_TRACK = 250
BAR_HEIGHT = 22
LINE_HEIGHT = 18


def bar_chart(rows, language=None):
    """Horizontal bars, one per ``{"label": ChartText, "value", "total"}``,
    each as long as its share of its total, with the numbers in words
    beside it. None when there is no row."""
    if not rows:
        return None
    language = language or translation.get_language() or DEFAULT_LANGUAGE
    bars, y = [], 0
    for row in rows:
        label, value, total = row["label"], row["value"], row["total"]
        lines = wrap(label.text, WIDTH - 2 * MARGIN)
        line_ys = [y + LINE_HEIGHT * (number + 1) - 4 for number in range(len(lines))]
        bar_y = y + LINE_HEIGHT * len(lines) + 4
        share = value / total if total else 0
        bars.append(
            {
                "label": label,
                "lines": list(zip(line_ys, lines, strict=True)),
                "bar_y": bar_y,
                "width": round(BAR_TRACK * share, 1),
                "value": value,
                "total": total,
                "numbers": f"{format_number(value, language)}/"
                f"{format_number(total, language)}",
                "numbers_y": bar_y + BAR_HEIGHT - 6,
            }
        )
        y = bar_y + BAR_HEIGHT + 14
    return {
        "width": WIDTH,
        "height": y,
        "bars": bars,
        "track": BAR_TRACK,
        "bar_height": BAR_HEIGHT,
        "numbers_x": MARGIN + BAR_TRACK + 8,
    }


# -- bands of links -----------------------------------------------------------

CHIP_HEIGHT = 40
CHIP_GAP = 8
CHIP_PADDING = 12
BAND_LABEL = 28


def band_chart(bands):
    """Bands one above the other, each ``{"key", "label": ChartText,
    "items": [{"text": ChartText, "href"}]}``, its items drawn as chips (links
    a finger can hit) in rows that fit the width. Bands without items are
    left out; None when none is left."""
    inner = WIDTH - 2 * MARGIN
    laid, y = [], 0
    for band in bands:
        if not band["items"]:
            continue
        top = y
        x, row_y = MARGIN + CHIP_PADDING, top + BAND_LABEL + 4
        chips = []
        for item in band["items"]:
            max_width = inner - 2 * CHIP_PADDING
            text = item["text"].text
            if text_width(text) + 2 * CHIP_PADDING > max_width:
                text = wrap(text, max_width - 2 * CHIP_PADDING, max_lines=1)[0]
            chip_width = math.ceil(text_width(text) + 2 * CHIP_PADDING)
            if x + chip_width > MARGIN + inner - CHIP_PADDING and chips:
                x = MARGIN + CHIP_PADDING
                row_y += CHIP_HEIGHT + CHIP_GAP
            chips.append(
                {
                    "text": ChartText(text, item["text"].lang),
                    "href": item["href"],
                    "x": x,
                    "y": row_y,
                    "width": chip_width,
                    "text_x": x + chip_width / 2,
                    "text_y": row_y + CHIP_HEIGHT / 2 + 5,
                }
            )
            x += chip_width + CHIP_GAP
        bottom = row_y + CHIP_HEIGHT + CHIP_PADDING
        laid.append(
            {
                "key": band["key"],
                "label": band["label"],
                "items": band["items"],
                "y": top,
                "height": bottom - top,
                "label_y": top + 20,
                "chips": chips,
            }
        )
        y = bottom + 4
    if not laid:
        return None
    return {
        "width": WIDTH,
        "height": y,
        "bands": laid,
        "inner": inner,
        "chip_height": CHIP_HEIGHT,
    }
