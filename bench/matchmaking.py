"""Matchmaking benchmark: quality, fair exposure and latency of projects/services/matchmaking.py.

    python bench/matchmaking.py            # 10,000 and 100,000 profiles (a few minutes)
    python bench/matchmaking.py --quick    # 2,000 profiles only, for development
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME python bench/matchmaking.py

Generates a population: a Swedish skill vocabulary with Zipf-skewed popularity (each actor
type leaning to its own skills), actor types citizens 55 %, companies 20 %, researchers 12 %,
associations 10 %, municipality 3 %; districts of Umeå; interests among the themes;
languages (one in ten also another language, four in ten of those not Swedish); hours per
month; 70 % opted in to be found (85 % of those also to be invited; 5 % hidden
profiles). Projects (forming, with a lead, sometimes members, open roles, wanted actor mix).
All of it is bulk-created in the throw-away database (`test_<name>` next to DATABASE_URL's, or
a temporary SQLite file; never the given database itself).

A hidden ground truth of who would join each project (`ground_truth`): a random-utility
(logit) choice among the people inserted so far who opted in. People join for the same
KINDS of things the engine scores, in other functional forms it does not know: a saturating,
rarity-weighted count of the lacking skills they hold; whether they care about one of the
project's themes and how much of their interests it covers; a shared district (weighing
more for citizens and associations, who act locally); their hours against the most
demanding role; the perspective the wanted mix misses; a shared language with the team
(without one, practically nobody joins); plus a personal propensity to say yes (popularity,
unseen by the engine) and Gumbel noise. The JOINERS highest noisy utilities join. The
evaluated projects' joins are held out (nothing is trained on them). The weights (TRUTH)
were fixed before any fairness experiment, for a plausible nDCG of the plain ranker, not to
pass a target.

History, as a live platform has it: HISTORY_PROJECTS past projects from the same generator,
their joiners drawn by the same `ground_truth` (own random stream) and stored as completed
projects whose joiners became members a week after the founders. The engine's calibration
(projects/matchmaking/calibration.py) learns from these only; its table is in the JSON.

Quality (at the first size): nDCG@10 and precision@10 of project → people against the joins;
the team builder's skill coverage and the share of built teams meeting the wanted actor mix.

Exposure, over time (the fairness step is amortised, so one list says little): every
project's list of ten is viewed once a day for DAYS days, through `suggest_people` as the
views call it, from an empty exposure record. A showing at place p counts 1 / log2(1 + p)
(the attention nDCG assumes). Without fairness the same list is shown every day. nDCG with
fairness is the mean over all those daily lists; its loss is against the same ranker's lists
without the fairness step: the engine's score order, which does not use the calibration
(only the fairness step does). For transparency the JSON also has the nDCG of lists chosen
by the calibrated relevance alone, without exposure correction.

Eligible people (for the Gini): opted in and qualified for at least one project, i.e.
scoring at least (1 − ELIGIBLE_TOLERANCE) × that project's 10th-best score: as good as
someone a plain ranker shows, within 5 % (the weights are hand-set; a 5 % difference between
two people is not a real difference in fit). Everyone else could not fairly be shown
anywhere without passing over clearly better people. For transparency the Gini is also
reported over the people in the top 20 of some list, over everyone with a positive score
for some project, and over everyone opted in. Actor types: each type's share of exposure
(position-weighted) divided by its share of the opted-in pool; also by count of places, and
the same ratio for the hidden joins (what the ground truth itself favours).

Latency (at each size, through the service functions the views call, database reads
included, index warm): p50/p95 of suggest_people, suggest_projects_for and build_teams; the
index's full build and an incremental patch after one profile changes.

Populations: `--seed` (default 15, the reported one) draws the population, its projects and
its history. The fairness step's calibrated parameters (fairness.CALIBRATED) were chosen on
populations 16 and 17 with MATCH_BENCH_DUMP and an offline replay of the fairness step, so
the default run measures them out of sample. The district groups of the calibration learn
from the history that citizens and associations join local projects more (LOCAL_WEIGHT, in
the ground truth since 6743f97 and not changed for the tuning); on a platform where that is not
so, those groups say what their parents say.

Human-readable lines first; the LAST line is one JSON object. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402 - the shared setup of bench/pages.py

log = pages.log
DAYS = 14
JOINERS = 8
TEAM_SIZE = 4
LATENCY_CALLS = 100
HISTORY_PROJECTS = 300  # past projects with their joins, for the engine's calibration
SWEEP: list = []  # fairness parameters to compare (--sweep)
ACTOR_SHARES = {
    "citizen": 0.55,
    "company": 0.20,
    "researcher": 0.12,
    "association": 0.10,
    "municipality": 0.03,
}


def _vocabulary() -> list[str]:
    """A Swedish skill vocabulary (one skill per item)."""
    words = [
        "projektledning", "kommunikation", "sociala medier", "grafisk design", "fotografering",
        "film och video", "skrivande", "översättning", "programmering", "webbutveckling",
        "apputveckling", "dataanalys", "statistik", "maskininlärning", "gis", "kartor",
        "stadsplanering", "arkitektur", "landskapsarkitektur", "byggteknik", "energiteknik",
        "solenergi", "elektronik", "3d-utskrift", "snickeri", "trädgård", "odling",
        "matlagning", "ekonomi", "bokföring", "juridik", "upphandling", "affärsutveckling",
        "marknadsföring", "försäljning", "entreprenörskap", "crowdfunding", "insamling",
        "ansökningsskrivande", "forskning", "utvärdering", "intervjumetodik", "enkätdesign",
        "användartester", "ux-design", "tillgänglighet", "pedagogik", "ungdomsarbete",
        "äldreomsorg", "vård", "psykologi", "socialt arbete", "integration",
        "språkundervisning", "tolkning", "arabiska", "somaliska", "tigrinja", "persiska",
        "samiska", "finska", "teckenspråk", "föreningsliv", "volontärsamordning", "evenemang",
        "musik", "teater", "konst", "dans", "idrott", "friluftsliv", "cykelreparation",
        "mobilitet", "kollektivtrafik", "trafikplanering", "miljövetenskap", "biologi",
        "cirkulär ekonomi", "återbruk", "avfallshantering", "klimatanpassning", "vattenvård",
        "skogsbruk", "samhällsplanering", "myndighetskontakter", "politik", "opinionsbildning",
        "journalistik", "podcast", "moderering", "facilitering", "workshopledning",
        "design thinking", "innovation", "hälsa", "folkhälsa", "kost", "träning", "säkerhet",
        "brandskydd", "trygghetsarbete", "medling", "it-säkerhet", "öppna data", "databaser",
        "molntjänster", "sensorer", "iot", "robotik", "hållbarhet", "lantbruk", "fiske",
        "turism", "besöksnäring", "handel", "logistik", "barnomsorg", "fritidsledning",
        "bibliotek", "läxhjälp", "mentorskap", "coachning", "rekrytering", "hr",
        "kundservice", "eventteknik", "ljudteknik", "belysning", "fastighetsskötsel",
        "energirådgivning", "cykelplanering", "parkskötsel", "naturvård", "fågelskådning",
    ]  # fmt: skip
    return list(dict.fromkeys(words))


ACTOR_SKILLS = {
    "researcher": ["forskning", "statistik", "dataanalys", "utvärdering", "intervjumetodik",
                   "enkätdesign", "miljövetenskap", "biologi", "maskininlärning", "psykologi"],
    "company": ["affärsutveckling", "marknadsföring", "programmering", "försäljning",
                "projektledning", "ux-design", "webbutveckling", "handel", "logistik", "ekonomi"],
    "association": ["föreningsliv", "volontärsamordning", "evenemang", "ungdomsarbete",
                    "idrott", "fritidsledning", "läxhjälp", "insamling", "integration"],
    "municipality": ["upphandling", "stadsplanering", "samhällsplanering",
                     "myndighetskontakter", "trafikplanering", "folkhälsa", "naturvård"],
    "citizen": [],
}  # fmt: skip
THEMES = ["Klimat", "Mobilitet", "Trygghet", "Kultur", "Unga", "Äldre", "Integration", "Hälsa",
          "Natur", "Digitalisering"]  # fmt: skip
DISTRICTS = ["Centrum", "Ersboda", "Holmsund", "Teg", "Ålidhem", "Haga", "Mariehem", "Tomtebo",
             "Sävar", "Hörnefors", "Västerslätt", "Ön", "Umedalen", "Backen"]  # fmt: skip
OTHER_LANGUAGES = ["arabiska", "somaliska", "finska", "persiska", "tigrinja", "samiska"]


# --- the population ---------------------------------------------------------------------------


class Population:
    """People and projects as plain arrays, with the latent data the ground truth uses."""

    def __init__(self, rng: np.random.Generator, n: int, skills: list[str]):
        self.skills = skills
        s = len(skills)
        index = {k: i for i, k in enumerate(skills)}
        types = list(ACTOR_SHARES)
        self.actor = rng.choice(len(types), size=n, p=list(ACTOR_SHARES.values()))
        self.actor_names = types
        zipf = 1.0 / np.arange(1, s + 1) ** 1.05
        zipf = zipf[rng.permutation(s)]  # popularity not in alphabetical order
        boosts = np.ones((len(types), s))
        for t, name in enumerate(types):
            for k in ACTOR_SKILLS[name]:
                boosts[t, index[k]] = 12.0
        self.person_skills = np.zeros((n, s), dtype=bool)
        counts = np.clip(1 + rng.poisson(3.0, n), 1, 10)
        for t in range(len(types)):
            p = zipf * boosts[t]
            p = p / p.sum()
            rows = np.flatnonzero(self.actor == t)
            for r in rows:
                chosen = rng.choice(s, size=counts[r], replace=False, p=p)
                self.person_skills[r, chosen] = True
        self.interests = np.zeros((n, len(THEMES)), dtype=bool)
        theme_p = 1.0 / np.arange(1, len(THEMES) + 1) ** 0.7
        theme_p /= theme_p.sum()
        for r in range(n):
            k = rng.integers(0, 4)
            if k:
                self.interests[r, rng.choice(len(THEMES), size=k, replace=False, p=theme_p)] = True
        district_p = 1.0 / np.arange(1, len(DISTRICTS) + 1) ** 0.5
        district_p /= district_p.sum()
        self.district = np.where(
            rng.random(n) < 0.85, rng.choice(len(DISTRICTS), size=n, p=district_p), -1
        )
        # Languages: one in ten also speaks another language, and four in ten of those
        # (newcomers) do not (yet) work in Swedish; about half speak English.
        self.english = rng.random(n) < 0.55
        self.other_language = np.where(
            rng.random(n) < 0.1, rng.integers(0, len(OTHER_LANGUAGES), n), -1
        )
        self.swedish = (self.other_language < 0) | (rng.random(n) < 0.6)
        # Who speaks what: columns Swedish, English, then OTHER_LANGUAGES.
        self.spoken = np.zeros((n, 2 + len(OTHER_LANGUAGES)), dtype=bool)
        self.spoken[:, 0], self.spoken[:, 1] = self.swedish, self.english
        other = np.flatnonzero(self.other_language >= 0)
        self.spoken[other, 2 + self.other_language[other]] = True
        self.hours = np.where(rng.random(n) < 0.25, -1, rng.choice([2, 4, 8, 10, 16, 20], size=n))
        self.findable = rng.random(n) < 0.70
        self.invitable = self.findable & (rng.random(n) < 0.85)
        vis = rng.random(n)
        self.visibility = np.where(vis < 0.05, "hidden", np.where(vis < 0.30, "public", "members"))
        # Popularity: how readily a person says yes to anything (unseen by the engine).
        self.activity = rng.normal(0, 1, n)

    def languages(self, r: int) -> str:
        words = ["svenska"] if self.swedish[r] else []
        if self.english[r]:
            words.append("engelska")
        if self.other_language[r] >= 0:
            words.append(OTHER_LANGUAGES[self.other_language[r]])
        return ", ".join(words)


def make_projects(rng, pop: Population, count: int, first_person: int, n_people: int) -> list:
    """Project specs: needed skills, themes, district, wanted mix, lead, members, roles."""
    s = len(pop.skills)
    flat = 1.0 / np.arange(1, s + 1) ** 0.6
    flat = flat[rng.permutation(s)]
    flat /= flat.sum()
    mixes = [{"researcher": 1}, {"association": 1}, {"researcher": 1, "association": 1},
             {"company": 1}, {"municipality": 1}, {"researcher": 1, "company": 1}]  # fmt: skip
    specs = []
    for _ in range(count):
        needed = rng.choice(s, size=rng.integers(3, 7), replace=False, p=flat).tolist()
        people = rng.choice(np.arange(first_person, first_person + n_people), size=3, replace=False)
        members = people[1 : 1 + rng.integers(0, 3)].tolist()
        roles = []
        for _r in range(rng.integers(1, 3)):
            roles.append(
                (rng.choice(needed, size=min(2, len(needed)), replace=False).tolist(),
                 int(rng.choice([4, 8, 10, 16])))
            )  # fmt: skip
        specs.append(
            {
                "needed": needed,
                "themes": rng.choice(len(THEMES), size=rng.integers(1, 3), replace=False).tolist(),
                "district": int(rng.integers(0, len(DISTRICTS))) if rng.random() < 0.7 else -1,
                "mix": mixes[rng.integers(0, len(mixes))],
                "lead": int(people[0]),
                "members": members,
                "roles": roles,
            }
        )
    return specs


# The hidden utility of joining (what people really join for), never seen by the engine. The
# same KINDS of things the engine scores, in other functional forms, plus a personal
# propensity to say yes (popularity) and noise; see the module docstring.
TRUTH = {"skill": 1.5, "interest": 0.8, "local": 0.5, "time": 0.4, "actor": 0.8,
         "activity": 0.3, "no_language": -2.5, "noise": 0.25}  # fmt: skip
# How much a shared district matters, by actor type: citizens and associations act locally;
# companies, researchers and the municipality work across the city.
LOCAL_WEIGHT = {"citizen": 1.0, "association": 1.0, "company": 0.3, "researcher": 0.3,
                "municipality": 0.3}  # fmt: skip


def ground_truth(rng, pop: Population, spec: dict, excluded: set, size: int) -> set:
    """Who would join: JOINERS people drawn by a random-utility (logit) choice model.

    Utility of person i for the project: a saturating, rarity-weighted count of the lacking
    skills i holds (one matters most, each next one less); whether i cares about one of the
    project's themes and how much of i's interests it covers; a shared district, weighted by
    actor type; i's hours against the most demanding role; the perspective the wanted mix
    misses; no shared language with the team (practically rules i out); i's propensity to
    say yes (`activity`, popularity); Gumbel noise of scale TRUTH["noise"]. The JOINERS
    highest noisy utilities among people who opted in and bring at least a lacking skill,
    an interest or a missing perspective join (a Plackett–Luce draw).
    """
    n = len(pop.actor)
    t = TRUTH
    present = np.arange(n) < size  # the people inserted so far (the population is generated
    # once at the largest size; quality is measured at the first)
    team = [spec["lead"], *spec["members"]]
    covered = pop.person_skills[team].any(axis=0)
    lacking = [k for k in spec["needed"] if not covered[k]] or spec["needed"]
    opted = pop.findable & present
    holders = pop.person_skills[opted].sum(axis=0) + 1
    rarity = np.log(opted.sum() / holders)
    q = 0.5 + 0.3 * rarity[lacking] / rarity.max()
    held = pop.person_skills[:, lacking]
    skill = 1 - np.prod(np.where(held, 1 - q, 1.0), axis=1)
    overlap = pop.interests[:, spec["themes"]].sum(axis=1)
    own = np.maximum(pop.interests.sum(axis=1), 1)
    interest = 0.5 * (overlap > 0) + 0.5 * overlap / own
    local_weight = np.array([LOCAL_WEIGHT[name] for name in pop.actor_names])[pop.actor]
    local = (pop.district == spec["district"]) * local_weight if spec["district"] >= 0 else 0.0
    asked = max(h for _, h in spec["roles"])
    time_ = np.where(pop.hours < 0, 0.5, np.minimum(pop.hours / asked, 1))
    have = {pop.actor_names[pop.actor[m]] for m in team}
    missing = [pop.actor_names.index(a) for a in spec["mix"] if a not in have]
    actor = np.isin(pop.actor, missing)
    team_languages = pop.spoken[team].any(axis=0)
    no_language = ~(pop.spoken[:, team_languages].any(axis=1))
    utility = (
        t["skill"] * skill + t["interest"] * interest + t["local"] * local
        + t["time"] * time_ + t["actor"] * actor + t["activity"] * pop.activity
        + t["no_language"] * no_language + rng.gumbel(0, t["noise"], n)
    )  # fmt: skip
    possible = opted & ((skill > 0) | (overlap > 0) | actor)
    possible[list(excluded)] = False
    utility = np.where(possible, utility, -np.inf)
    top = np.argsort(-utility)[:JOINERS]
    return {int(i) for i in top if np.isfinite(utility[i])}


# --- into the database ------------------------------------------------------------------------


def seed_vocabulary(skills):
    from taggit.models import Tag

    from challenges.models import ChallengeIndexPage, ChallengePage
    from umecom.taxonomy.models import District, Theme

    index, themes, districts, _image = pages.seed_site()
    existing = {d.name: d for d in districts}
    district_objs = [
        existing.get(name) or District.objects.create(name=name, name_en=name, slug=f"d{i}")
        for i, name in enumerate(DISTRICTS)
    ]
    existing = {t.name: t for t in themes}
    theme_objs = [
        existing.get(name) or Theme.objects.create(name=name, slug=f"t{i}")
        for i, name in enumerate(THEMES)
    ]
    words = list(dict.fromkeys([*skills, *(t.lower() for t in THEMES)]))
    Tag.objects.bulk_create([Tag(name=w, slug=f"tag-{i}") for i, w in enumerate(words)])
    tags = dict(Tag.objects.values_list("name", "pk"))
    assert isinstance(index, ChallengeIndexPage)
    challenge = index.add_child(
        instance=ChallengePage(
            title="Trygga och levande stadsdelar",
            slug="bench-utmaning",
            summary="Hur gör vi stadsdelarna tryggare?",
            department="Fritidsförvaltningen",
            live=True,
        )
    )
    return challenge, district_objs, theme_objs, tags


def insert_people(pop: Population, start: int, stop: int, district_objs, tags) -> list[int]:
    """Bulk-create people start..stop; returns their user ids (index = person number)."""
    from django.contrib.auth import get_user_model

    from people.models import Profile, ProfileInterest, ProfileSkill

    User = get_user_model()  # noqa: N806
    batch = 5000
    user_ids = []
    for b in range(start, stop, batch):
        users = User.objects.bulk_create(
            [
                User(username=f"b{i}", email=f"b{i}@bench.example", password="!")
                for i in range(b, min(stop, b + batch))
            ]
        )
        user_ids.extend(u.pk for u in users)
    profiles = []
    for i, uid in zip(range(start, stop), user_ids, strict=True):
        profiles.append(
            Profile(
                user_id=uid,
                display_name=f"Person {i}",
                actor_type=pop.actor_names[pop.actor[i]],
                hours_per_month=None if pop.hours[i] < 0 else int(pop.hours[i]),
                findable_for_projects=bool(pop.findable[i]),
                invitable_to_teams=bool(pop.invitable[i]),
                visibility=str(pop.visibility[i]),
                languages=pop.languages(i),
            )
        )
    created = Profile.objects.bulk_create(profiles, batch_size=batch)
    skill_rows, interest_rows, district_rows = [], [], []
    through = Profile.districts.through
    for i, profile in zip(range(start, stop), created, strict=True):
        for k in np.flatnonzero(pop.person_skills[i]):
            skill_rows.append(
                ProfileSkill(content_object_id=profile.pk, tag_id=tags[pop.skills[k]])
            )
        for k in np.flatnonzero(pop.interests[i]):
            interest_rows.append(
                ProfileInterest(content_object_id=profile.pk, tag_id=tags[THEMES[k].lower()])
            )
        if pop.district[i] >= 0:
            district_rows.append(
                through(profile_id=profile.pk, district_id=district_objs[pop.district[i]].pk)
            )
    ProfileSkill.objects.bulk_create(skill_rows, batch_size=10000)
    ProfileInterest.objects.bulk_create(interest_rows, batch_size=10000)
    through.objects.bulk_create(district_rows, batch_size=10000)
    return user_ids


def insert_projects(specs, pop, user_of, challenge, district_objs, theme_objs, tags) -> list:
    from projects.models import (
        MemberRole,
        Project,
        ProjectMembership,
        ProjectRole,
        ProjectRoleSkill,
        ProjectSkill,
    )

    projects = Project.objects.bulk_create(
        [
            Project(
                challenge=challenge,
                title=f"Bänkprojekt {i}",
                goal="Ett mål.",
                wanted_actor_mix=spec["mix"],
                max_team_size=8,
            )
            for i, spec in enumerate(specs)
        ]
    )
    skills, memberships, themes, districts, roles = [], [], [], [], []
    for project, spec in zip(projects, specs, strict=True):
        skills += [ProjectSkill(content_object_id=project.pk, tag_id=tags[pop.skills[k]])
                   for k in spec["needed"]]  # fmt: skip
        memberships.append(
            ProjectMembership(project=project, user_id=user_of[spec["lead"]], role=MemberRole.LEAD)
        )
        memberships += [
            ProjectMembership(project=project, user_id=user_of[m]) for m in spec["members"]
        ]
        themes += [Project.themes.through(project_id=project.pk, theme_id=theme_objs[t].pk)
                   for t in spec["themes"]]  # fmt: skip
        if spec["district"] >= 0:
            districts.append(
                Project.districts.through(
                    project_id=project.pk, district_id=district_objs[spec["district"]].pk
                )
            )
        for r, (role_skills, hours) in enumerate(spec["roles"]):
            roles.append((ProjectRole(project=project, title=f"Roll {r}", hours_per_month=hours),
                          role_skills))  # fmt: skip
    ProjectSkill.objects.bulk_create(skills)
    ProjectMembership.objects.bulk_create(memberships, ignore_conflicts=True)
    Project.themes.through.objects.bulk_create(themes)
    Project.districts.through.objects.bulk_create(districts)
    created = ProjectRole.objects.bulk_create([r for r, _ in roles])
    ProjectRoleSkill.objects.bulk_create(
        [ProjectRoleSkill(content_object_id=role.pk, tag_id=tags[pop.skills[k]])
         for role, (_r, ks) in zip(created, roles, strict=True) for k in ks]
    )  # fmt: skip
    return projects


def insert_history(rng, pop, size, user_ids, challenge, district_objs, theme_objs, tags) -> int:
    """Past projects, as a live platform has them: HISTORY_PROJECTS projects from the same
    generator, whose joiners the same `ground_truth` draws, stored as completed projects
    with the joiners as accepted members a week after the founders (lead and members). Their
    own random stream, so the evaluated projects and their held-out joins are the same as
    without history; only these are there for the engine to learn from."""
    from projects.models import ProjectMembership, ProjectStatus

    specs = make_projects(rng, pop, HISTORY_PROJECTS, 0, size)
    past = insert_projects(specs, pop, user_ids, challenge, district_objs, theme_objs, tags)
    started = dt.datetime.now(dt.UTC) - dt.timedelta(days=120)
    ProjectMembership.objects.filter(project__in=past).update(joined_at=started)
    joins = []
    for spec, project in zip(specs, past, strict=True):
        joiners = ground_truth(rng, pop, spec, {spec["lead"], *spec["members"]}, size)
        joins += [ProjectMembership(project=project, user_id=user_ids[j]) for j in joiners]
    ProjectMembership.objects.bulk_create(joins, ignore_conflicts=True)
    ProjectMembership.objects.filter(project__in=past).exclude(joined_at=started).update(
        joined_at=started + dt.timedelta(days=7)
    )
    Project = type(past[0])  # noqa: N806
    Project.objects.filter(pk__in=[p.pk for p in past]).update(status=ProjectStatus.COMPLETED)
    return len(joins)


# --- measuring --------------------------------------------------------------------------------


def ndcg_at(ranked: list, relevant: set, k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, x in enumerate(ranked[:k]) if x in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def percentiles(timings: list[float]) -> dict:
    timings = sorted(timings)
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[min(len(timings) - 1, int(0.95 * len(timings)))], 1),
    }


def timed(calls) -> dict:
    timings = []
    for call in calls:
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings)


ELIGIBLE_TOLERANCE = 0.05  # "qualified for a project": within 5 % of its 10th-best score
POSITION_WEIGHTS = 1 / np.log2(np.arange(2, 12))  # attention of places 1..10


def quality(pop, specs, projects, leads, person_of_user, rng, size) -> dict:
    from django.core.cache import cache

    from projects.matchmaking import calibration, fairness
    from projects.matchmaking import exposure as exposure_record
    from projects.matchmaking.fairness import gini
    from projects.services import matchmaking

    n = len(pop.actor)
    present = np.arange(n) < size
    opted = pop.findable & present
    pool_share = np.bincount(pop.actor[opted], minlength=5) / opted.sum()
    plain_ndcg, plain_prec = [], []
    exposure_plain, shown_plain = np.zeros(n), np.zeros(n)
    eligible = np.zeros(n, dtype=bool)  # qualified for at least one project
    top20 = np.zeros(n, dtype=bool)
    positive = np.zeros(n, dtype=bool)
    coverage, mix_met, teams_built = [], 0, 0
    cases, joiners_of = [], {}
    for spec, project in zip(specs, projects, strict=True):
        lead = leads[project.pk]
        joiners = joiners_of[project.pk] = ground_truth(
            rng, pop, spec, {spec["lead"], *spec["members"]}, size
        )
        pool, index, result = matchmaking._score_for(lead, project, None)
        people_of_rows = np.array(
            [person_of_user.get(int(u), -1) for u in pool.user_ids[result.rows]]
        )
        order = result.order()
        plain = [int(people_of_rows[p]) for p in order[:10]]
        if len(order):
            cut = float(result.total[order[min(10, len(order)) - 1]])
            qualified = result.total >= (1 - ELIGIBLE_TOLERANCE) * cut
            eligible[people_of_rows[qualified & (result.total > 0)]] = True
            top20[people_of_rows[order[:20]]] = True
            positive[people_of_rows[order]] = True
        plain_ndcg.append(ndcg_at(plain, joiners))
        plain_prec.append(len(set(plain) & joiners) / 10)
        exposure_plain[plain] += DAYS * POSITION_WEIGHTS[: len(plain)]  # the same list daily
        shown_plain[plain] += DAYS
        cases.append(
            (project.pk, result.total, pool.actor[result.rows], people_of_rows, joiners,
             matchmaking.wanted_codes(result), result.terms["district"] > 0)
        )  # fmt: skip
        for team in matchmaking.build_teams(lead, project, TEAM_SIZE):
            teams_built += 1
            total = len(team.covered) + len(team.uncovered)
            coverage.append(len(team.covered) / total if total else 1.0)
            mix_met += team.mix_met
    # The calibration the fairness step uses (fitted on the past projects only), and what it
    # alone does: each list ranked inside the fairness window by calibrated relevance, no
    # exposure correction (for transparency; "without fairness" stays the score order).
    calibrated = calibration.current(pool)
    shares = matchmaking.pool_shares(pool)
    calibrated_ndcg = []
    for pk, total, actor, people_of_rows, joiners, wanted, local in cases:
        chosen = fairness.rerank(
            total, actor, shares, 10, fairness.daily_seed(pk), wanted=wanted, local=local,
            relevance=calibrated.relevance if calibrated is not None else None,
        )  # fmt: skip
        calibrated_ndcg.append(ndcg_at(people_of_rows[chosen].tolist(), joiners))
    # With the fairness step, through the service: every project's list once a day for DAYS
    # days, in the same order each day, from an empty exposure record.
    cache.clear()
    exposure_record.reset_local()
    exposure_fair, shown_fair = np.zeros(n), np.zeros(n)
    fair_ndcg, fair_prec = [], []
    base = dt.date.today()
    for day in range(DAYS):
        for project in projects:
            shown = [
                person_of_user[s.user_id]
                for s in matchmaking.suggest_people(
                    leads[project.pk], project, day=base + dt.timedelta(days=day)
                )
            ]
            exposure_fair[shown] += POSITION_WEIGHTS[: len(shown)]
            shown_fair[shown] += 1
            fair_ndcg.append(ndcg_at(shown, joiners_of[project.pk]))
            fair_prec.append(len(set(shown) & joiners_of[project.pk]) / 10)
    if os.environ.get("MATCH_BENCH_DUMP"):  # for offline experiments with the fairness step
        import pickle

        with open(os.environ["MATCH_BENCH_DUMP"], "wb") as out:
            pickle.dump({"cases": cases, "shares": shares, "actor": pop.actor,
                         "eligible": eligible, "pool_share": pool_share,
                         "calibration": calibrated}, out)  # fmt: skip
    for params in SWEEP:
        relevance = calibrated.relevance if calibrated is not None else None
        exp, nd = simulate(cases, shares, n, relevance=relevance, **params)
        log(
            f"  sweep {params}: ndcg loss {1 - nd / np.mean(plain_ndcg):.3f} "
            f"gini eligible {gini(exp[eligible]):.3f} top20 {gini(exp[top20]):.3f} "
            f"ratios {np.round(_ratios(exp, pop.actor, pool_share), 2).tolist()}"
        )

    def ratios(weights):
        return dict(zip(pop.actor_names, np.round(_ratios(weights, pop.actor, pool_share), 3)
                        .tolist(), strict=True))  # fmt: skip

    ndcg_plain, ndcg_fair = float(np.mean(plain_ndcg)), float(np.mean(fair_ndcg))
    return {
        "projects": len(specs),
        "joiners_per_project": JOINERS,
        "ndcg_at_10": round(ndcg_fair, 4),
        "ndcg_at_10_without_fairness": round(ndcg_plain, 4),
        "ndcg_loss": round(1 - ndcg_fair / ndcg_plain, 4) if ndcg_plain else None,
        "without_fairness_definition": "the engine's score order (Scores.order, the views' "
        "fair=False); the calibration is used only inside the fairness step",
        "ndcg_at_10_calibrated_without_fairness": round(float(np.mean(calibrated_ndcg)), 4),
        "calibrated_without_fairness_definition": "each list chosen inside the fairness "
        "window by calibrated relevance alone (no exposure correction), shown in score order",
        "precision_at_10": round(float(np.mean(fair_prec)), 4),
        "precision_at_10_without_fairness": round(float(np.mean(plain_prec)), 4),
        "team_skill_coverage": round(float(np.mean(coverage)), 4) if coverage else None,
        "teams_meeting_actor_mix": round(mix_met / teams_built, 4) if teams_built else None,
        "teams_built": teams_built,
        "exposure_days": DAYS,
        "exposure_definition": "each project's list of 10 viewed once a day for exposure_days "
        "days; a showing at place p counts 1/log2(1+p); nDCG with fairness is the mean over "
        "all those daily lists",
        "eligible_definition": f"opted in and scoring at least {1 - ELIGIBLE_TOLERANCE:.2f} x "
        "the 10th-best score of at least one project's list (before fairness)",
        "eligible_people": int(eligible.sum()),
        "exposure_gini": round(gini(exposure_fair[eligible]), 4),
        "exposure_gini_without_fairness": round(gini(exposure_plain[eligible]), 4),
        "exposure_gini_other_sets": {
            "top20_of_some_list": {
                "people": int(top20.sum()),
                "with": round(gini(exposure_fair[top20]), 4),
                "without": round(gini(exposure_plain[top20]), 4),
            },
            "any_positive_score": {
                "people": int(positive.sum()),
                "with": round(gini(exposure_fair[positive]), 4),
                "without": round(gini(exposure_plain[positive]), 4),
            },
            "all_opted_in": {
                "people": int(opted.sum()),
                "with": round(gini(exposure_fair[opted]), 4),
                "without": round(gini(exposure_plain[opted]), 4),
            },
        },
        "exposure_ratio_by_actor_type": ratios(exposure_fair),
        "exposure_ratio_without_fairness": ratios(exposure_plain),
        "suggestion_count_ratio_by_actor_type": ratios(shown_fair),
        "suggestion_count_ratio_without_fairness": ratios(shown_plain),
        "calibration": calibrated.table(pop.actor_names) if calibrated is not None else None,
        "joiner_ratio_by_actor_type": ratios(
            np.bincount([j for js in joiners_of.values() for j in js], minlength=n)
        ),
    }


def _ratios(weights, actor, pool_share) -> np.ndarray:
    """Each actor type's share of `weights` divided by its share of the opted-in pool."""
    return np.bincount(actor, weights=weights, minlength=5) / weights.sum() / pool_share


