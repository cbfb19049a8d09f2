"""Per-challenge dashboard for the innovation team: server-side SVG bar charts with the same
numbers as tables (umecom/core/admin_charts.py, shared with the people participation panel)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from challenges.models import ChallengePage
from umecom.core.admin_charts import bar_chart

from .. import permissions
from ..selectors.ideas import idea_dashboard

LABEL_WIDTH = 210
CHART_WIDTH = 600


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
    charts = [
        bar_chart(chart, chart_width=CHART_WIDTH, label_width=LABEL_WIDTH)
        for chart in (idea_dashboard(challenge=chosen) if chosen else [])
    ]
    return TemplateResponse(
        request,
        "projects/admin/dashboard.html",
        {
            "challenges": challenges,
            "chosen": chosen,
            "charts": charts,
        },
    )
