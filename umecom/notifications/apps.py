from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-app notifications and their e-mails; upper apps register the kinds they send."""

    name = "umecom.notifications"
    label = "notifications"
    verbose_name = _("Notiser")

    def ready(self):
        from people.services.privacy import register_export_section

        from .models import Notification

        def export(*, user):
            return [
                {
                    "kind": n.kind,
                    "payload": n.payload,
                    "created_at": n.created_at.isoformat(),
                    "read_at": n.read_at.isoformat() if n.read_at else None,
                }
                for n in Notification.objects.filter(recipient=user).order_by("created_at")
            ]

        register_export_section("notifications", export)
