"""Charts drawn on the server as inline SVG (no script, no CDN, nothing fetched): a percentage line chart over
periods and a percentage bar chart over categories. Python does the geometry; `core/_line_chart.html` and
`core/_bar_chart.html` draw it. Black text, dark strokes, a dash pattern per series and the value written beside
every point or bar, so the chart reads the same on a black-and-white printout."""
from __future__ import annotations

from dataclasses import dataclass, field

# Per series: stroke colour (dark enough to print grey) and dash pattern ("" = solid) and point marker.
STYLES = (("#1f4e9c", "", "circle"), ("#8a3b00", "6 4", "square"), ("#2f6b2f", "2 3", "circle"))


@dataclass
class LineSeries:
    name: str
    values: list  # one per period: a percentage 0..100, or None where nothing was counted
    notes: list = field(default_factory=list)  # e.g. the count behind each value ("12")


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def line_chart(title: str, periods: list[str], series: list[LineSeries], *, width: int = 680,
               height: int = 260) -> dict:
    """Periods along x, 0–100 % up y; a series' line breaks where a period has no value."""
    left, right, top, bottom = 44, 30, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(periods) - 1) if len(periods) > 1 else 0

    def x(i: int) -> float:
        return round(left + (i * step if len(periods) > 1 else plot_w / 2), 1)

    def y(value: float) -> float:
        return round(top + plot_h * (1 - max(0.0, min(100.0, value)) / 100), 1)

    drawn = []
    for n, s in enumerate(series):
        colour, dash, marker = STYLES[n % len(STYLES)]
        segments, current, points = [], [], []
        for i, value in enumerate(s.values):
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append(f"{x(i)},{y(value)}")
            points.append({"x": x(i), "y": y(value), "mx": round(x(i) - 3, 1), "my": round(y(value) - 3, 1),
                           "text": _fmt(value) + "%",
                           # the first series writes its values above its points, the next below (above at 0 %)
                           "ty": y(value) - 7 if n % 2 == 0 or y(value) + 15 > top + plot_h - 2 else y(value) + 15,
                           "note": s.notes[i] if i < len(s.notes) else ""})
        if current:
            segments.append(current)
        drawn.append({"name": s.name, "colour": colour, "dash": dash, "marker": marker, "points": points,
                      "paths": [" ".join(seg) for seg in segments if len(seg) > 1]})
    grid = [{"y": y(v), "label": f"{v}%"} for v in (0, 25, 50, 75, 100)]
    ticks = [{"x": x(i), "label": label} for i, label in enumerate(periods)]
    legend = [{"x": left + 200 * n, "x2": left + 200 * n + 24, "tx": left + 200 * n + 30, "name": s["name"],
               "colour": s["colour"], "dash": s["dash"]} for n, s in enumerate(drawn)]
    return {"title": title, "width": width, "height": height, "left": left, "right": width - right,
            "bottom": top + plot_h, "label_y": top + plot_h + 16, "legend_y": height - 8,
            "legend_line_y": height - 12, "grid_label_x": left - 4, "grid": grid,
            "ticks": ticks, "series": drawn, "legend": legend,
            "empty": not any(s["points"] for s in drawn)}


def bar_chart(title: str, rows: list[tuple[str, float | None, str]], *, width: int = 680) -> dict:
    """One horizontal bar per category: (words, percentage or None, a note such as the count)."""
    label_w, bar_w, row_h = 150, width - 150 - 150, 26
    bars = []
    for i, (label, value, note) in enumerate(rows):
        w = 0.0 if value is None else round(bar_w * max(0.0, min(100.0, value)) / 100, 1)
        bars.append({"label": label, "y": 8 + i * row_h, "bar_y": 10 + i * row_h, "text_y": 22 + i * row_h, "w": w, "text": "—" if value is None else _fmt(value) + "%",
                     "note": note, "tx": label_w + w + 6})
    return {"title": title, "width": width, "height": 16 + len(rows) * row_h, "axis_end": 12 + len(rows) * row_h,
            "label_x": label_w - 6, "label_w": label_w,
            "bar_w": bar_w, "bars": bars, "end": label_w + bar_w, "empty": not rows}
