from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Ideas (and later project teams and matchmaking) — above people/ in the layering."""

    name = "projects"
    verbose_name = _("Idéer och projekt")

    def ready(self):
        from challenges.panels import register_page_panel
        from people.services.privacy import register_deletion_step, register_export_section
        from umecom.notifications.services import forget_actor

        from . import notifications, notifications_teams, privacy, privacy_teams, signals_teams
        from .views import challenge_panel_context
        from .views.challenge_projects import challenge_projects_panel_context

        register_export_section("ideas", privacy.export_ideas)
        register_export_section("idea_coauthorships", privacy.export_coauthorships)
        register_export_section("idea_supports", privacy.export_supports)
        register_export_section("follows", privacy.export_follows)
        register_export_section("idea_flags", privacy.export_flags)
        register_deletion_step("ideas", privacy.delete_user_ideas)
        register_export_section("projects", privacy_teams.export_projects)
        register_deletion_step("projects", privacy_teams.delete_user_projects)
        # Last: leaving teams on the way out notifies the teams by name, and the name must go
        # from those too. (Registered here, not by umecom.notifications, whose ready() runs
        # before this one.)
        register_deletion_step("notification_names", forget_actor)
        signals_teams.connect()
        notifications.register_kinds()
        notifications_teams.register_kinds()
        from .matchmaking import signals as matchmaking_signals

        matchmaking_signals.connect()
        register_page_panel(
            "ideas", slot="main", template="projects/includes/challenge_ideas.html",
            get_context=challenge_panel_context, order=10,
        )  # fmt: skip
        register_page_panel(
            "projects", slot="main", template="projects/includes/challenge_projects.html",
            get_context=challenge_projects_panel_context, order=20,
        )  # fmt: skip
