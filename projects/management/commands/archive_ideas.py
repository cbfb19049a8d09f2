"""Archive the ideas of completed challenges, for cron (README, "Running in production")."""

from django.core.management.base import BaseCommand

from projects.services.ideas import archive_ideas_of_completed_challenges


class Command(BaseCommand):
    help = (
        "Arkiverar publicerade och utvalda idéer i utmaningar vars alla faser är över. "
        "Körs dagligen från cron; kan köras flera gånger."
    )

    def handle(self, *args, **options):
        archived = archive_ideas_of_completed_challenges()
        self.stdout.write(f"{archived} idé(er) arkiverade")
