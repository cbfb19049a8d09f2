"""Matchmaking benchmark: quality, fair exposure and latency of projects/services/matchmaking.py.

    python bench/matchmaking.py            # 10,000 and 100,000 profiles (a few minutes)
    python bench/matchmaking.py --quick    # 2,000 profiles only, for development
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME python bench/matchmaking.py

Generates a population: a Swedish skill vocabulary with Zipf-skewed popularity (each actor
type leaning to its own skills), actor types citizens 55 %, companies 20 %, researchers 12 %,
associations 10 %, municipality 3 %; districts of Umeå; interests among the themes; languages;
hours per month; 70 % opted in to be found (85 % of those also to be invited; 5 % hidden
profiles). Projects (forming, with a lead, sometimes members, open roles, wanted actor mix).
All of it is bulk-created in the throw-away database (`test_<name>` next to DATABASE_URL's, or
a temporary SQLite file; never the given database itself).

A hidden ground truth of who would join each project: a utility the engine never sees —
additive in the lacking skills a person holds (rarity-weighted), their interests, district,
time, the perspective the team misses, a personal activity level and noise — and the eight
people with the highest utility join. All joins are held out (nothing is trained on them).

Quality (at the first size): nDCG@10 and precision@10 of project → people against the joins,
with and without the fairness step; the team builder's skill coverage and the share of built
teams meeting the wanted actor mix; exposure over `DAYS` days of daily lists: Gini over the
eligible people (opted in and with a positive score for at least one project), with and
without fairness, and each actor type's share of suggestions divided by its share of the
opted-in pool.

Latency (at each size, through the service functions the views call, database reads
included, index warm): p50/p95 of suggest_people, suggest_projects_for and build_teams; the
index's full build and an incremental patch after one profile changes.

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
        self.english = rng.random(n) < 0.55
        self.other_language = np.where(
            rng.random(n) < 0.1, rng.integers(0, len(OTHER_LANGUAGES), n), -1
        )
        self.hours = np.where(rng.random(n) < 0.25, -1, rng.choice([2, 4, 8, 10, 16, 20], size=n))
        self.findable = rng.random(n) < 0.70
        self.invitable = self.findable & (rng.random(n) < 0.85)
        vis = rng.random(n)
        self.visibility = np.where(vis < 0.05, "hidden", np.where(vis < 0.30, "public", "members"))
        self.activity = rng.normal(0, 0.25, n)

    def languages(self, r: int) -> str:
        words = ["svenska"]
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


def ground_truth(rng, pop: Population, spec: dict, excluded: set) -> set:
    """Who would join: the JOINERS people with the highest hidden utility."""
    n = len(pop.actor)
    holders = pop.person_skills[pop.findable].sum(axis=0) + 1
    rarity = np.log(pop.findable.sum() / holders)
    team = [spec["lead"], *spec["members"]]
    covered = pop.person_skills[team].any(axis=0)
    lacking = [k for k in spec["needed"] if not covered[k]] or spec["needed"]
    w = rarity[lacking]
    skill = (pop.person_skills[:, lacking] * w).sum(axis=1) / w.sum()
    interest = pop.interests[:, spec["themes"]].sum(axis=1) / len(spec["themes"])
    district = (pop.district == spec["district"]) if spec["district"] >= 0 else np.zeros(n)
    asked = max(h for _, h in spec["roles"])
    hours = np.where(pop.hours < 0, 0.3, np.minimum(pop.hours / asked, 1))
    have = {pop.actor_names[pop.actor[m]] for m in team}
    missing = [pop.actor_names.index(t) for t in spec["mix"] if t not in have]
    actor = np.isin(pop.actor, missing)
    utility = (
        2.5 * skill + 0.6 * interest + 0.4 * district + 0.3 * hours + 0.7 * actor
        + pop.activity + rng.normal(0, 0.25, n)
    )  # fmt: skip
    possible = pop.findable & ((skill > 0) | (interest > 0) | actor)
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


def quality(pop, specs, projects, leads, person_of_user, rng) -> dict:
    from projects.matchmaking import fairness
    from projects.matchmaking.fairness import gini
    from projects.services import matchmaking

    plain_ndcg, fair_ndcg, plain_prec, fair_prec = [], [], [], []
    exposure_plain = np.zeros(len(pop.actor))
    relevant_somewhere = np.zeros(len(pop.actor), dtype=bool)
    coverage, mix_met, teams_built = [], 0, 0
    cases = []
    for spec, project in zip(specs, projects, strict=True):
        lead = leads[project.pk]
        joiners = ground_truth(rng, pop, spec, {spec["lead"], *spec["members"]})
        pool, index, result = matchmaking._score_for(lead, project, None)
        people_of_rows = np.array(
            [person_of_user.get(int(u), -1) for u in pool.user_ids[result.rows]]
        )
        relevant_somewhere[people_of_rows[(result.total > 0) & (people_of_rows >= 0)]] = True
        plain = [int(people_of_rows[p]) for p in result.order(10)]
        fair_today = [person_of_user[s.user_id] for s in matchmaking.suggest_people(lead, project)]
        plain_ndcg.append(ndcg_at(plain, joiners))
        fair_ndcg.append(ndcg_at(fair_today, joiners))
        plain_prec.append(len(set(plain) & joiners) / 10)
        fair_prec.append(len(set(fair_today) & joiners) / 10)
        exposure_plain[plain] += DAYS  # the same list every day
        shares = matchmaking.pool_shares(pool)
        cases.append(
            (project.pk, result.total, pool.actor[result.rows], people_of_rows, joiners,
             matchmaking.wanted_codes(result))
        )  # fmt: skip
        for team in matchmaking.build_teams(lead, project, TEAM_SIZE):
            teams_built += 1
            total = len(team.covered) + len(team.uncovered)
            coverage.append(len(team.covered) / total if total else 1.0)
            mix_met += team.mix_met
    eligible = relevant_somewhere & pop.findable
    opted = pop.findable
    pool_share = np.bincount(pop.actor[opted], minlength=5) / opted.sum()
    exposure_fair = fair_exposure(cases, shares, len(pop.actor))
    if os.environ.get("MATCH_BENCH_DUMP"):  # for offline experiments with the fairness step
        import pickle

        with open(os.environ["MATCH_BENCH_DUMP"], "wb") as out:
            pickle.dump({"cases": cases, "shares": shares, "actor": pop.actor,
                         "eligible": eligible, "pool_share": pool_share}, out)  # fmt: skip
    if SWEEP:
        for params in SWEEP:
            exp = fair_exposure(cases, shares, len(pop.actor), **params)
            nd = np.mean([ndcg_at(list(rows_[fairness.rerank(t, a, shares, 10,
                          fairness.daily_seed(pk, ""), wanted=w, **params)]), j)
                          for pk, t, a, rows_, j, w in cases])  # fmt: skip
            by_type = [exp[pop.actor == t].sum() / exp.sum() / pool_share[t] for t in range(5)]
            log(
                f"  sweep {params}: gini {gini(exp[eligible]):.3f} ndcg {nd:.4f} "
                f"ratios {np.round(by_type, 2).tolist()}"
            )
    ratios = {}
    for t, name in enumerate(pop.actor_names):
        share = exposure_fair[pop.actor == t].sum() / exposure_fair.sum()
        ratios[name] = round(float(share / pool_share[t]), 3)
    ratios_plain = {
        name: round(float(exposure_plain[pop.actor == t].sum() / exposure_plain.sum()
                          / pool_share[t]), 3)
        for t, name in enumerate(pop.actor_names)
    }  # fmt: skip
    ndcg_plain, ndcg_fair = float(np.mean(plain_ndcg)), float(np.mean(fair_ndcg))
    return {
        "projects": len(specs),
        "ndcg_at_10": round(ndcg_fair, 4),
        "ndcg_at_10_without_fairness": round(ndcg_plain, 4),
        "ndcg_loss": round(1 - ndcg_fair / ndcg_plain, 4) if ndcg_plain else None,
        "precision_at_10": round(float(np.mean(fair_prec)), 4),
        "precision_at_10_without_fairness": round(float(np.mean(plain_prec)), 4),
        "team_skill_coverage": round(float(np.mean(coverage)), 4) if coverage else None,
        "teams_meeting_actor_mix": round(mix_met / teams_built, 4) if teams_built else None,
        "teams_built": teams_built,
        "exposure_days": DAYS,
        "eligible_people": int(eligible.sum()),
        "exposure_gini": round(gini(exposure_fair[eligible]), 4),
        "exposure_gini_without_fairness": round(gini(exposure_plain[eligible]), 4),
        "exposure_ratio_by_actor_type": ratios,
        "exposure_ratio_without_fairness": ratios_plain,
    }


def fair_exposure(cases, shares, n, **params) -> np.ndarray:
    """Exposure over DAYS daily lists per project, re-ranked as suggest_people does."""
    from projects.matchmaking import fairness

    exposure = np.zeros(n)
    base = dt.date.today()
    for pk, total, actor, people_of_rows, _joiners, wanted in cases:
        for day in range(DAYS):
            seed = fairness.daily_seed(pk, "", day=base + dt.timedelta(days=day))
            chosen = fairness.rerank(total, actor, shares, 10, seed, wanted=wanted, **params)
            exposure[people_of_rows[chosen]] += 1
    return exposure


def latency(pop, projects, leads, user_ids, rng) -> dict:
    from django.contrib.auth import get_user_model

    from people.models import Profile
    from projects.matchmaking import index as mindex
    from projects.services import matchmaking

    mindex.reset_local()
    from django.core.cache import cache

    cache.clear()
    started = time.perf_counter()
    mindex.get_index()
    first_build_ms = (time.perf_counter() - started) * 1000
    picks = [projects[i] for i in rng.integers(0, len(projects), LATENCY_CALLS)]
    users = list(
        get_user_model().objects.filter(
            pk__in=[user_ids[i] for i in rng.integers(0, len(user_ids), LATENCY_CALLS)]
        )
    )
    result = {
        "index_first_build_ms": round(first_build_ms, 1),
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


def run(quick: bool) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="umecom-match-bench-"))
    pages._setup_django(workdir)
    from django.contrib.auth import get_user_model
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    started = time.perf_counter()
    pages.create_database(workdir)
    vendor = connection.vendor
    log(f"{vendor}: migrated in {time.perf_counter() - started:.1f}s")
    sizes = (2000,) if quick else (10_000, 100_000)
    project_counts = {2000: 60, 10_000: 200, 100_000: 1000}
    rng = np.random.default_rng(15)
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
                results["quality"] = quality(pop, specs, projects, leads, person_of_user, rng)
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
    args = parser.parse_args()
    if args.sweep:
        SWEEP.extend(
            {"temperature": t, "low": lo, "high": hi}
            for t in (0.0, 0.03, 0.06, 0.1)
            for lo, hi in ((0.0, 100.0), (0.85, 1.2), (0.7, 1.5), (0.6, 1.6))
        )
    started = time.perf_counter()
    load_before = pages.load_average()
    results = run(args.quick)
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
