"""Ideas benchmark: a challenge's idea list and page at 50 and 1,000 published ideas (images,
supports, co-authors, tags), in-process and over HTTP as production runs it.

    python bench/ideas.py                                  # SQLite, in-process only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/umecom_bench \\
    REDIS_URL=redis://127.0.0.1:6379/9 python bench/ideas.py   # PostgreSQL + the HTTP part
    IDEAS_BENCH_SIZES=20,100 python bench/ideas.py         # other sizes
    IDEAS_BENCH_HTTP_SECONDS=20 IDEAS_BENCH_WORKERS=2      # the HTTP run's length and workers

In-process (Django's test client, no template instrumentation): query count, p50/p95/p99 of
the idea list and of the challenge page, anonymous and signed in, at each size; p50/p95 of
proposing an idea and of supporting one (the services views call); and how many image
renditions a warm page view generates (it must be none).

Over HTTP (only on PostgreSQL with REDIS_URL set, otherwise skipped with the reason in the
JSON): the production settings, static files collected, `IDEAS_BENCH_WORKERS` Daphne
processes sharing one listening socket (the kernel spreads connections as nginx would over
the README's systemd workers), Redis as cache and channel layer, and Debian's `wrk` with 8
connections of one signed-in member for 20 s against the challenge page with the largest
number of ideas. wrk runs on the same two cores as the server, so its CPU counts against us.

The throw-away database is `test_<name>` next to the one given (never that one itself) or a
temporary SQLite file. Human-readable lines first; the LAST line is one JSON object. Exits 1
if a page's query count grows with the number of ideas or passes `MAX_QUERIES`.
"""

import io
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402 - the shared setup of bench/pages.py

SIZES = tuple(int(s) for s in os.environ.get("IDEAS_BENCH_SIZES", "50,1000").split(","))
REQUESTS = 100
MAX_QUERIES = 15  # the whole challenge page with its ideas, site shell included (issue 14)
HTTP_SECONDS = int(os.environ.get("IDEAS_BENCH_HTTP_SECONDS", "20"))
HTTP_WORKERS = int(os.environ.get("IDEAS_BENCH_WORKERS", "2"))
HTTP_CONNECTIONS = 8
# The session made in-process must be valid in the server processes: same key on both sides.
SERVER_SECRET_KEY = secrets.token_urlsafe(64)
log = pages.log


def _image():
    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), "teal").save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="bench.jpg")


def seed_ideas(challenge, people, themes, *, start, stop):
    from projects.models import Idea, IdeaCoAuthor, IdeaSupport

    image = _image()
    for n in range(start, stop):
        idea = Idea(
            challenge=challenge,
            author=people[n % len(people)],
            title=f"Idé {n}: kvällsöppen skolgård",
            summary="Öppna skolgården för unga på kvällarna, med en vuxen på plats.",
            description="<p>Beskrivning.</p>",
            status="published",
            support_count=n % 7,
        )
        idea.image.save(f"bench-{n}.jpg", image, save=False)
        idea.save()
        idea.themes.add(themes[n % len(themes)])
        idea.tags.add("trygghet", "unga")
        IdeaCoAuthor.objects.create(
            idea=idea, user=people[(n + 1) % len(people)], status="accepted"
        )
        IdeaSupport.objects.bulk_create(
            [IdeaSupport(idea=idea, user=people[(n + k + 2) % len(people)]) for k in range(n % 7)],
            ignore_conflicts=True,
        )


