"""The pool and the open projects, built from the database and kept fresh without rebuilding
on every request.

Two versions live in the Django cache (shared by every process): `people` and `projects`.
Signals (`signals.py`) bump them after a commit that changes a profile, its skills, interests
or districts (people), or a project, its skills, roles, themes, districts or members
(projects). Each process keeps the built index in memory with the version it was built at;
a request only reads the two version numbers from the cache unless something changed.

People: a change records the profile's id under its new version number, so a process that
is a few versions behind re-reads only those profiles (four small queries) and patches its
matrices in place (`Pool.replace`); only a process that is far behind, or that lost the
record (cache eviction), rebuilds from scratch: one query per table, `values_list`, no
model instances. Projects are few (hundreds to thousands): read again on a change to them, and
only recompiled (no database) when people change.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count

from .engine import Need, PersonRow, Pool, ProjectBook

PEOPLE_VERSION_KEY = "matchmaking:people:version"
PROJECTS_VERSION_KEY = "matchmaking:projects:version"
DIRTY_KEY = "matchmaking:people:dirty:{}"
DIRTY_TTL = 24 * 3600
# Further behind than this, a full rebuild is cheaper than replaying the changes.
MAX_REPLAY = 200

_lock = threading.Lock()
_state: dict = {"people": None, "people_version": None, "projects": None, "projects_key": None}
# Rebuild timings, for the benchmark and the logs.
stats: dict = {"full_builds": 0, "patches": 0, "last_full_ms": None, "last_patch_ms": None}


def max_active_projects() -> int:
    return int(getattr(settings, "UMECOM_MAX_ACTIVE_PROJECTS", 3))


# --- versions --------------------------------------------------------------------------------


def _version(key: str) -> int:
    value = cache.get(key)
    if value is None:
        # A fresh cache (or an evicted key): start from a time-based number so a process that
        # built an index before the eviction cannot mistake it for the current one.
        cache.add(key, int(time.time() * 1000))
        value = cache.get(key)
    return int(value)


def _bump(key: str) -> int:
    try:
        return int(cache.incr(key))
    except ValueError:  # missing key
        cache.add(key, int(time.time() * 1000))
        return int(cache.incr(key))


def people_changed(profile_ids) -> None:
    """Call after commit: these profiles changed (or were deleted)."""
    version = _bump(PEOPLE_VERSION_KEY)
    cache.set(DIRTY_KEY.format(version), sorted(set(profile_ids)), DIRTY_TTL)


def projects_changed() -> None:
    _bump(PROJECTS_VERSION_KEY)


def reset_local() -> None:
    """Forget this process's indexes (tests)."""
    with _lock:
        _state.update(
            people=None, people_version=None, projects=None, projects_key=None,
            projects_raw=None, projects_raw_version=None,
        )  # fmt: skip


# --- people ----------------------------------------------------------------------------------


def _people_rows(profile_ids=None) -> list[PersonRow]:
    from people.models import Profile, ProfileInterest, ProfileSkill

    profiles = Profile.objects.filter(user__is_active=True)
    skills = ProfileSkill.objects.all()
    interests = ProfileInterest.objects.all()
    districts = Profile.districts.through.objects.all()
    if profile_ids is not None:
        profiles = profiles.filter(pk__in=profile_ids)
        skills = skills.filter(content_object_id__in=profile_ids)
        interests = interests.filter(content_object_id__in=profile_ids)
        districts = districts.filter(profile_id__in=profile_ids)
    by = {"s": defaultdict(list), "i": defaultdict(list), "d": defaultdict(list)}
    for pid, name in skills.values_list("content_object_id", "tag__name").iterator(10000):
        by["s"][pid].append(name)
    for pid, name in interests.values_list("content_object_id", "tag__name").iterator(10000):
        by["i"][pid].append(name)
    for pid, did in districts.values_list("profile_id", "district_id").iterator(10000):
        by["d"][pid].append(did)
    fields = (
        "pk",
        "user_id",
        "actor_type",
        "hours_per_month",
        "findable_for_projects",
        "invitable_to_teams",
        "visibility",
        "languages",
    )
    return [
        PersonRow(
            pid,
            uid,
            actor,
            hours,
            findable,
            invitable,
            visibility,
            languages,
            tuple(by["s"].get(pid, ())),
            tuple(by["i"].get(pid, ())),
            tuple(by["d"].get(pid, ())),
        )  # fmt: skip
        for pid, uid, actor, hours, findable, invitable, visibility, languages in (
            profiles.order_by("pk").values_list(*fields).iterator(10000)
        )
    ]


