"""Matchmaking for the views: the one place they ask for suggestions (issue 15).

    suggest_people(viewer, project, role=None, limit=10)      project → people
    suggest_projects_for(user, limit=5)                        "Projekt som behöver dig"
    suggest_challenges_for(user, limit=3)                      open challenges for a person
    suggest_projects_for_organisation(organisation, limit=5)   projects that need its offers
    build_teams(viewer, project, size)                         the team builder
    set_findable(user, findable)                               the one-click opt-out

Reads go through the cached index (projects/matchmaking/index.py): a request costs the two
version reads in the cache plus a handful of small queries (the project's declined and pending
invitations, the suggested people's names). Nothing here writes except `set_findable`;
inviting is teams' `invite(..., via_suggestion=True)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from people.permissions import can_view_hidden_profiles

from ..matchmaking import calibration, explain, exposure, fairness
from ..matchmaking import index as mindex
from ..matchmaking import teams as team_builder
from ..matchmaking.engine import ACTOR_CODE, ACTOR_TYPES, Pool, normalise_term, score

DEFAULT_LIMIT = 10
MAX_TEAM_SIZE = 8


@dataclass
class Suggestion:
    user_id: int
    profile_id: int
    display_name: str
    actor_type: str
    score: float
    reasons: list[str]
    invitable: bool
    terms: dict = field(default_factory=dict)

    @property
    def explanation(self) -> str:
        return explain.sentence(self.reasons)

    @property
    def actor_label(self) -> str:
        from umecom.taxonomy.models import ActorType

        return str(ActorType(self.actor_type).label)


@dataclass
class ProjectSuggestion:
    project: object
    score: float
    reasons: list[str]


@dataclass
class TeamProposal:
    members: list[Suggestion]
    covered: list[str]
    uncovered: list[str]
    mix_met: bool
    missing_actors: list[str]


def _district_labels(index) -> dict:
    english = (get_language() or "sv").startswith("en")
    return {pk: (en if english and en else sv) for pk, (sv, en) in index.district_labels.items()}


def pool_shares(pool: Pool) -> np.ndarray:
    """Each actor type's share of the opted-in pool (for the fairness step)."""
    opted = pool.alive & pool.findable
    counts = np.bincount(pool.actor[opted], minlength=len(ACTOR_TYPES)).astype(np.float64)
    total = counts.sum()
    return counts / total if total else counts


def wanted_codes(result) -> tuple:
    return tuple(ACTOR_CODE[t] for t in result.state.missing_actors)


def _may_manage(viewer, project) -> bool:
    from ..permissions_teams import can_manage_project

    return can_manage_project(viewer, project)


def _excluded_for(project) -> set[int]:
    """People not to suggest besides members: invited and waiting, or who said no."""
    from ..models import ProjectInvitation, RequestStatus

    return set(
        ProjectInvitation.objects.filter(
            project=project, status__in=[RequestStatus.PENDING, RequestStatus.DECLINED]
        ).values_list("user_id", flat=True)
    )


def _need_for(index, project, role):
    if role is not None:
        return index.role_needs.get(role.pk)
    return index.needs.get(project.pk)


def _describe(pool, rows, scored_terms, result, index) -> list[Suggestion]:
    """Names and reasons for the chosen rows (one query for the names)."""
    from people.models import Profile

    profile_ids = [int(pool.profile_ids[r]) for r in rows]
    names = dict(Profile.objects.filter(pk__in=profile_ids).values_list("pk", "display_name"))
    labels = _district_labels(index)
    term_cols = pool.term_vocab.cols({normalise_term(t) for t in result.need.terms})
    district_cols = pool.district_vocab.cols(result.need.districts)
    out = []
    for row, terms in zip(rows, scored_terms, strict=True):
        pid = int(pool.profile_ids[row])
        if pid not in names:  # deleted since the index was built
            continue
        reasons = explain.reasons(
            pool,
            row,
            terms,
            lacking_cols=result.lacking_cols,
            term_cols=term_cols,
            district_cols=district_cols,
            language_cols=result.state.languages,
            missing_actors=result.state.missing_actors,
            district_labels=labels,
        )
        out.append(
            Suggestion(
                user_id=int(pool.user_ids[row]),
                profile_id=pid,
                display_name=names[pid],
                actor_type=ACTOR_TYPES[int(pool.actor[row])],
                score=round(float(terms["total"]), 3),
                reasons=reasons,
                invitable=bool(pool.invitable[row]),
                terms=terms,
            )
        )
    return out


