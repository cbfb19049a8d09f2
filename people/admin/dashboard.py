"""The dashboard panel with the participation mix as server-side SVG bar charts."""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from people.selectors.commitments import commitments_awaiting_decision, participation_mix
from umecom.core.admin_charts import bar_chart

LABEL_WIDTH = 190
CHART_WIDTH = 560


class ParticipationPanel(Component):
    name = "participation_mix"
    order = 150
    template_name = "people/admin/participation_panel.html"

    def get_context_data(self, parent_context=None):
        charts = [
            bar_chart(chart, chart_width=CHART_WIDTH, label_width=LABEL_WIDTH)
            for chart in participation_mix()
        ]
        return {"charts": charts}


class PendingCommitmentsPanel(Component):
    """Sign-ups waiting for an answer: accept in one click, or open the answer form to decline
    (declining needs a reason, which the participant receives)."""

    name = "pending_commitments"
    order = 140
    template_name = "people/admin/pending_commitments_panel.html"

    def get_context_data(self, parent_context=None):
        rows, total = commitments_awaiting_decision(limit=10)
        return {"rows": rows, "total": total}
