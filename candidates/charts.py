"""Server-side SVG bar charts: geometry only, the template draws them with the numbers beside each bar."""
from dataclasses import dataclass

LABEL_WIDTH = 150
BAR_AREA = 160
ROW = 26


@dataclass(frozen=True)
class BarRow:
    label: str
    text: str
    y: int
    width: int


@dataclass(frozen=True)
class BarChart:
    title: str
    rows: list[BarRow]
    height: int
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA

    @property
    def width(self) -> int:
        return self.label_width + self.bar_area + 80

    @property
    def text_x(self) -> int:
        return self.label_width + self.bar_area + 6


def rate_chart(title: str, items: list[tuple[str, int, int]]) -> BarChart:
    """Return a chart of pass rates from (label, passed, sat) items; a label with nothing sat draws no bar."""
    rows = []
    for index, (label, passed, sat) in enumerate(items):
        share = passed / sat if sat else 0
        text = f"{share:.0%} ({passed}/{sat})" if sat else "—"
        rows.append(BarRow(label, text, 6 + index * ROW, round(share * BAR_AREA)))
    return BarChart(title, rows, 12 + len(items) * ROW)
