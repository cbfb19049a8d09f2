from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "umecom.core"
    label = "core"
    verbose_name = _("Webbplats")

    def ready(self) -> None:
        from . import signals

        signals.connect()