def simulate(cases, shares, n, relevance=None, **params):
    """The fairness step offline (the engine's `rerank` with the calibration the service
    uses, an in-memory exposure record): exposure per person and the mean nDCG over DAYS
    daily lists per project (--sweep)."""
    from projects.matchmaking import fairness

    exposure, types, ndcgs = np.zeros(n), np.zeros(5), []
    for day in range(DAYS):
        for pk, total, actor, people_of_rows, joiners, wanted, local in cases:
            rows = people_of_rows
            chosen = fairness.rerank(
                total, actor, shares, 10, fairness.daily_seed(pk, day),
                exposure_of=lambda p, rows=rows: exposure[rows[p]], type_exposure=types,
                wanted=wanted, local=local, relevance=relevance, **params,
            )  # fmt: skip
            people = rows[chosen]
            weights = POSITION_WEIGHTS[: len(people)]
            exposure[people] += weights
            types += np.bincount(actor[chosen], weights=weights, minlength=5)
            ndcgs.append(ndcg_at(people.tolist(), joiners))
    return exposure, float(np.mean(ndcgs))


def latency(pop, projects, leads, user_ids, rng) -> dict:
    from django.contrib.auth import get_user_model

    from people.models import Profile
    from projects.matchmaking import index as mindex
    from projects.services import matchmaking

    mindex.reset_local()
    from django.core.cache import cache

    cache.clear()
    started = time.perf_counter()
    pool, _index = mindex.get_index()
    first_build_ms = (time.perf_counter() - started) * 1000
    # The calibration from past projects (cached for a day, built by the task worker; here
    # once, warm, like the index).
    from projects.matchmaking import calibration

    calibration.reset_local()
    started = time.perf_counter()
    calibration.refresh(pool)  # what the task worker runs
    calibration_ms = (time.perf_counter() - started) * 1000
    picks = [projects[i] for i in rng.integers(0, len(projects), LATENCY_CALLS)]
    users = list(
        get_user_model().objects.filter(
            pk__in=[user_ids[i] for i in rng.integers(0, len(user_ids), LATENCY_CALLS)]
        )
    )
    result = {
        "index_first_build_ms": round(first_build_ms, 1),
        "calibration_build_ms": round(calibration_ms, 1),
        "people_full_build_ms": mindex.stats["last_full_ms"],
        "project_to_people": timed(
            [lambda p=p: matchmaking.suggest_people(leads[p.pk], p) for p in picks]
        ),
        "person_to_projects": timed(
            [lambda u=u: matchmaking.suggest_projects_for(u) for u in users]
        ),
        "team_builder": timed(
            [lambda p=p: matchmaking.build_teams(leads[p.pk], p, TEAM_SIZE) for p in picks[:50]]
        ),
    }
    # One profile changes: the next request patches the index instead of rebuilding it.
    profile = Profile.objects.filter(findable_for_projects=True).first()
    profile.skills.add("gis")  # signals bump the version after commit (autocommit here)
    started = time.perf_counter()
    matchmaking.suggest_people(leads[picks[0].pk], picks[0])
    result["request_after_one_profile_change_ms"] = round((time.perf_counter() - started) * 1000, 1)
    result["incremental_patch_ms"] = mindex.stats["last_patch_ms"]
    return result


