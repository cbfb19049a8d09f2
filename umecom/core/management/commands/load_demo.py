"""`manage.py load_demo`: a complete, bilingual demo site in one idempotent transaction."""

import importlib.util
import io
import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from umecom.core.demo.loader import DEMO_PASSWORD, STAFF_USERS, load_demo

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
        state = load_demo(progress=self._progress, extra_steps=[self._people_step()])
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
        out.write("  Inloggning (användarnamn i admin, e-post på webbplatsen):")
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

    def _people_step(self):
        """People and organisations come from people/demo.py when its owner has written it."""

        def run(state):
            if importlib.util.find_spec("people.demo") is None:
                return "hoppar över: people/demo.py finns inte ännu"
            from people.demo import load_people_demo

            # Captured so its summary lands on our progress line instead of splitting it.
            captured = io.StringIO()
            load_people_demo(stdout=captured)
            return " ".join(captured.getvalue().split())

        return ("Skapar personer och organisationer", run)
