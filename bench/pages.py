"""Page benchmark: SQL queries and latency of the challenge pages at 20 and at 500 challenges.

    python bench/pages.py                     # or: make bench (SQLite)
    python bench/pages.py --postgres postgres://postgres@127.0.0.1:5432/umecom_bench
    DATABASE_URL=postgres://… python bench/pages.py   # the same: SQLite and that PostgreSQL
    python bench/pages.py --sql               # also print each page's SQL (160 characters each)

Measures the challenge index and a challenge page, for an anonymous visitor and for a
signed-in member with a sign-up of their own, on SQLite and (when asked) PostgreSQL. Each
database runs in a child process, because Django's settings pick one database per process.
Each builds a throw-away database (a temporary SQLite file, or `test_<name>` next to the
PostgreSQL database given — that database itself is never touched), seeds a site with menu,
footer, one hero image shared by all challenges and ten participants on the measured
challenge, and renders pages in-process through Django's test client, without the test
framework's template instrumentation (it copies every template context, which no real
request does).

Reported per page and visitor: queries, wall-clock p50/p95 and the process's CPU time p50
(`cpu_p50_ms`; on a busy machine wall time includes waiting for a core, CPU time does not).
Human-readable lines first; the LAST line is one JSON object. Exits 1 if a page's query
count grows with the number of challenges (a hidden per-row query) or exceeds
`MAX_QUERIES`.
"""

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (20, 500)
REQUESTS = 30
MAX_QUERIES = 12
VISITORS = ("anonymous", "member")


def log(message: str) -> None:
    print(message, flush=True)


# --- Child: one database ----------------------------------------------------------------------


def _setup_django(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "umecom.settings.test"
    os.environ["UMECOM_VAR_DIR"] = str(workdir)  # media and the SQLite file stay in the temp dir
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def create_database(workdir: Path) -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        # A file, not Django's in-memory default, so latency includes real I/O as in `make run`.
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "bench.sqlite3")
    return connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)


def seed_site():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Page, Site

    from challenges.models import ChallengeIndexPage
    from umecom.core.models import ContentPage, HomePage, SiteFooter, SiteMenuItem
    from umecom.taxonomy.models import District, Theme

    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Umecom", slug="bench-home", hero_heading="Utmaningar för Umeå")
    )
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Umecom"},
    )
    index = home.add_child(instance=ChallengeIndexPage(title="Utmaningar", slug="utmaningar"))
    about = home.add_child(instance=ContentPage(title="Om Umecom", slug="om-umecom"))
    how = home.add_child(instance=ContentPage(title="Så fungerar det", slug="sa-fungerar-det"))
    footer = SiteFooter.for_site(site)
    footer.menu_items = [SiteMenuItem(page=p) for p in (index, how, about)]
    footer.about_page = footer.privacy_page = footer.accessibility_page = about
    footer.how_it_works_page = how
    footer.contact_text = "<p>Umeå kommun, <b>innovation@umea.example</b></p>"
    footer.save()
    themes = [
        Theme.objects.create(name=name, slug=name.lower())
        for name in ("Klimat", "Mobilitet", "Trygghet", "Kultur")
    ]
    districts = [
        District.objects.create(name=name, name_en=name, slug=name.lower())
        for name in ("Centrum", "Ersboda", "Holmsund", "Teg", "Ålidhem")
    ]
    image = get_image_model().objects.create(
        title="Älven", description="Umeälven en vårdag", file=get_test_image_file()
    )
    return index, themes, districts, image


def add_challenges(index, themes, districts, image, *, start: int, stop: int) -> None:
    from challenges.models import ChallengePage, ChallengePhase
    from challenges.phases import PhaseKind

    today = dt.date.today()
    kinds = list(PhaseKind)
    for n in range(start, stop):
        offset = (n % 9) * 30 - 120  # spread over upcoming, open, running and completed
        phases = [
            ChallengePhase(
                kind=kind,
                start_date=today + dt.timedelta(days=offset + 40 * i),
                end_date=today + dt.timedelta(days=offset + 40 * i + 35),
                sort_order=i,
            )
            for i, kind in enumerate(kinds)
        ]
        page = ChallengePage(
            title=f"Utmaning {n + 1}: hur gör vi staden bättre?",
            slug=f"utmaning-{n + 1}",
            summary="En kort sammanfattning som visas i listor och sökresultat.",
            department="Stadsbyggnadskontoret",
            contact_name="Kim Kontakt",
            idea_deadline=today + dt.timedelta(days=offset + 35) if n % 2 else None,
            wanted_actor_types=["citizen", "company"],
            hero_image=image,
            live=True,
        )
        page.phases = phases
        page.themes = [themes[n % len(themes)], themes[(n + 1) % len(themes)]]
        page.districts = [districts[n % len(districts)]]
        index.add_child(instance=page)