def run(quick: bool, seed: int = 15) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="umecom-match-bench-"))
    pages._setup_django(workdir)
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    # The test settings' local-memory cache keeps 300 entries; production's Redis keeps the
    # exposure record (one key per person shown) without such a limit.
    cache._max_entries = 10_000_000
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    started = time.perf_counter()
    pages.create_database(workdir)
    vendor = connection.vendor
    log(f"{vendor}: migrated in {time.perf_counter() - started:.1f}s")
    sizes = (2000,) if quick else (10_000, 100_000)
    project_counts = {2000: 60, 10_000: 200, 100_000: 1000}
    rng = np.random.default_rng(seed)
    skills = _vocabulary()
    pop = Population(rng, sizes[-1], skills)
    results = {"database": vendor, "sizes": {}}
    try:
        challenge, district_objs, theme_objs, tags = seed_vocabulary(skills)
        user_ids: list[int] = []
        projects, specs = [], []
        for size in sizes:
            t0 = time.perf_counter()
            user_ids += insert_people(pop, len(user_ids), size, district_objs, tags)
            new_specs = make_projects(rng, pop, project_counts[size] - len(specs), 0, size)
            projects += insert_projects(
                new_specs, pop, user_ids, challenge, district_objs, theme_objs, tags
            )
            specs += new_specs
            if size == sizes[0]:
                history_joins = insert_history(
                    np.random.default_rng(seed + 1000), pop, size, user_ids, challenge,
                    district_objs, theme_objs, tags,
                )  # fmt: skip
                log(f"{vendor}: {HISTORY_PROJECTS} past projects, {history_joins} joins")
            log(f"{vendor}: {size} profiles, {len(projects)} projects in "
                f"{time.perf_counter() - t0:.1f}s")  # fmt: skip
            lead_ids = {p.pk: user_ids[s["lead"]] for p, s in zip(projects, specs, strict=True)}
            users = get_user_model().objects.in_bulk(list(set(lead_ids.values())))
            leads = {pk: users[uid] for pk, uid in lead_ids.items()}
            row = results["sizes"][str(size)] = {}
            row["latency"] = latency(pop, projects, leads, user_ids, rng)
            log(f"  latency at {size}: {json.dumps(row['latency'])}")
            if size == sizes[0]:
                t0 = time.perf_counter()
                person_of_user = {uid: i for i, uid in enumerate(user_ids)}
                results["quality"] = quality(pop, specs, projects, leads, person_of_user, rng, size)
                results["quality"]["profiles"] = size
                log(f"  quality at {size} ({time.perf_counter() - t0:.1f}s): "
                    f"{json.dumps(results['quality'])}")  # fmt: skip
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return results