def _score_for(viewer, project, role):
    pool, index = mindex.get_index()
    need = _need_for(index, project, role)
    if need is None:  # paused or completed: no suggestions
        return pool, index, None
    mask = pool.eligible(
        for_inviting=False,
        may_see_hidden=can_view_hidden_profiles(viewer),
        exclude_user_ids=(*need.member_user_ids, *_excluded_for(project), viewer.pk),
        at_limit_user_ids=index.at_limit,
    )
    return pool, index, score(pool, need, mask)


def suggest_people(
    viewer, project, role=None, limit: int = DEFAULT_LIMIT, *, fair: bool = True, day=None
) -> list[Suggestion]:
    """The people to suggest for a project (or one open role), best first, with reasons.

    Only the project's lead and the innovation team may ask. People shown have opted in to be
    found; `Suggestion.invitable` says whether they may also be invited.
    """
    if not _may_manage(viewer, project):
        raise PermissionDenied(_("Bara projektledaren och innovationsteamet ser förslagen."))
    pool, index, result = _score_for(viewer, project, role)
    if result is None:
        return []
    if fair:
        key = (project.pk, getattr(role, "pk", ""), can_view_hidden_profiles(viewer), limit)
        positions = _fair_positions(pool, result, key, limit, day)
    else:
        positions = result.order(limit)
    rows = [int(result.rows[p]) for p in positions]
    terms = [
        {k: float(v[p]) for k, v in result.terms.items()} | {"total": float(result.total[p])}
        for p in positions
    ]
    return _describe(pool, rows, terms, result, index)


def _fair_positions(pool, result, key, limit: int, day) -> np.ndarray:
    """Today's list with amortised fair exposure (projects/matchmaking/fairness.py).

    A list is made once a day per project, role and kind of viewer, and its exposure is
    recorded then; reloads the same day show the same people (a lead's reloads are not more
    attention for anyone). Someone who has since become ineligible (invited, joined, opted
    out) leaves a place that is filled, and only that newcomer's exposure is recorded.
    """
    actor_codes = pool.actor[result.rows]
    kept = []
    for pid in exposure.todays_list(key, day=day):
        row = pool.row_of_profile.get(pid)
        if row is None:
            continue
        pos = int(np.searchsorted(result.rows, row))
        if pos < len(result.rows) and result.rows[pos] == row and result.total[pos] > 0:
            kept.append(pos)
    places = limit - len(kept)
    if places <= 0 and kept:
        return np.asarray(kept[:limit], dtype=np.int64)
    scores = result.total
    if kept:
        scores = scores.copy()
        scores[kept] = 0  # already on today's list
    calibrated = calibration.current(pool)  # None: too little history, or unavailable
    new = fairness.rerank(
        scores, actor_codes, pool_shares(pool), places, fairness.daily_seed(*key, day=day),
        exposure_of=lambda positions: exposure.person_exposure(
            pool.profile_ids[result.rows[positions]], day=day
        ),
        type_exposure=exposure.type_exposure(len(ACTOR_TYPES), day=day),
        wanted=wanted_codes(result),
        local=result.terms["district"] > 0,
        relevance=calibrated.relevance if calibrated is not None else None,
    )  # fmt: skip
    if len(new):
        exposure.record(
            pool.profile_ids[result.rows[new]],
            np.arange(len(kept) + 1, len(kept) + len(new) + 1),
            actor_codes[new],
            len(ACTOR_TYPES),
            day=day,
        )
    positions = np.asarray([*kept, *new.tolist()], dtype=np.int64)
    exposure.remember_list(key, pool.profile_ids[result.rows[positions]], day=day)
    return positions


