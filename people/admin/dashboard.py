"""The dashboard panel with the participation mix as server-side SVG bar charts."""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from people.selectors.commitments import commitments_awaiting_decision, participation_mix

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190
CHART_WIDTH = 560


class ParticipationPanel(Component):
    name = "participation_mix"
    order = 150
    template_name = "people/admin/participation_panel.html"

    def get_context_data(self, parent_context=None):
        charts = []
        for chart in participation_mix():
            scale = (CHART_WIDTH - LABEL_WIDTH - 50) / chart.max_value if chart.max_value else 0
            bars = [
                {
                    "label": bar.label,
                    "value": bar.value,
                    "y": i * (BAR_HEIGHT + BAR_GAP),
                    "text_y": i * (BAR_HEIGHT + BAR_GAP) + BAR_HEIGHT * 0.7,
                    "width": round(bar.value * scale, 1),
                    "value_x": LABEL_WIDTH + round(bar.value * scale, 1) + 6,
                }
                for i, bar in enumerate(chart.bars)
            ]
            charts.append(
                {
                    "chart": chart,
                    "bars": bars,
                    "height": max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP),
                    "summary": "; ".join(f"{b.label}: {b.value}" for b in chart.bars),
                }
            )
        return {
            "charts": charts,
            "width": CHART_WIDTH,
            "label_width": LABEL_WIDTH,
            "bar_height": BAR_HEIGHT,
        }


class PendingCommitmentsPanel(Component):
    """Sign-ups waiting for an answer: accept in one click, or open the answer form to decline
    (declining needs a reason, which the participant receives)."""

    name = "pending_commitments"
    order = 140
    template_name = "people/admin/pending_commitments_panel.html"

    def get_context_data(self, parent_context=None):
        rows, total = commitments_awaiting_decision(limit=10)
        return {"rows": rows, "total": total}
