"""Server-side SVG bar charts for admin dashboards, with the same numbers as a table.

People's participation panel and the ideas dashboard both draw them: a selector returns charts
(`key`, `title`, `total`, `max_value` and `bars` of `label` and `value`), `bar_chart` lays one
out, and templates/includes/admin_bar_chart.html draws it (SVG for the eye, a table for
screen readers and for copying the numbers).
"""

from __future__ import annotations

BAR_HEIGHT = 22
BAR_GAP = 8


def bar_chart(chart, *, chart_width: int, label_width: int) -> dict:
    """The coordinates of one chart's bars; the longest bar leaves room for its number."""
    scale = (chart_width - label_width - 50) / chart.max_value if chart.max_value else 0
    bars = [
        {
            "label": bar.label,
            "value": bar.value,
            "y": i * (BAR_HEIGHT + BAR_GAP),
            "text_y": round(i * (BAR_HEIGHT + BAR_GAP) + BAR_HEIGHT * 0.7, 1),
            "width": round(bar.value * scale, 1),
            "value_x": label_width + round(bar.value * scale, 1) + 6,
        }
        for i, bar in enumerate(chart.bars)
    ]
    return {
        "chart": chart,
        "bars": bars,
        "height": max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP),
        "summary": "; ".join(f"{b.label}: {b.value}" for b in chart.bars),
        "width": chart_width,
        "label_width": label_width,
        "bar_height": BAR_HEIGHT,
    }
