"""Page benchmark: SQL queries and latency of the challenge pages at 20 and at 500 challenges.

    python bench/pages.py                     # or: make bench (SQLite, and PostgreSQL if up)
    python bench/pages.py --postgres postgres://postgres@127.0.0.1:5432/umecom_bench
    DATABASE_URL=postgres://… python bench/pages.py   # the same: SQLite and that PostgreSQL
    python bench/pages.py --sqlite-only       # skip PostgreSQL even when it is reachable
    python bench/pages.py --sql               # also print each page's SQL (160 characters each)

Measures the challenge index and a challenge page, for an anonymous visitor and for a
signed-in member with a sign-up of their own, on SQLite and PostgreSQL (the one given with
`--postgres` or `DATABASE_URL`, otherwise `DEFAULT_POSTGRES` when something answers on its
port). Each database runs in a child process, because Django's settings pick one database
per process. Each builds a throw-away database (a temporary SQLite file, or `test_<name>`
next to the PostgreSQL database given — that database itself is never touched), seeds a site
with menu, footer, one hero image shared by all challenges and ten participants on the
measured challenge, and renders pages in-process through Django's test client, without the
test framework's template instrumentation (it copies every template context, which no real
request does).

Reported per page and visitor: queries, wall-clock p50/p95 and the process's CPU time p50
(`cpu_p50_ms`; on a busy machine wall time includes waiting for a core, CPU time does not),
all with a warm cache (the steady state between two publishes), and the queries and wall p50
of the first request after a publish (`cold_queries`, `cold_p50_ms`: nothing cached, see
umecom/published_cache.py). The load average goes with the figures, since other processes on
the machine slow them down. Human-readable lines first, then a summary table; the LAST line
is one JSON object. Exits 1 if a page's query count (warm or cold) grows with the number of
challenges (a hidden per-row query) or a warm count exceeds `MAX_QUERIES`.
"""

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (20, 500)
REQUESTS = 30
COLD_REQUESTS = 5
MAX_QUERIES = 12
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/umecom_bench"
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
    cold_queries, cold = cold_requests(client, url)
    return {
        "queries": query_count,
        "p50_ms": round(statistics.median(wall), 1),
        "p95_ms": round(wall[int(0.95 * (len(wall) - 1))], 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "cold_queries": cold_queries,
        "cold_p50_ms": round(statistics.median(cold), 1),
        "bytes": len(warm.content),
    }


def cold_requests(client, url: str) -> tuple[int, list[float]]:
    """The first request after a publish: everything in the published cache is gone."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from umecom import published_cache

    wall, query_count = [], 0
    for _ in range(COLD_REQUESTS):
        published_cache.invalidate()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        query_count = max(query_count, len(queries))
        assert response.status_code == 200
    return query_count, wall


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


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
                        f"cold {m['cold_queries']:>2} queries {m['cold_p50_ms']:>6.1f} ms  "
                        f"{m['bytes'] // 1024} KiB  (load {load_average()})"
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


def postgres_reachable(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), 1):
            return True
    except OSError:
        return False


def summary(results: dict) -> list[str]:
    lines = [
        f"{'database':<11}{'page':<10}{'visitor':<10}"
        + "".join(
            f"{f'n={n} queries':>14}{'p50':>8}{'p95':>8}{'cold q':>8}{'cold p50':>9}" for n in SIZES
        )
    ]
    for database, by_size in results.items():
        for page in ("index", "challenge"):
            for visitor in VISITORS:
                row = f"{database:<11}{page:<10}{visitor:<10}"
                for n in SIZES:
                    m = by_size[f"n{n}"][page][visitor]
                    row += (
                        f"{m['queries']:>14}{m['p50_ms']:>8.1f}{m['p95_ms']:>8.1f}"
                        f"{m['cold_queries']:>8}{m['cold_p50_ms']:>9.1f}"
                    )
                lines.append(row)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", metavar="URL", help="run on this PostgreSQL too")
    parser.add_argument(
        "--sqlite-only", action="store_true", help="skip PostgreSQL even when it is reachable"
    )
    parser.add_argument("--sql", action="store_true", help="print each page's SQL")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run_child(args.sql)

    overall = time.perf_counter()
    load_before = load_average()
    postgres = args.postgres or os.environ.get("DATABASE_URL", "")
    if not postgres and not args.sqlite_only and postgres_reachable(DEFAULT_POSTGRES):
        postgres = DEFAULT_POSTGRES
    if args.sqlite_only:
        postgres = ""
    results = {"sqlite": run_database("SQLite", None, args.sql)}
    if postgres:
        results["postgresql"] = run_database("PostgreSQL", postgres, args.sql)
    else:
        log("PostgreSQL: not measured (give --postgres URL or start one on 127.0.0.1:5432)")

    failures = []
    for database, by_size in results.items():
        small, large = by_size[f"n{SIZES[0]}"], by_size[f"n{SIZES[-1]}"]
        for page in ("index", "challenge"):
            for visitor in VISITORS:
                for kind in ("queries", "cold_queries"):
                    few, many = small[page][visitor][kind], large[page][visitor][kind]
                    if many > few:
                        failures.append(f"{database} {page} {visitor} {kind}: {few} → {many}")
                few, many = small[page][visitor]["queries"], large[page][visitor]["queries"]
                if max(few, many) > MAX_QUERIES:
                    failures.append(f"{database} {page} {visitor}: over {MAX_QUERIES} queries")
    load_after = load_average()
    for line in summary(results):
        log(line)
    log(f"load average before {load_before}, after {load_after} ({os.cpu_count()} cores)")
    results["queries_constant"] = not any("→" in f for f in failures)
    results["max_queries"] = MAX_QUERIES
    results["load_average"] = {"before": load_before, "after": load_after}
    log(f"total {time.perf_counter() - overall:.1f}s")
    for failure in failures:
        log(f"FAIL: {failure}")
    print(json.dumps(results))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
