from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Project teams and matchmaking (on the roadmap: see README)."""

    name = "projects"
    verbose_name = _("Projekt")