def check(results: dict) -> list[str]:
    q = results["quality"]
    failures = []
    if q["team_skill_coverage"] < 0.98:
        failures.append(f"team skill coverage {q['team_skill_coverage']} < 0.98")
    if q["teams_meeting_actor_mix"] < 0.95:
        failures.append(f"teams meeting the mix {q['teams_meeting_actor_mix']} < 0.95")
    if q["exposure_gini"] > 0.40:
        failures.append(f"exposure Gini {q['exposure_gini']} > 0.40")
    if q["ndcg_loss"] is not None and q["ndcg_loss"] > 0.03:
        failures.append(f"nDCG loss {q['ndcg_loss']} > 0.03")
    for name, ratio in q["exposure_ratio_by_actor_type"].items():
        if not 0.8 <= ratio <= 1.25:
            failures.append(f"exposure ratio of {name} {ratio} outside 0.8–1.25")
    limits = {"10000": 50, "100000": 100, "2000": 50}
    for size, row in results["sizes"].items():
        p95 = row["latency"]["project_to_people"]["p95_ms"]
        if p95 > limits[size]:
            failures.append(f"project→people p95 {p95} ms at {size} > {limits[size]} ms")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 profiles only")
    parser.add_argument("--sweep", action="store_true", help="compare fairness parameters")
    parser.add_argument(
        "--seed", type=int, default=15,
        help="the population's random seed: 15 is the reported one; the fairness parameters "
        "were tuned on 16, so the report is out of sample",
    )  # fmt: skip
    args = parser.parse_args()
    if args.sweep:
        SWEEP.extend(
            {"type_gain": t, "person_gain": p, **band}
            for t, p in ((0.0, 0.0), (0.5, 0.015), (1.0, 0.015), (1.0, 0.02), (2.0, 0.02))
            for band in ({}, {"low": 0.95, "high": 1.10})
        )
    started = time.perf_counter()
    load_before = pages.load_average()
    results = run(args.quick, args.seed)
    results["seed"] = args.seed
    failures = check(results)
    results["load_average"] = {"before": load_before, "after": pages.load_average()}
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["targets_met"] = not failures
    for failure in failures:
        log(f"MISSED: {failure}")
    print(json.dumps(results))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
