"""The scoring engine: people as sparse matrices, a project's needs as vectors, one score.

Nothing here touches the database or a request; `index.py` fills a `Pool` from the database
and the benchmark fills one from a generated population, so both run the same code.

Score of a person for a project (or one of its open roles), every term in [0, 1]:

person → project ("does the person bring what the project needs"):
    skill     IDF-weighted share of the skills the team STILL LACKS that the person has
              (IDF = rarity among the people who opted in), not raw similarity
    interest  the person's interests that match the project's themes and tags
    district  the person lives or works in one of the project's districts
    language  the person shares a language with the team (Swedish when the team says none)
    hours     the person's hours per month against what the role asks for
    actor     the person's actor type is still missing from the project's wanted mix

project → person ("does the project use what the person offers and cares about"):
    IDF-weighted share of the person's own skills the project needs, share of the person's
    interests the project covers, district and hours.

The two are combined with a harmonic mean, so a suggestion needs both sides to fit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

ACTOR_TYPES = ("citizen", "company", "researcher", "association", "municipality")
ACTOR_CODE = {name: code for code, name in enumerate(ACTOR_TYPES)}
VISIBILITY_CODE = {"public": 0, "members": 1, "hidden": 2}
HIDDEN = VISIBILITY_CODE["hidden"]

# Weights of the person → project side, and of the project → person side.
FORWARD_WEIGHTS = {
    "skill": 0.40,
    "interest": 0.15,
    "district": 0.10,
    "language": 0.10,
    "hours": 0.10,
    "actor": 0.15,
}
BACKWARD_WEIGHTS = {"skill": 0.45, "interest": 0.30, "district": 0.15, "hours": 0.10}
# Hours term for someone who did not say how much time they have.
UNKNOWN_HOURS = 0.25
# Hours a project asks for when neither it nor its roles say.
DEFAULT_HOURS = 8.0
# A project's themes: three matching interests count as a full match.
INTEREST_SATURATION = 3

_LANGUAGE_ALIASES = {
    "swedish": "svenska",
    "english": "engelska",
    "arabic": "arabiska",
    "finnish": "finska",
    "somali": "somaliska",
    "persian": "persiska",
    "farsi": "persiska",
    "dari": "dari",
    "sami": "samiska",
    "samiska": "samiska",
    "nordsamiska": "samiska",
    "umesamiska": "samiska",
    "spanish": "spanska",
    "german": "tyska",
    "french": "franska",
    "tigrinya": "tigrinja",
    "kurdish": "kurdiska",
    "polish": "polska",
    "russian": "ryska",
}
_SPLIT = re.compile(r"[,;/]|\boch\b|\band\b", re.IGNORECASE)


def normalise_term(text: str) -> str:
    return " ".join((text or "").lower().split())


def parse_languages(text: str) -> list[str]:
    """'Svenska, engelska och arabiska' → ['svenska', 'engelska', 'arabiska']."""
    out = []
    for part in _SPLIT.split(text or ""):
        word = normalise_term(part)
        if not word:
            continue
        word = _LANGUAGE_ALIASES.get(word, word)
        if word not in out:
            out.append(word)
    return out


class Vocabulary:
    """Terms ↔ column numbers; grows when new terms arrive (incremental updates)."""

    def __init__(self, terms=()):
        self.terms: list = []
        self.index: dict = {}
        for term in terms:
            self.add(term)

    def add(self, term) -> int:
        col = self.index.get(term)
        if col is None:
            col = self.index[term] = len(self.terms)
            self.terms.append(term)
        return col

    def cols(self, terms) -> np.ndarray:
        return np.fromiter((self.index[t] for t in terms if t in self.index), dtype=np.int64)

    def __len__(self) -> int:
        return len(self.terms)


def _binary_matrix(rows: np.ndarray, cols: np.ndarray, shape) -> sparse.csr_matrix:
    data = np.ones(len(rows), dtype=np.float32)
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=shape, dtype=np.float32)
    matrix.sum_duplicates()
    matrix.data[:] = 1.0  # a term twice is still one
    return matrix


@dataclass
class PersonRow:
    """One profile as the engine needs it (built from values_list rows or a generator)."""

    profile_id: int
    user_id: int
    actor_type: str
    hours: int | None
    findable: bool
    invitable: bool
    visibility: str
    languages: str = ""
    skills: tuple = ()
    interests: tuple = ()
    districts: tuple = ()


@dataclass
class Pool:
    """Everyone with a profile, as parallel arrays and binary sparse matrices (one row each).

    Rows of people who did not opt in are kept (a team's members need their skills to know
    what the team still lacks) but never suggested; IDF counts only people who opted in.
    """

    profile_ids: np.ndarray
    user_ids: np.ndarray
    actor: np.ndarray  # int8 codes into ACTOR_TYPES
    hours: np.ndarray  # float32, NaN when unknown
    findable: np.ndarray
    invitable: np.ndarray
    visibility: np.ndarray  # int8 codes of VISIBILITY_CODE
    alive: np.ndarray  # False for rows of deleted profiles (incremental updates)
    skills: sparse.csr_matrix
    interests: sparse.csr_matrix
    districts: sparse.csr_matrix
    languages: sparse.csr_matrix
    skill_vocab: Vocabulary
    term_vocab: Vocabulary
    district_vocab: Vocabulary
    language_vocab: Vocabulary
    # Derived (`refresh`): column-major copies for slicing by skill, IDF, per-person masses.
    skills_csc: sparse.csc_matrix = field(init=False, repr=False)
    interests_csc: sparse.csc_matrix = field(init=False, repr=False)
    idf: np.ndarray = field(init=False, repr=False)
    unknown_idf: float = field(init=False, repr=False)
    skill_mass: np.ndarray = field(init=False, repr=False)
    interest_count: np.ndarray = field(init=False, repr=False)
    row_of_user: dict = field(init=False, repr=False)
    row_of_profile: dict = field(init=False, repr=False)

    def __post_init__(self):
        self.refresh()

    # --- construction ------------------------------------------------------------------------

    @classmethod
    def build(cls, people: list[PersonRow]) -> Pool:
        skill_vocab, term_vocab = Vocabulary(), Vocabulary()
        district_vocab, language_vocab = Vocabulary(), Vocabulary()
        n = len(people)
        triples = {"s": ([], []), "i": ([], []), "d": ([], []), "l": ([], [])}
        for row, person in enumerate(people):
            for kind, vocab, values in (
                ("s", skill_vocab, (normalise_term(s) for s in person.skills)),
                ("i", term_vocab, (normalise_term(s) for s in person.interests)),
                ("d", district_vocab, person.districts),
                ("l", language_vocab, parse_languages(person.languages)),
            ):
                rows, cols = triples[kind]
                for value in values:
                    rows.append(row)
                    cols.append(vocab.add(value))

        def matrix(kind, vocab):
            rows, cols = triples[kind]
            return _binary_matrix(
                np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64), (n, len(vocab))
            )

        return cls(
            profile_ids=np.fromiter((p.profile_id for p in people), np.int64, n),
            user_ids=np.fromiter((p.user_id for p in people), np.int64, n),
            actor=np.fromiter((ACTOR_CODE.get(p.actor_type, 0) for p in people), np.int8, n),
            hours=np.fromiter(
                (np.nan if p.hours is None else p.hours for p in people), np.float32, n
            ),
            findable=np.fromiter((bool(p.findable) for p in people), bool, n),
            invitable=np.fromiter((bool(p.invitable) for p in people), bool, n),
            visibility=np.fromiter(
                (VISIBILITY_CODE.get(p.visibility, 1) for p in people), np.int8, n
            ),
            alive=np.ones(n, dtype=bool),
            skills=matrix("s", skill_vocab),
            interests=matrix("i", term_vocab),
            districts=matrix("d", district_vocab),
            languages=matrix("l", language_vocab),
            skill_vocab=skill_vocab,
            term_vocab=term_vocab,
            district_vocab=district_vocab,
            language_vocab=language_vocab,
        )

    def refresh(self) -> None:
        """Recompute what derives from the rows: IDF, masses, lookups, column-major copies."""
        n = len(self.profile_ids)
        self.skills_csc = self.skills.tocsc()
        self.interests_csc = self.interests.tocsc()
        opted = (self.findable & self.alive).astype(np.float32)
        pool_size = max(1.0, float(opted.sum()))
        # The IDF of a skill nobody in the pool has (the same smoothing as below).
        self.unknown_idf = float(math.log(1.0 + pool_size)) + 1.0
        holders = np.asarray(self.skills.T @ opted).ravel()
        # Smoothed IDF: a skill nobody in the pool has is as rare as one person having it.
        self.idf = np.log((1.0 + pool_size) / (1.0 + holders)).astype(np.float32) + 1.0
        self.skill_mass = np.asarray(self.skills @ self.idf).ravel()
        self.interest_count = np.asarray(self.interests.sum(axis=1)).ravel()
        self.row_of_user = dict(zip(self.user_ids.tolist(), range(n), strict=True))
        self.row_of_profile = dict(zip(self.profile_ids.tolist(), range(n), strict=True))

    def replace(self, people: list[PersonRow], removed_profile_ids=()) -> None:
        """Incremental update: rewrite (or append) the given people's rows, retire removed ones.

        Cost is O(nnz) array work, no Python loop over the whole pool: tens of milliseconds
        at 100,000 profiles where a full rebuild reads every table again.
        """
        for pid in removed_profile_ids:
            row = self.row_of_profile.get(pid)
            if row is not None:
                self.alive[row] = False
                self.findable[row] = self.invitable[row] = False
        if not people:
            self.refresh()
            return
        new = [p for p in people if p.profile_id not in self.row_of_profile]
        if new:
            extra = len(new)
            self.profile_ids = np.concatenate([self.profile_ids, [p.profile_id for p in new]])
            self.user_ids = np.concatenate([self.user_ids, [p.user_id for p in new]])
            self.actor = np.concatenate([self.actor, np.zeros(extra, np.int8)])
            self.hours = np.concatenate([self.hours, np.full(extra, np.nan, np.float32)])
            self.findable = np.concatenate([self.findable, np.zeros(extra, bool)])
            self.invitable = np.concatenate([self.invitable, np.zeros(extra, bool)])
            self.visibility = np.concatenate([self.visibility, np.ones(extra, np.int8)])
            self.alive = np.concatenate([self.alive, np.ones(extra, bool)])
            n0 = self.skills.shape[0]
            self.row_of_profile.update({p.profile_id: n0 + k for k, p in enumerate(new)})
        n = len(self.profile_ids)
        rows = np.array([self.row_of_profile[p.profile_id] for p in people], dtype=np.int64)
        for row, p in zip(rows, people, strict=True):
            self.user_ids[row] = p.user_id
            self.actor[row] = ACTOR_CODE.get(p.actor_type, 0)
            self.hours[row] = np.nan if p.hours is None else p.hours
            self.findable[row] = bool(p.findable)
            self.invitable[row] = bool(p.invitable)
            self.visibility[row] = VISIBILITY_CODE.get(p.visibility, 1)
            self.alive[row] = True
        for attr, vocab, values_of in (
            ("skills", self.skill_vocab, lambda p: [normalise_term(s) for s in p.skills]),
            ("interests", self.term_vocab, lambda p: [normalise_term(s) for s in p.interests]),
            ("districts", self.district_vocab, lambda p: list(p.districts)),
            ("languages", self.language_vocab, lambda p: parse_languages(p.languages)),
        ):
            r, c = [], []
            for k, p in enumerate(people):
                for value in values_of(p):
                    r.append(k)
                    c.append(vocab.add(value))
            patch = _binary_matrix(
                np.asarray(r, dtype=np.int64),
                np.asarray(c, dtype=np.int64),
                (len(people), len(vocab)),
            )
            setattr(self, attr, _replace_rows(getattr(self, attr), rows, patch, n, len(vocab)))
        self.refresh()

    # --- eligibility ---------------------------------------------------------------------------

    def eligible(
        self,
        *,
        for_inviting: bool,
        may_see_hidden: bool,
        exclude_user_ids=(),
        at_limit_user_ids=(),
    ) -> np.ndarray:
        """Boolean mask of the rows that may be suggested (opt-ins, visibility, exclusions)."""
        mask = self.alive & self.findable
        if for_inviting:
            mask = mask & self.invitable
        if not may_see_hidden:
            mask = mask & (self.visibility != HIDDEN)
        for user_id in (*exclude_user_ids, *at_limit_user_ids):
            row = self.row_of_user.get(user_id)
            if row is not None:
                mask[row] = False
        return mask

    def rows_of_users(self, user_ids) -> np.ndarray:
        return np.fromiter(
            (self.row_of_user[u] for u in user_ids if u in self.row_of_user), dtype=np.int64
        )

    def skills_of_row(self, row: int) -> list[str]:
        start, stop = self.skills.indptr[row], self.skills.indptr[row + 1]
        return [self.skill_vocab.terms[c] for c in self.skills.indices[start:stop]]


def _replace_rows(matrix, rows, patch, n_rows, n_cols) -> sparse.csr_matrix:
    """`matrix` with `rows` replaced by the rows of `patch` (and grown to n_rows × n_cols)."""
    matrix = matrix.tocsr()
    matrix.resize((n_rows, n_cols))
    keep = np.ones(n_rows, dtype=np.float32)
    keep[rows] = 0.0
    kept = sparse.diags(keep) @ matrix
    placed = (
        sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, np.arange(len(rows)))),
            shape=(n_rows, len(rows)),
        )
        @ patch
    )
    out = (kept + placed).tocsr()
    out.eliminate_zeros()
    return out


# --- What a project needs --------------------------------------------------------------------


@dataclass
class Need:
    """A project (or one of its open roles) as the engine sees it."""

    project_id: int
    skills: tuple[str, ...]  # what the project or role needs
    terms: tuple[str, ...] = ()  # themes and tags, matched against people's interests
    districts: tuple = ()  # district ids
    hours: float | None = None  # hours per month asked for
    wanted_mix: dict = field(default_factory=dict)  # {"researcher": 1}
    member_user_ids: tuple = ()
    role_id: int | None = None


@dataclass
class TeamState:
    """What the current team already brings, derived from the pool."""

    covered: set
    lacking: tuple  # needed skills nobody in the team has (all of them if the team has all)
    missing_actors: dict  # actor type → how many more the wanted mix asks for
    languages: np.ndarray  # language columns the team speaks


def team_state(pool: Pool, need: Need) -> TeamState:
    needed = [normalise_term(s) for s in need.skills]
    needed = list(dict.fromkeys(s for s in needed if s))
    member_rows = pool.rows_of_users(need.member_user_ids)
    covered: set[str] = set()
    have = dict.fromkeys(ACTOR_TYPES, 0)
    lang_cols = np.zeros(0, dtype=np.int64)
    if len(member_rows):
        langs = pool.languages
        spoken = set()
        for row in member_rows:
            covered.update(pool.skills_of_row(int(row)))
            have[ACTOR_TYPES[pool.actor[row]]] += 1
            spoken.update(langs.indices[langs.indptr[row] : langs.indptr[row + 1]].tolist())
        lang_cols = np.array(sorted(spoken), dtype=np.int64)
    lacking = tuple(s for s in needed if s not in covered) or tuple(needed)
    if not len(lang_cols):
        lang_cols = pool.language_vocab.cols(["svenska"])
    missing = {
        t: int(n) - have.get(t, 0)
        for t, n in (need.wanted_mix or {}).items()
        if t in ACTOR_CODE and int(n or 0) - have.get(t, 0) > 0
    }
    return TeamState(covered=covered, lacking=lacking, missing_actors=missing, languages=lang_cols)


@dataclass
class Scores:
    """Scores of a set of pool rows for one need, with every term kept for explanations."""

    rows: np.ndarray
    total: np.ndarray
    forward: np.ndarray
    backward: np.ndarray
    terms: dict  # name → array aligned with rows
    state: TeamState
    need: Need
    lacking_cols: np.ndarray
    needed_cols: np.ndarray

    def order(self, limit: int | None = None) -> np.ndarray:
        """Positions into `rows`, best first, of rows with a positive score."""
        positive = np.flatnonzero(self.total > 0)
        if limit is not None and len(positive) > limit:
            part = np.argpartition(-self.total[positive], limit - 1)[:limit]
            positive = positive[part]
        # Ties broken by profile id so the order is stable between requests.
        return positive[np.lexsort((self.rows[positive], -self.total[positive]))]


def _lacking_mass(pool: Pool, lacking, cols) -> float:
    mass = float(pool.idf[cols].sum()) if len(cols) else 0.0
    # Skills nobody in the pool has still count in the denominator: rare means precious.
    unknown = len(lacking) - len(cols)
    return mass + unknown * pool.unknown_idf


def _harmonic(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        h = np.where(a + b > 0, 2 * a * b / (a + b), 0.0)
    return h.astype(np.float32)


def hours_term(person_hours: np.ndarray, asked: float | None) -> np.ndarray:
    asked = float(asked or DEFAULT_HOURS)
    with np.errstate(invalid="ignore"):
        h = np.minimum(person_hours / asked, 1.0)
    return np.where(np.isnan(person_hours), UNKNOWN_HOURS, h).astype(np.float32)


def score(pool: Pool, need: Need, mask: np.ndarray, state: TeamState | None = None) -> Scores:
    """Score every row where `mask` holds for `need` (vectorised; no Python loop over rows)."""
    state = state or team_state(pool, need)
    rows = np.flatnonzero(mask)
    lacking_cols = pool.skill_vocab.cols(state.lacking)
    needed_cols = pool.skill_vocab.cols(dict.fromkeys(normalise_term(s) for s in need.skills if s))
    idf = pool.idf
    m = len(rows)
    # Skill, person → project: IDF-weighted share of what the team lacks.
    lacking_mass = _lacking_mass(pool, state.lacking, lacking_cols)
    sub = pool.skills[rows]
    if len(lacking_cols) and lacking_mass > 0:
        skill_fwd = np.asarray(sub[:, lacking_cols] @ idf[lacking_cols]).ravel() / lacking_mass
    else:
        skill_fwd = np.zeros(m, dtype=np.float32)
    # Skill, project → person: IDF-weighted share of the person's skills the project needs.
    if len(needed_cols):
        used = np.asarray(sub[:, needed_cols] @ idf[needed_cols]).ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            skill_bwd = np.where(pool.skill_mass[rows] > 0, used / pool.skill_mass[rows], 0.0)
    else:
        skill_bwd = np.zeros(m, dtype=np.float32)
    # Interests against the project's themes and tags.
    need_terms = dict.fromkeys(normalise_term(t) for t in need.terms if t)
    term_cols = pool.term_vocab.cols(need_terms)
    if len(term_cols):
        overlap = np.asarray(pool.interests[rows][:, term_cols].sum(axis=1)).ravel()
        interest_fwd = np.minimum(overlap / min(len(need_terms), INTEREST_SATURATION), 1.0)
        count = pool.interest_count[rows]
        with np.errstate(divide="ignore", invalid="ignore"):
            interest_bwd = np.where(
                count > 0, np.minimum(overlap / np.minimum(count, INTEREST_SATURATION), 1.0), 0.0
            )
    else:
        interest_fwd = interest_bwd = np.zeros(m, dtype=np.float32)
    district_cols = pool.district_vocab.cols(need.districts)
    if len(district_cols):
        district = np.asarray(pool.districts[rows][:, district_cols].sum(axis=1)).ravel() > 0
    else:
        district = np.zeros(m, dtype=bool)
    district = district.astype(np.float32)
    if len(state.languages):
        language = (
            np.asarray(pool.languages[rows][:, state.languages].sum(axis=1)).ravel() > 0
        ).astype(np.float32)
    else:
        language = np.zeros(m, dtype=np.float32)
    hours = hours_term(pool.hours[rows], need.hours)
    missing_codes = [ACTOR_CODE[t] for t in state.missing_actors]
    actor = np.isin(pool.actor[rows], missing_codes).astype(np.float32)

    terms = {
        "skill": skill_fwd.astype(np.float32),
        "interest": interest_fwd.astype(np.float32),
        "district": district,
        "language": language,
        "hours": hours,
        "actor": actor,
        "skill_back": np.asarray(skill_bwd, dtype=np.float32),
        "interest_back": np.asarray(interest_bwd, dtype=np.float32),
    }
    forward, backward, total = _combine(terms)
    return Scores(
        rows=rows,
        total=total,
        forward=np.asarray(forward, np.float32),
        backward=np.asarray(backward, np.float32),
        terms=terms,
        state=state,
        need=need,
        lacking_cols=lacking_cols,
        needed_cols=needed_cols,
    )


# --- One person (or organisation) against every project --------------------------------------


@dataclass
class ProjectBook:
    """Open projects as matrices, for "projects that need you" (one person × all projects).

    Rows are projects; columns the pool's vocabularies. Built from `Need`s and the pool, so it
    is cheap (a few thousand projects) and rebuilt when either changes.
    """

    needs: list[Need]
    lacking: sparse.csr_matrix  # projects × skills, binary
    needed: sparse.csr_matrix
    terms: sparse.csr_matrix  # projects × interest terms
    districts: sparse.csr_matrix
    languages: sparse.csr_matrix
    missing_actor: np.ndarray  # projects × actor types, bool
    hours: np.ndarray
    lacking_mass: np.ndarray
    term_count: np.ndarray
    states: list[TeamState]

    @classmethod
    def build(cls, pool: Pool, needs: list[Need]) -> ProjectBook:
        q = len(needs)
        trip = {k: ([], []) for k in ("lacking", "needed", "terms", "districts", "languages")}
        missing = np.zeros((q, len(ACTOR_TYPES)), dtype=bool)
        hours = np.full(q, DEFAULT_HOURS, dtype=np.float32)
        states = []
        for r, need in enumerate(needs):
            state = team_state(pool, need)
            states.append(state)
            for kind, cols in (
                ("lacking", pool.skill_vocab.cols(state.lacking)),
                ("needed", pool.skill_vocab.cols({normalise_term(s) for s in need.skills})),
                ("terms", pool.term_vocab.cols({normalise_term(t) for t in need.terms})),
                ("districts", pool.district_vocab.cols(need.districts)),
                ("languages", state.languages),
            ):
                trip[kind][0].extend([r] * len(cols))
                trip[kind][1].extend(cols.tolist())
            for t in state.missing_actors:
                missing[r, ACTOR_CODE[t]] = True
            if need.hours:
                hours[r] = need.hours

        def matrix(kind, width):
            rows, cols = trip[kind]
            return _binary_matrix(
                np.asarray(rows, np.int64), np.asarray(cols, np.int64), (q, width)
            )

        lacking = matrix("lacking", len(pool.skill_vocab))
        terms = matrix("terms", len(pool.term_vocab))
        return cls(
            needs=needs,
            lacking=lacking,
            needed=matrix("needed", len(pool.skill_vocab)),
            terms=terms,
            districts=matrix("districts", len(pool.district_vocab)),
            languages=matrix("languages", len(pool.language_vocab)),
            missing_actor=missing,
            hours=hours,
            lacking_mass=np.array(
                [
                    _lacking_mass(pool, st.lacking, pool.skill_vocab.cols(st.lacking))
                    for st in states
                ],
                dtype=np.float32,
            ),
            term_count=np.array(
                [len({normalise_term(t) for t in n.terms if t}) for n in needs], dtype=np.float32
            ),
            states=states,
        )

    def score_person(self, pool: Pool, row: int) -> dict:
        """Every project's terms and total for one pool row (the same formulas as `score`)."""
        x_skill = pool.skills[row].toarray().ravel() * pool.idf  # IDF-weighted, dense
        return self.score_vector(pool, x_skill, row)

    def score_vector(self, pool: Pool, x_skill: np.ndarray, row: int | None) -> dict:
        """Terms for a skill vector (IDF-weighted); `row` adds the person's other terms."""
        q = len(self.needs)
        got_lacking = np.asarray(self.lacking @ x_skill).ravel()
        got_needed = np.asarray(self.needed @ x_skill).ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            skill = np.where(self.lacking_mass > 0, got_lacking / self.lacking_mass, 0.0)
        mass = float(x_skill.sum())
        skill_back = got_needed / mass if mass > 0 else np.zeros(q)
        if row is None:  # an organisation's offers: skills only
            zeros = np.zeros(q, dtype=np.float32)
            terms = {"skill": skill.astype(np.float32), "skill_back": skill_back.astype(np.float32)}
            terms |= {k: zeros for k in ("interest", "district", "language", "actor",
                                         "interest_back")}  # fmt: skip
            terms["hours"] = np.ones(q, dtype=np.float32)
            return terms | {"total": combine(terms)}
        overlap = np.asarray(self.terms @ pool.interests[row].toarray().ravel()).ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            interest = np.where(
                self.term_count > 0,
                np.minimum(overlap / np.minimum(self.term_count, INTEREST_SATURATION), 1.0),
                0.0,
            )
        count = float(pool.interest_count[row])
        interest_back = (
            np.minimum(overlap / min(count, INTEREST_SATURATION), 1.0) if count > 0 else np.zeros(q)
        )
        district = np.asarray(self.districts @ pool.districts[row].toarray().ravel()).ravel() > 0
        language = np.asarray(self.languages @ pool.languages[row].toarray().ravel()).ravel() > 0
        person_hours = float(pool.hours[row])
        if math.isnan(person_hours):
            hours = np.full(q, UNKNOWN_HOURS, dtype=np.float32)
        else:
            hours = np.minimum(person_hours / self.hours, 1.0)
        actor = self.missing_actor[:, int(pool.actor[row])].astype(np.float32)
        terms = {
            "skill": skill.astype(np.float32),
            "interest": interest.astype(np.float32),
            "district": district.astype(np.float32),
            "language": language.astype(np.float32),
            "hours": hours.astype(np.float32),
            "actor": actor,
            "skill_back": np.asarray(skill_back, np.float32),
            "interest_back": np.asarray(interest_back, np.float32),
        }
        return terms | {"total": combine(terms)}


def combine(terms: dict) -> np.ndarray:
    """The reciprocal total from the terms (the same as in `score`)."""
    return _combine(terms)[2]


def _combine(terms: dict):
    fw, bw = FORWARD_WEIGHTS, BACKWARD_WEIGHTS
    forward = sum(fw[k] * terms[k] for k in fw)
    backward = (
        bw["skill"] * terms["skill_back"]
        + bw["interest"] * terms["interest_back"]
        + bw["district"] * terms["district"]
        + bw["hours"] * terms["hours"]
    )
    # Somebody who brings neither a lacking skill, an interest nor a missing perspective is
    # not a suggestion, however well the district and the hours fit.
    relevant = (terms["skill"] > 0) | (terms["interest"] > 0) | (terms["actor"] > 0)
    total = np.where(relevant, _harmonic(forward, backward), 0.0).astype(np.float32)
    return forward, backward, total