def seed_people(challenge):
    """Ten accepted participants and a member with a pending sign-up of their own."""
    from django.contrib.auth import get_user_model

    from people.models import Commitment, CommitmentStatus

    users = get_user_model().objects
    for n in range(10):
        person = users.create_user(f"deltagare{n}", f"deltagare{n}@umecom.example", "x")
        Commitment.objects.create(
            challenge=challenge, user=person, status=CommitmentStatus.ACCEPTED
        )
    member = users.create_user("medlem", "medlem@umecom.example", "x")
    Commitment.objects.create(challenge=challenge, user=member, status=CommitmentStatus.PENDING)
    return member


def measure(client, url: str, show_sql: bool) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # first hits fill caches (site shell, routes, renditions, templates)
        warm = client.get(url)
        if warm.status_code != 200:
            raise SystemExit(f"GET {url} returned {warm.status_code}; cannot benchmark it")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # counted now: every request empties the connection's log
    if show_sql:
        log(f"  SQL of {url}:")
        for query in queries.captured_queries:
            log(f"    {query['sql'][:160]}")
    wall, cpu = [], []
    for _ in range(REQUESTS):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    wall.sort()
    return {
        "queries": query_count,
        "p50_ms": round(statistics.median(wall), 1),
        "p95_ms": round(wall[int(0.95 * (len(wall) - 1))], 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "bytes": len(warm.content),
    }


def run_child(show_sql: bool) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="umecom-bench-"))
    _setup_django(workdir)
    from django.db import connection
    from django.test import Client

    from challenges.models import ChallengePage

    started = time.perf_counter()
    old_name = connection.settings_dict["NAME"]
    create_database(workdir)
    vendor = connection.vendor
    log(f"{vendor}: migrated in {time.perf_counter() - started:.1f}s")
    results = {}
    try:
        index, themes, districts, image = seed_site()
        done = 0
        member = None
        for size in SIZES:
            started = time.perf_counter()
            add_challenges(index, themes, districts, image, start=done, stop=size)
            done = size
            challenge = ChallengePage.objects.live().order_by("path").first()
            member = member or seed_people(challenge)
            log(f"{vendor}: seeded {size} challenges in {time.perf_counter() - started:.1f}s")
            clients = {"anonymous": Client(), "member": Client()}
            clients["member"].force_login(member)
            row = results[f"n{size}"] = {"index": {}, "challenge": {}}
            for page, url in (("index", index.url), ("challenge", challenge.url)):
                for visitor in VISITORS:
                    m = row[page][visitor] = measure(clients[visitor], url, show_sql)
                    log(
                        f"  {vendor:<10} {size:>4} challenges  {page:<9} {visitor:<9} "
                        f"{m['queries']:>3} queries  p50 {m['p50_ms']:>6.1f} ms  "
                        f"p95 {m['p95_ms']:>6.1f} ms  cpu p50 {m['cpu_p50_ms']:>6.1f} ms  "
                        f"{m['bytes'] // 1024} KiB"
                    )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(json.dumps(results))
    return 0


# --- Parent: every database -------------------------------------------------------------------


def run_database(name: str, database_url: str | None, show_sql: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url:
        env["DATABASE_URL"] = database_url
    command = [sys.executable, __file__, "--child"] + (["--sql"] if show_sql else [])
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    last = ""
    for line in process.stdout:
        line = line.rstrip("\n")
        if line.startswith("{"):
            last = line
        else:
            log(line)
    if process.wait() != 0 or not last:
        raise SystemExit(f"the {name} benchmark failed")
    return json.loads(last)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", metavar="URL", help="also run on this PostgreSQL")
    parser.add_argument("--sql", action="store_true", help="print each page's SQL")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run_child(args.sql)

    overall = time.perf_counter()
    postgres = args.postgres or os.environ.get("DATABASE_URL", "")
    results = {"sqlite": run_database("SQLite", None, args.sql)}
    if postgres:
        results["postgresql"] = run_database("PostgreSQL", postgres, args.sql)

    failures = []
    for database, by_size in results.items():
        small, large = by_size[f"n{SIZES[0]}"], by_size[f"n{SIZES[-1]}"]
        for page in ("index", "challenge"):
            for visitor in VISITORS:
                few, many = small[page][visitor]["queries"], large[page][visitor]["queries"]
                if many > few:
                    failures.append(f"{database} {page} {visitor}: {few} → {many} queries")
                if max(few, many) > MAX_QUERIES:
                    failures.append(f"{database} {page} {visitor}: over {MAX_QUERIES} queries")
    results["queries_constant"] = not any("→" in f for f in failures)
    results["max_queries"] = MAX_QUERIES
    log(f"total {time.perf_counter() - overall:.1f}s")
    for failure in failures:
        log(f"FAIL: {failure}")
    print(json.dumps(results))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
