"""Geometry of the validity timeline: one bar per subject across exam years, the pending sitting marked.

Pure Python; the template draws the SVG from these numbers (no JavaScript, scales to any width).
"""
from dataclasses import dataclass

LABEL_WIDTH = 0  # subject names are drawn above each bar so that the chart stays narrow on a phone
YEAR_WIDTH = 60
ROW_HEIGHT = 44
TOP = 28
BAR_HEIGHT = 16
FOOT = 22  # room under the bars for the label of the pending column


@dataclass(frozen=True)
class Bar:
    subject: str
    label: str
    state: str
    x: int
    y: int
    width: int
    label_y: int
    text: str


@dataclass(frozen=True)
class Timeline:
    years: list[tuple[int, int]]  # (year, x)
    bars: list[Bar]
    pending_x: int
    pending_label_y: int
    width: int
    height: int
    summary: str


def timeline_for(rows, pending: int, summary: str) -> Timeline:
    """Lay out `rows` (SubjectRow of the level) on a grid of exam years around `pending`."""
    starts = [row.pass_year for row in rows if row.pass_year]
    ends = [row.valid_through for row in rows if row.valid_through]
    first = min([pending - 3, *starts])
    last = max([pending + 1, *ends])
    years = [(year, LABEL_WIDTH + (year - first) * YEAR_WIDTH) for year in range(first, last + 1)]
    bars = []
    shown = [row for row in rows if row.state != "exempt"]
    for index, row in enumerate(shown):
        y = TOP + index * ROW_HEIGHT + 16
        if row.pass_year:
            x = LABEL_WIDTH + (row.pass_year - first) * YEAR_WIDTH + 2
            width = (row.valid_through - row.pass_year + 1) * YEAR_WIDTH - 4
            text = f"{row.pass_year}–{row.valid_through}"
        else:
            x, width, text = LABEL_WIDTH + (pending - first) * YEAR_WIDTH + 2, YEAR_WIDTH - 4, ""
        bars.append(Bar(row.subject, row.label, row.state, x, y, width, y - 4, text))
    width = LABEL_WIDTH + len(years) * YEAR_WIDTH
    bars_bottom = TOP + len(shown) * ROW_HEIGHT + 8
    height = bars_bottom + FOOT
    pending_x = LABEL_WIDTH + (pending - first) * YEAR_WIDTH
    return Timeline(years, bars, pending_x, bars_bottom + 14, width, height, summary)
