"""Per-challenge dashboard for the innovation team: server-side SVG bar charts with the same
numbers as tables (like the people participation panel)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from challenges.models import ChallengePage

from .. import permissions
from ..selectors.ideas import idea_dashboard

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 210
CHART_WIDTH = 600


def _layout(chart) -> dict:
    scale = (CHART_WIDTH - LABEL_WIDTH - 50) / chart.max_value if chart.max_value else 0
    bars = [
        {
            "label": bar.label,
            "value": bar.value,
            "y": i * (BAR_HEIGHT + BAR_GAP),
            "text_y": round(i * (BAR_HEIGHT + BAR_GAP) + BAR_HEIGHT * 0.7, 1),
            "width": round(bar.value * scale, 1),
            "value_x": LABEL_WIDTH + round(bar.value * scale, 1) + 6,
        }
        for i, bar in enumerate(chart.bars)
    ]
    return {
        "chart": chart,
        "bars": bars,
        "height": max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP),
        "summary": "; ".join(f"{b.label}: {b.value}" for b in chart.bars),
    }


def dashboard_view(request):
    if not permissions.can_review_idea(request.user):
        raise PermissionDenied
    challenges = list(
        ChallengePage.objects.filter(locale__language_code="sv").order_by("title").only("title")
    )
    raw = request.GET.get("utmaning", "")
    chosen = None
    if raw.isdigit() and len(raw) <= 18:
        chosen = next((c for c in challenges if c.pk == int(raw)), None)
    chosen = chosen or (challenges[0] if challenges else None)
    charts = [_layout(c) for c in idea_dashboard(challenge=chosen)] if chosen else []
    return TemplateResponse(
        request,
        "projects/admin/dashboard.html",
        {
            "challenges": challenges,
            "chosen": chosen,
            "charts": charts,
            "width": CHART_WIDTH,
            "label_width": LABEL_WIDTH,
            "bar_height": BAR_HEIGHT,
        },
    )