def build_teams(viewer, project, size: int, *, count: int = 3) -> list[TeamProposal]:
    """Up to three different teams of `size` people who together cover the project's needs.

    Only people who allow invitations are proposed; nobody is added — the lead invites.
    """
    from ..models import ProjectStatus

    if not _may_manage(viewer, project):
        raise PermissionDenied(_("Bara projektledaren och innovationsteamet kan bygga team."))
    if project.status != ProjectStatus.FORMING:
        return []
    size = max(1, min(int(size), MAX_TEAM_SIZE))
    pool, index = mindex.get_index()
    need = index.needs.get(project.pk)
    if need is None:
        return []
    mask = pool.eligible(
        for_inviting=True,
        may_see_hidden=can_view_hidden_profiles(viewer),
        exclude_user_ids=(*need.member_user_ids, *_excluded_for(project), viewer.pk),
        at_limit_user_ids=index.at_limit,
    )
    result = score(pool, need, mask)
    teams = team_builder.build_teams(pool, result, size, count=count)
    position = {int(r): p for p, r in enumerate(result.rows)}
    proposals = []
    for team in teams:
        terms = [
            {k: float(v[position[r]]) for k, v in result.terms.items()}
            | {"total": float(result.total[position[r]])}
            for r in team.rows
        ]
        proposals.append(
            TeamProposal(
                members=_describe(pool, team.rows, terms, result, index),
                covered=team.covered,
                uncovered=team.uncovered,
                mix_met=team.mix_met,
                missing_actors=list(team.missing_actors),
            )
        )
    return proposals


def _project_reasons(pool, index, q, row, terms) -> list[str]:
    """Why a project suits a person: the same terms, said from the person's side."""
    need = index.book.needs[q]
    state = index.book.states[q]
    lacking_cols = pool.skill_vocab.cols(state.lacking)
    return explain.reasons(
        pool,
        row,
        terms,
        lacking_cols=lacking_cols,
        term_cols=pool.term_vocab.cols({normalise_term(t) for t in need.terms}),
        district_cols=pool.district_vocab.cols(need.districts),
        language_cols=state.languages,
        missing_actors=state.missing_actors,
        district_labels=_district_labels(index),
    )


def suggest_projects_for(user, limit: int = 5) -> list[ProjectSuggestion]:
    """Public live projects that need this person, best first (not their own projects).

    Shown to the person themselves, also when they chose not to be suggested to others.
    Team-only projects never appear: their pages are for the team.
    """
    from ..models import Project

    if not getattr(user, "is_authenticated", False):
        return []
    pool, index = mindex.get_index()
    row = pool.row_of_user.get(user.pk)
    if row is None or index.book is None or not index.book_ids:
        return []
    terms = index.book.score_person(pool, row)
    total = terms["total"].copy()
    # Not the person's own projects, nor those already asked or inviting them (Mina projekt
    # lists those).
    from ..models import JoinRequest, ProjectInvitation, RequestStatus

    waiting = set(
        ProjectInvitation.objects.filter(user=user, status=RequestStatus.PENDING).values_list(
            "project_id", flat=True
        )
    ) | set(
        JoinRequest.objects.filter(user=user, status=RequestStatus.PENDING).values_list(
            "project_id", flat=True
        )
    )
    for q, need in enumerate(index.book.needs):
        if user.pk in need.member_user_ids or need.project_id in waiting:
            total[q] = 0
    order = [int(q) for q in np.argsort(-total, kind="stable")[:limit] if total[q] > 0]
    ids = [index.book_ids[q] for q in order]
    projects = Project.objects.filter(pk__in=ids, visibility="public").select_related("challenge")
    by_id = {p.pk: p for p in projects}
    out = []
    for q in order:
        project = by_id.get(index.book_ids[q])
        if project is None:
            continue
        one = {k: float(v[q]) for k, v in terms.items()}
        out.append(
            ProjectSuggestion(project, one["total"], _project_reasons(pool, index, q, row, one))
        )
    return out


