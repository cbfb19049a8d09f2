"""Umecom's copies of Wagtail admin templates stay Wagtail's template plus the lines we add."""

import re
from pathlib import Path

import wagtail.admin
from django.conf import settings

OVERRIDES = {
    # our copy → the marked additions we made to it
    "wagtailadmin/shared/editing_sessions/module.html": 1,
}


def _without_umecom_lines(text: str) -> str:
    text = re.sub(r"\{% comment %\}\s*Umecom:.*?\{% endcomment %\}\n", "", text, flags=re.S)
    # an added line is announced by a {# Umecom: … #} comment on the line before it
    return re.sub(r"[ \t]*\{# Umecom:[^\n]*#\}\n[^\n]*\n", "", text)


def test_overridden_admin_templates_match_the_installed_wagtail():
    wagtail_templates = Path(wagtail.admin.__file__).parent / "templates"
    for name, additions in OVERRIDES.items():
        ours = (Path(settings.BASE_DIR) / "templates" / name).read_text()
        assert ours.count("{# Umecom:") == additions, name
        upstream = (wagtail_templates / name).read_text()
        assert _without_umecom_lines(ours) == upstream, (
            f"{name} changed in Wagtail: copy it again and re-apply Umecom's marked lines"
        )


def test_editing_session_ping_always_sends_a_field(client, django_user_model, db):
    """An empty FormData body is what Twisted rejects; the module must always carry a field."""
    from umecom.taxonomy.models import Theme

    admin = django_user_model.objects.create_superuser("t-admin", "t-admin@example.org", "x")
    theme = Theme.objects.create(name="Vatten", slug="vatten")
    client.force_login(admin)
    html = client.get(f"/admin/snippets/taxonomy/theme/edit/{theme.pk}/").content.decode()
    form = html[html.index('class="w-editing-sessions"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="ping" value="1" />' in form


def test_admin_bar_charts_are_drawn_by_one_template():
    """The people dashboard panel and the ideas dashboard share one chart template (and one
    layout, umecom/core/admin_charts.py): a fix to the chart's markup lands in both."""
    templates = Path(settings.BASE_DIR) / "templates"
    drawing = sorted(
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if 'class="umecom-chart"' in path.read_text()
    )
    assert drawing == ["includes/admin_bar_chart.html"]
    for user in ("people/admin/participation_panel.html", "projects/admin/dashboard.html"):
        assert '{% include "includes/admin_bar_chart.html"' in (templates / user).read_text()