def build_pool() -> Pool:
    started = time.perf_counter()
    pool = Pool.build(_people_rows())
    stats["full_builds"] += 1
    stats["last_full_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return pool


def people_pool() -> Pool:
    version = _version(PEOPLE_VERSION_KEY)
    with _lock:
        pool, built_at = _state["people"], _state["people_version"]
        if pool is not None and built_at == version:
            return pool
        if pool is not None and built_at is not None and 0 < version - built_at <= MAX_REPLAY:
            keys = [DIRTY_KEY.format(v) for v in range(built_at + 1, version + 1)]
            found = cache.get_many(keys)
            if len(found) == len(keys):
                started = time.perf_counter()
                ids = sorted({pid for ids in found.values() for pid in ids})
                rows = _people_rows(ids)
                present = {r.profile_id for r in rows}
                pool.replace(rows, removed_profile_ids=[i for i in ids if i not in present])
                stats["patches"] += 1
                stats["last_patch_ms"] = round((time.perf_counter() - started) * 1000, 1)
                _state.update(people_version=version)
                _state["projects_key"] = None  # IDF and rows moved: recompile the projects
                return pool
        pool = build_pool()
        _state.update(people=pool, people_version=version, projects_key=None)
        return pool


# --- projects --------------------------------------------------------------------------------


@dataclass
class ProjectIndex:
    """Live projects (forming or active) as needs, and who is at their project limit."""

    needs: dict  # project id → Need (the whole project)
    role_needs: dict  # role id → Need (one open role)
    visibility: dict  # project id → "public" / "team"
    status: dict
    challenge: dict
    at_limit: frozenset  # user ids at UMECOM_MAX_ACTIVE_PROJECTS
    district_labels: dict  # district id → (name, name_en)
    book: ProjectBook | None = None  # public projects, for "projects that need you"
    book_ids: tuple = ()


def grouped(pairs) -> defaultdict:
    """(key, value) rows, as from `values_list`: key → its values, in order."""
    by_key = defaultdict(list)
    for key, value in pairs:
        by_key[key].append(value)
    return by_key


def project_attributes(**where) -> tuple[defaultdict, defaultdict, defaultdict]:
    """Needed skills, theme names and district ids per project id, of the projects matching
    `where` (Project lookups: `status__in=…`, `pk__in=…`); one query per table."""
    from projects.models import Project, ProjectSkill

    def of(prefix: str) -> dict:
        return {f"{prefix}__{lookup}": value for lookup, value in where.items()}

    skills = grouped(
        ProjectSkill.objects.filter(**of("content_object")).values_list(
            "content_object_id", "tag__name"
        )
    )
    terms = grouped(
        Project.themes.through.objects.filter(**of("project")).values_list(
            "project_id", "theme__name"
        )
    )
    districts = grouped(
        Project.districts.through.objects.filter(**of("project")).values_list(
            "project_id", "district_id"
        )
    )
    return skills, terms, districts


def _load_projects() -> ProjectIndex:
    """The live projects from the database (one query per table); no matrices yet."""
    from projects.models import (
        LIVE_PROJECT_STATUSES,
        Project,
        ProjectMembership,
        ProjectRole,
        ProjectRoleSkill,
    )
    from umecom.taxonomy.models import District

    live = list(LIVE_PROJECT_STATUSES)
    projects = list(
        Project.objects.filter(status__in=live).values_list(
            "pk", "wanted_actor_mix", "visibility", "status", "challenge_id"
        )
    )
    skills, terms, districts = project_attributes(status__in=live)
    members = grouped(
        ProjectMembership.objects.filter(project__status__in=live).values_list(
            "project_id", "user_id"
        )
    )
    roles = list(
        ProjectRole.objects.filter(project__status__in=live, is_open=True).values_list(
            "pk", "project_id", "hours_per_month"
        )
    )
    role_skills = grouped(
        ProjectRoleSkill.objects.filter(
            content_object__is_open=True, content_object__project__status__in=live
        ).values_list("content_object_id", "tag__name")
    )
    role_hours = defaultdict(list)
    for rid, pid, hours in roles:
        role_hours[pid].append(hours)
        skills[pid].extend(role_skills[rid])
    needs, role_needs, visibility, status, challenge = {}, {}, {}, {}, {}
    for pid, mix, vis, st, cid in projects:
        hours = [h for h in role_hours.get(pid, ()) if h]
        needs[pid] = Need(
            project_id=pid,
            skills=tuple(dict.fromkeys(skills[pid])),
            terms=tuple(terms[pid]),
            districts=tuple(districts[pid]),
            hours=float(max(hours)) if hours else None,
            wanted_mix=dict(mix or {}),
            member_user_ids=tuple(members[pid]),
        )
        visibility[pid], status[pid], challenge[pid] = vis, st, cid
    for rid, pid, hours in roles:
        if pid in needs:
            base = needs[pid]
            role_needs[rid] = Need(
                project_id=pid,
                role_id=rid,
                skills=tuple(role_skills[rid]) or base.skills,
                terms=base.terms,
                districts=base.districts,
                hours=float(hours) if hours else base.hours,
                wanted_mix=base.wanted_mix,
                member_user_ids=base.member_user_ids,
            )
    at_limit = frozenset(
        ProjectMembership.objects.filter(project__status__in=live)
        .values("user_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=max_active_projects())
        .values_list("user_id", flat=True)
    )
    labels = {pk: (name, name_en) for pk, name, name_en in District.objects.values_list(
        "pk", "name", "name_en"
    )}  # fmt: skip
    return ProjectIndex(needs, role_needs, visibility, status, challenge, at_limit, labels)


def _compile(pool: Pool, raw: ProjectIndex) -> ProjectIndex:
    """The public projects as matrices over the pool's vocabularies (no database)."""
    public = [pid for pid in raw.needs if raw.visibility[pid] == "public"]
    return replace(
        raw,
        book=ProjectBook.build(pool, [raw.needs[pid] for pid in public]),
        book_ids=tuple(public),
    )


def get_index() -> tuple[Pool, ProjectIndex]:
    """The current pool and projects; what one request uses (two cache reads when fresh).

    A change to people recompiles the projects' matrices (IDF and members' skills moved) but
    does not read the projects again; a change to projects reads them again.
    """
    pool = people_pool()
    projects_version = _version(PROJECTS_VERSION_KEY)
    key = (_state["people_version"], projects_version)
    with _lock:
        if _state["projects"] is not None and _state["projects_key"] == key:
            return pool, _state["projects"]
        raw = _state.get("projects_raw")
        if raw is None or _state.get("projects_raw_version") != projects_version:
            raw = _load_projects()
            _state.update(projects_raw=raw, projects_raw_version=projects_version)
        index = _compile(pool, raw)
        _state.update(projects=index, projects_key=key)
        return pool, index