def suggest_projects_for_organisation(organisation, limit: int = 5) -> list[ProjectSuggestion]:
    """Public live projects whose lacking skills the organisation's offers cover."""
    from ..models import Project

    pool, index = mindex.get_index()
    if index.book is None or not index.book_ids:
        return []
    offers = {normalise_term(t) for t in organisation.offers.values_list("name", flat=True)}
    if not offers:
        return []
    rare = float(pool.idf.max()) if len(pool.idf) else 1.0

    def weight(skill):
        col = pool.skill_vocab.index.get(skill)
        return float(pool.idf[col]) if col is not None else rare

    # Few projects: plain Python over each project's lacking skills (words, so skills nobody
    # in the pool has still match an organisation that offers them).
    total = np.zeros(len(index.book_ids), dtype=np.float32)
    shared_of = {}
    for q, state in enumerate(index.book.states):
        lacking = set(state.lacking)
        shared = sorted(lacking & offers, key=lambda s: -weight(s))
        if shared:
            total[q] = sum(weight(s) for s in shared) / sum(weight(s) for s in lacking)
            shared_of[q] = shared
    order = [int(q) for q in np.argsort(-total, kind="stable")[:limit] if total[q] > 0]
    by_id = Project.objects.filter(
        pk__in=[index.book_ids[q] for q in order], visibility="public"
    ).in_bulk()
    out = []
    for q in order:
        project = by_id.get(index.book_ids[q])
        if project is None:
            continue
        reason = _("erbjuder %(skills)s som projektet behöver") % {
            "skills": explain.join_words(shared_of[q][: explain.MAX_NAMED])
        }
        out.append(ProjectSuggestion(project, float(total[q]), [reason]))
    return out


def suggest_challenges_for(user, limit: int = 3) -> list:
    """Open challenges (ideas or teams phase) whose wanted skills or themes match the person."""
    from challenges.models import ChallengePage, ChallengeSkillTag
    from people.permissions import CHALLENGE_ACCEPTING

    if not getattr(user, "is_authenticated", False):
        return []
    pool, _index = mindex.get_index()
    row = pool.row_of_user.get(user.pk)
    if row is None:
        return []
    skills = set(pool.skills_of_row(row))
    start, stop = pool.interests.indptr[row], pool.interests.indptr[row + 1]
    interests = {pool.term_vocab.terms[c] for c in pool.interests.indices[start:stop]}
    if not skills and not interests:
        return []
    weights: dict[int, float] = {}
    for cid, name in ChallengeSkillTag.objects.filter(tag__name__in=list(skills)).values_list(
        "content_object_id", "tag__name"
    ):
        col = pool.skill_vocab.index.get(name.lower())
        weights[cid] = weights.get(cid, 0.0) + (float(pool.idf[col]) if col is not None else 1.0)
    for cid, name in ChallengePage.themes.through.objects.values_list(
        "challengepage_id", "theme__name"
    ):
        if name.lower() in interests:
            weights[cid] = weights.get(cid, 0.0) + 1.0
    if not weights:
        return []
    challenges = (
        ChallengePage.objects.live()
        .filter(pk__in=list(weights))
        .select_related("locale")
        .prefetch_related("phases")
        .specific()
    )
    # A challenge and its translations share tags and themes: one of them, in the visitor's
    # language where it exists.
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    groups: dict = {}
    for c in challenges:
        if c.status in CHALLENGE_ACCEPTING:
            groups.setdefault(c.translation_key, []).append(c)
    picked = []
    for group in groups.values():
        shown = next((c for c in group if c.locale.language_code == language), group[0])
        picked.append((max(weights[c.pk] for c in group), shown))
    picked.sort(key=lambda pair: (-pair[0], pair[1].title))
    return [c for _w, c in picked[:limit]]


def set_findable(user, findable: bool) -> None:
    """The person's one-click switch: be suggested for projects, or not."""
    from people.models import Profile

    profile = Profile.objects.get(user=user)
    if profile.findable_for_projects != findable:
        profile.findable_for_projects = findable
        profile.save(update_fields=["findable_for_projects", "updated_at"])
