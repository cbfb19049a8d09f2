"""Page benchmark: SQL queries and latency of the challenge pages at 20 and at 500 challenges.

    python bench/pages.py            # or: make bench
    python bench/pages.py --sql      # also print each page's SQL (first 160 characters a query)

Builds a throw-away database (a temporary SQLite file, or `test_<name>` next to DATABASE_URL's
database when that is set — the real database is never touched), migrates it, seeds a page
tree and renders pages through Django's test client. Human-readable lines first; the LAST
line is one JSON object for machines. Exits 1 if a page's query count grows with the number
of challenges (a hidden per-row query).
"""

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="umecom-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "umecom.settings.test"
os.environ["UMECOM_VAR_DIR"] = str(WORKDIR)  # media and the SQLite file stay in the temp dir
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

SIZES = (20, 500)
REQUESTS = 30
SHOW_SQL = "--sql" in sys.argv[1:]


def log(message: str) -> None:
    print(message, flush=True)


def create_database() -> str:
    if connection.vendor == "sqlite":
        # A file, not Django's in-memory default, so latency includes real I/O as in `make run`.
        connection.settings_dict["TEST"]["NAME"] = str(WORKDIR / "bench.sqlite3")
    return connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)


def seed_site():
    from wagtail.models import Page, Site

    from challenges.models import ChallengeIndexPage
    from umecom.core.models import HomePage
    from umecom.taxonomy.models import District, Theme

    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Umecom", slug="bench-home", hero_heading="Utmaningar för Umeå")
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Umecom"},
    )
    index = home.add_child(instance=ChallengeIndexPage(title="Utmaningar", slug="utmaningar"))
    themes = [
        Theme.objects.create(name=name, slug=name.lower())
        for name in ("Klimat", "Mobilitet", "Trygghet", "Kultur")
    ]
    districts = [
        District.objects.create(name=name, name_en=name, slug=name.lower())
        for name in ("Centrum", "Ersboda", "Holmsund", "Teg", "Ålidhem")
    ]
    return index, themes, districts


def add_challenges(index, themes, districts, *, start: int, stop: int) -> None:
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
            idea_deadline=today + dt.timedelta(days=offset + 35),
            wanted_actor_types=["citizen", "company"],
            live=True,
        )
        page.phases = phases
        page.themes = [themes[n % len(themes)], themes[(n + 1) % len(themes)]]
        page.districts = [districts[n % len(districts)]]
        index.add_child(instance=page)


def measure(client: Client, url: str) -> dict:
    warm = client.get(url)  # first hit fills per-process caches (site root paths, templates)
    if warm.status_code != 200:
        raise SystemExit(f"GET {url} returned {warm.status_code}; cannot benchmark it")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Counted now: every request_started signal empties the connection's query log.
    query_count = len(queries)
    if SHOW_SQL:
        log(f"  SQL of {url}:")
        for query in queries.captured_queries:
            log(f"    {query['sql'][:160]}")
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    return {
        "queries": query_count,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "bytes": len(warm.content),
    }


def main() -> int:
    from challenges.models import ChallengePage

    overall = time.perf_counter()
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    started = time.perf_counter()
    create_database()
    log(f"database: {connection.vendor}, migrated in {time.perf_counter() - started:.1f}s")
    results = {}
    try:
        index, themes, districts = seed_site()
        client = Client()
        done = 0
        for size in SIZES:
            started = time.perf_counter()
            add_challenges(index, themes, districts, start=done, stop=size)
            done = size
            log(f"seeded {size} challenges in {time.perf_counter() - started:.1f}s")
            challenge = ChallengePage.objects.live().order_by("path").first()
            results[f"n{size}"] = {
                "index": measure(client, index.url),
                "challenge": measure(client, challenge.url),
            }
            for name, row in results[f"n{size}"].items():
                log(
                    f"  {size:>4} challenges  {name:<9} {row['queries']:>3} queries  "
                    f"p50 {row['p50_ms']:>7.1f} ms  p95 {row['p95_ms']:>7.1f} ms  "
                    f"{row['bytes'] // 1024} KiB"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    small, large = results[f"n{SIZES[0]}"], results[f"n{SIZES[-1]}"]
    index_constant = large["index"]["queries"] <= small["index"]["queries"]
    challenge_constant = large["challenge"]["queries"] <= small["challenge"]["queries"]
    results["queries_constant"] = index_constant and challenge_constant
    log(f"total {time.perf_counter() - overall:.1f}s")
    if not results["queries_constant"]:
        log("FAIL: query count grows with the number of challenges (a per-row query somewhere)")
    print(json.dumps(results))
    return 0 if results["queries_constant"] else 1


if __name__ == "__main__":
    sys.exit(main())
