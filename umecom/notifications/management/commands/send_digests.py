"""Daily digest e-mails, for cron (README, "Running in production")."""

from django.core.management.base import BaseCommand

from umecom.notifications.services import send_digests


class Command(BaseCommand):
    help = "E-mail one digest to everyone who chose a daily summary and has unread news."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) queued")
