from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search entry point over everything; Elasticsearch or the database (on the roadmap)."""

    name = "search"
    verbose_name = _("Sök")
