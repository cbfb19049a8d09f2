"""`manage.py load_demo`: a complete, bilingual demo site in one idempotent transaction."""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from umecom.core.demo.loader import STAFF_USERS, load_demo
from umecom.core.demo.users import DEMO_PASSWORD

QUIET_LOGGERS = ("wagtail", "django_tasks")


class Command(BaseCommand):
    help = (
        "Fyller databasen med demoinnehåll: startsida, utmaningar i olika faser, "
        "innehållssidor, bilder och demokonton. Kan köras flera gånger."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        # Wagtail and django-tasks log every page save at INFO; keep the progress lines readable.
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
        self.quiet = options["verbosity"] == 0
        state = load_demo(progress=self._progress)
        elapsed = time.monotonic() - started
        if self.quiet:
            return

        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"Demoinnehållet är klart ({elapsed:.1f} s)."))
        out.write(
            f"  {len(state.challenges)} utmaningar ({len(state.translations)} även på engelska), "
            f"{len(state.pages)} innehållssidor ({len(state.pages_en)} även på engelska), "
            f"{len(state.images)} bilder."
        )
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        out.write(f"  Webbplats: {base}/   (engelska: {base}/en/)")
        out.write(f"  Administration: {base}/admin/")
        out.write("  Inloggning med e-postadress, i admin och på webbplatsen:")
        created = dict(state.users)
        for username, email, group, _superuser, _name in STAFF_USERS:
            role = group or "superanvändare"
            note = "" if created.get(username) else "  (fanns redan: lösenordet ändrades inte)"
            out.write(f"    {username:<11} {email:<28} {DEMO_PASSWORD}   {role}{note}")

    def _progress(self, number, total, label, run):
        if self.quiet:
            return run()
        self.stdout.write(f"[{number}/{total}] {label} … ", ending="")
        self.stdout.flush()
        started = time.monotonic()
        note = run()
        took = time.monotonic() - started
        self.stdout.write(f"klart ({took:.1f} s){f' – {note}' if note else ''}")