def _percentiles(timings: list[float]) -> dict:
    timings = sorted(timings)
    at = lambda q: round(timings[min(len(timings) - 1, int(q * len(timings)))], 1)  # noqa: E731
    return {"p50_ms": round(statistics.median(timings), 1), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def timed(fn, count=REQUESTS) -> dict:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    return _percentiles(timings)


def measure(client, url) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.images import get_image_model

    renditions = get_image_model().get_rendition_model().objects
    assert client.get(url).status_code == 200  # warm: renditions and caches exist from here on
    before = renditions.count()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    result = {"queries": len(queries), **timed(lambda: client.get(url))}
    result["renditions_made_warm"] = renditions.count() - before
    return result


def in_process(workdir: Path) -> tuple[dict, dict]:
    from django.test import Client
    from django.urls import reverse

    from people.models import Profile, User
    from projects.models import Idea
    from projects.services import ideas as services
    from tests.factories import challenges as build
    from umecom.taxonomy.models import Theme

    results: dict = {}
    challenge = build.challenge(title="Bänkad utmaning", plan="open", hero_image=build.hero_image())
    themes = [
        Theme.objects.get_or_create(slug=name.lower(), defaults={"name": name})[0]
        for name in ("Trygghet", "Fritid", "Kultur")
    ]
    people = []
    for n in range(40):
        user = User.objects.create_user(f"bench{n}", f"bench{n}@example.org", "x")
        Profile.objects.create(user=user, display_name=f"Person {n}")
        people.append(user)
    from django.conf import settings

    settings.SECRET_KEY = SERVER_SECRET_KEY
    visitor, member = Client(), Client()
    member.force_login(people[0])
    done = 0
    list_url = reverse("projects:idea_list", args=[challenge.pk])
    for size in SIZES:
        started = time.perf_counter()
        seed_ideas(challenge, people, themes, start=done, stop=size)
        done = size
        log(f"seeded {size} ideas in {time.perf_counter() - started:.1f}s")
        row = results[f"n{size}"] = {
            "list_anonymous": measure(visitor, list_url),
            "list_signed_in": measure(member, list_url),
            "challenge_anonymous": measure(visitor, challenge.url),
            "challenge_signed_in": measure(member, challenge.url),
        }
        for name, r in row.items():
            log(
                f"  {size:>5} ideas  {name:<20} {r['queries']:>3} queries  "
                f"p50 {r['p50_ms']:>7.1f} ms  p95 {r['p95_ms']:>7.1f} ms  "
                f"p99 {r['p99_ms']:>7.1f} ms  renditions made warm {r['renditions_made_warm']}"
            )
    counter = iter(range(10**6))
    results["propose"] = timed(
        lambda: services.idea_create(
            challenge=challenge, author=people[1], title=f"Ny {next(counter)}", summary="Kort."
        )
    )
    # Someone who wrote none of them: authors may not support their own ideas.
    supporter = User.objects.create_user("supporter", "supporter@example.org", "x")
    Profile.objects.create(user=supporter, display_name="Stödjare")
    published = list(Idea.objects.filter(status="published").values_list("pk", flat=True))
    targets = iter(published)
    results["support"] = timed(
        lambda: services.idea_support(idea=Idea.objects.get(pk=next(targets)), user=supporter),
        count=min(REQUESTS, len(published)),
    )
    log(
        f"  propose p50 {results['propose']['p50_ms']} ms, "
        f"support p50 {results['support']['p50_ms']} ms"
    )
    session = member.cookies["sessionid"].value
    return results, {"url": challenge.url, "session": session}


# --- Over HTTP ---------------------------------------------------------------------------------


def _skip_http_reason(vendor: str) -> str:
    if vendor != "postgresql":
        return "needs PostgreSQL (DATABASE_URL=postgres://…), as production runs"
    if not os.environ.get("REDIS_URL"):
        return "needs Redis (REDIS_URL=redis://…), as production runs"
    if not shutil.which("wrk"):
        return "needs wrk (apt-get install wrk)"
    return ""


def _server_env(workdir: Path, database_name: str) -> dict:
    from django.db import connection

    s = connection.settings_dict
    database_url = (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
        f"/{database_name}"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="umecom.settings.production",
        SECRET_KEY=SERVER_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        # Under ASGI Django must not keep connections (each worker thread would hold one):
        # production runs with the default 0, so the server here does too.
        DATABASE_CONN_MAX_AGE="0",
        UMECOM_VAR_DIR=str(workdir),
        STATIC_ROOT=str(workdir / "static"),
        REDIS_PREFIX=f"umecom-bench-{secrets.token_hex(4)}",
        LOG_LEVEL="WARNING",
    )
    return env


def over_http(workdir: Path, target: dict) -> dict:
    from django.db import connection

    env = _server_env(workdir, connection.settings_dict["NAME"])
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=pages.ROOT, env=env, check=True,
    )  # fmt: skip
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    listener.set_inheritable(True)
    port = listener.getsockname()[1]
    daphne = str(Path(python).with_name("daphne"))
    workers = [
        subprocess.Popen(
            [daphne, "--no-server-name", "--fd", str(listener.fileno()), "umecom.asgi:application"],
            cwd=pages.ROOT,
            env=env,
            pass_fds=(listener.fileno(),),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        for _ in range(HTTP_WORKERS)
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(base + "/healthz/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("the HTTP server did not answer within 120 s")
        url = base + target["url"]
        cookie = f"sessionid={target['session']}"
        # Warm every worker (routes, shell cache, template loaders) and check we are signed in.
        for _ in range(10 * HTTP_WORKERS):
            request = urllib.request.Request(url, headers={"Cookie": cookie})
            with urllib.request.urlopen(request, timeout=30) as response:
                html = response.read().decode()
        if "Logga ut" not in html:
            raise SystemExit("the benchmark's member is not signed in over HTTP")
        # A new connection per request, as the README's nginx makes to its upstream workers
        # (no upstream keepalive): with wrk's eight kept-alive connections the kernel handed
        # them all to whichever worker accepted first, and the other worker idled.
        output = subprocess.run(
            ["wrk", "-t2", f"-c{HTTP_CONNECTIONS}", f"-d{HTTP_SECONDS}s", "--latency",
             "-H", f"Cookie: {cookie}", "-H", "Connection: close", url],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        listener.close()
    log(output)
    return _parse_wrk(output)


def _ms(value: str, unit: str) -> float:
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 1)


def _parse_wrk(output: str) -> dict:
    rows = re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    latency = {q: _ms(v, u) for q, v, u in rows}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "requests_per_second": round(rps, 1),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(0) if errors else "",
        "workers": HTTP_WORKERS,
        "connections": HTTP_CONNECTIONS,
        "seconds": HTTP_SECONDS,
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="umecom-ideas-bench-"))
    # In-process, keep the one database connection between requests: the figures are about
    # Umecom's work, not about opening a PostgreSQL connection (the HTTP part pays that).
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
    pages._setup_django(workdir)
    from django.db import connection

    # No setup_test_environment(): its template instrumentation copies every context on every
    # render, which no real request does (the same choice as bench/pages.py).
    old_name = connection.settings_dict["NAME"]
    pages.create_database(workdir)
    vendor = connection.vendor
    log(f"{vendor}: database ready")
    try:
        results, target = in_process(workdir)
        reason = _skip_http_reason(vendor)
        if reason:
            log(f"HTTP part skipped: {reason}")
            results["http"] = {"skipped": reason}
        else:
            results["http"] = over_http(workdir, target)
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)
    small, large = results[f"n{SIZES[0]}"], results[f"n{SIZES[-1]}"]
    results["database"] = vendor
    results["queries_constant"] = all(large[k]["queries"] <= small[k]["queries"] for k in small)
    results["max_queries"] = MAX_QUERIES
    results["load_average_1m"] = round(os.getloadavg()[0], 2)
    failures = [k for k in large if large[k]["queries"] > MAX_QUERIES]
    print(json.dumps(results))
    return 0 if results["queries_constant"] and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
