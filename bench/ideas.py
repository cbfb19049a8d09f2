"""Ideas benchmark (in-process part): query counts and p50/p95 of a challenge's idea list and
of the challenge page at 50 and 1,000 published ideas (images, supports, co-authors, tags),
anonymous and signed in, and of proposing and supporting an idea.

    python bench/ideas.py                    # sizes 50 and 1000
    IDEAS_BENCH_SIZES=20,100 python bench/ideas.py

Same harness as bench/pages.py: a throw-away database, Django's test client, the last line is
one JSON object; exits 1 if a page's query count grows with the number of ideas.

Not done yet (see the issue): the HTTP part against ASGI workers, PostgreSQL and Redis with 8
concurrent clients (wrk), and the rendition check (idea images are plain re-encoded files, so
no rendition is ever generated).
"""

import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402 - sets up Django and the temporary database helpers
from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

SIZES = tuple(int(s) for s in os.environ.get("IDEAS_BENCH_SIZES", "50,1000").split(","))
REQUESTS = 20


def _image() -> ContentFile:
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


def timed(fn, count=REQUESTS) -> dict:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
    }


def page(client, url) -> dict:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return {"queries": len(queries), **timed(lambda: client.get(url))}


def main() -> int:
    from django.urls import reverse

    from people.models import Profile, User
    from projects.models import Idea
    from projects.services import ideas as services
    from tests.factories import challenges as build

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    pages.create_database()
    results = {}
    try:
        challenge = build.challenge(title="Bänkad utmaning", plan="open")
        themes = [pages_theme(name) for name in ("Trygghet", "Fritid", "Kultur")]
        people = []
        for n in range(40):
            user = User.objects.create_user(f"bench{n}", f"bench{n}@example.org", "x")
            Profile.objects.create(user=user, display_name=f"Person {n}")
            people.append(user)
        visitor, member = Client(), Client()
        member.force_login(people[0])
        done = 0
        for size in SIZES:
            seed_ideas(challenge, people, themes, start=done, stop=size)
            done = size
            url = reverse("projects:idea_list", args=[challenge.pk])
            row = {
                "list_anonymous": page(visitor, url),
                "list_signed_in": page(member, url),
                "challenge_anonymous": page(visitor, challenge.url),
                "challenge_signed_in": page(member, challenge.url),
            }
            results[f"n{size}"] = row
            for name, r in row.items():
                pages.log(f"  {size:>5} ideas  {name:<20} {r['queries']:>3} queries  "
                          f"p50 {r['p50_ms']:>7.1f} ms  p95 {r['p95_ms']:>7.1f} ms")  # fmt: skip
        counter = iter(range(10**6))
        results["propose"] = timed(
            lambda: services.idea_create(
                challenge=challenge,
                author=people[1],
                title=f"Ny {next(counter)}",
                summary="Sammanfattning",
            ),  # fmt: skip
        )
        targets = iter(list(Idea.objects.filter(status="published").values_list("pk", flat=True)))
        results["support"] = timed(
            lambda: services.idea_support(idea=Idea.objects.get(pk=next(targets)), user=people[39])
        )
        pages.log(f"  propose p50 {results['propose']['p50_ms']} ms, "
                  f"support p50 {results['support']['p50_ms']} ms")  # fmt: skip
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    small, large = results[f"n{SIZES[0]}"], results[f"n{SIZES[-1]}"]
    results["queries_constant"] = all(large[k]["queries"] <= small[k]["queries"] for k in small)
    print(json.dumps(results))
    return 0 if results["queries_constant"] else 1


def pages_theme(name):
    from umecom.taxonomy.models import Theme

    return Theme.objects.get_or_create(slug=name.lower(), defaults={"name": name})[0]


if __name__ == "__main__":
    sys.exit(main())
