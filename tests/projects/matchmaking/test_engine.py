"""The pure scoring engine, term by term, on small hand-made pools (no database)."""

import numpy as np
import pytest

from projects.matchmaking import engine
from projects.matchmaking.engine import Need, PersonRow, Pool, ProjectBook, score, team_state


def person(pid, *, skills=(), interests=(), districts=(), actor="citizen", hours=10,
           findable=True, invitable=True, visibility="members", languages="svenska"):  # fmt: skip
    return PersonRow(
        pid, 1000 + pid, actor, hours, findable, invitable, visibility, languages,
        tuple(skills), tuple(interests), tuple(districts),
    )  # fmt: skip


def terms_of(pool, need, user_id):
    result = score(pool, need, pool.eligible(for_inviting=False, may_see_hidden=True))
    pos = int(np.flatnonzero(pool.user_ids[result.rows] == user_id)[0])
    return {k: float(v[pos]) for k, v in result.terms.items()} | {"total": float(result.total[pos])}


def ranking(pool, need, **kwargs):
    mask = pool.eligible(
        for_inviting=kwargs.pop("for_inviting", False),
        may_see_hidden=kwargs.pop("may_see_hidden", True), **kwargs
    )  # fmt: skip
    result = score(pool, need, mask)
    return [int(pool.user_ids[result.rows[p]]) for p in result.order()]


def test_skill_term_weights_rarity_against_what_the_team_lacks():
    pool = Pool.build(
        [
            person(1, skills=["Ekonomi", "GIS"]),
            person(2, skills=["ekonomi"]),
            person(3, skills=["ekonomi"]),
            person(4, skills=["gis"]),
            person(9, skills=["ekonomi"]),
        ]  # fmt: skip
    )
    # GIS is rarer than ekonomi: its IDF is higher.
    assert pool.idf[pool.skill_vocab.index["gis"]] > pool.idf[pool.skill_vocab.index["ekonomi"]]
    need = Need(project_id=1, skills=("ekonomi", "GIS"))
    assert terms_of(pool, need, 1001)["skill"] == pytest.approx(1.0)
    assert terms_of(pool, need, 1004)["skill"] > terms_of(pool, need, 1002)["skill"] > 0
    # A member already brings ekonomi: only GIS is lacking, so the ekonomi people give nothing.
    with_member = Need(project_id=1, skills=("ekonomi", "gis"), member_user_ids=(1009,))
    assert terms_of(pool, with_member, 1002)["skill"] == 0
    assert terms_of(pool, with_member, 1004)["skill"] == pytest.approx(1.0)
    assert ranking(pool, with_member)[:2] == [1001, 1004] or ranking(pool, with_member)[0] == 1004


def test_interest_term_matches_themes_and_tags():
    pool = Pool.build(
        [person(1, skills=["foto"], interests=["Klimat", "unga"]), person(2, skills=["foto"])]
    )
    need = Need(project_id=1, skills=("foto",), terms=("klimat", "mobilitet"))
    assert terms_of(pool, need, 1001)["interest"] == pytest.approx(0.5)
    assert terms_of(pool, need, 1001)["interest_back"] == pytest.approx(0.5)
    assert terms_of(pool, need, 1002)["interest"] == 0
    assert terms_of(pool, need, 1001)["total"] > terms_of(pool, need, 1002)["total"]


def test_district_language_and_hours_terms():
    pool = Pool.build(
        [
            person(1, skills=["foto"], districts=[7], languages="Svenska, English", hours=12),
            person(2, skills=["foto"], districts=[8], languages="arabiska", hours=None),
            person(3, skills=["foto"], languages="engelska och arabiska", hours=2),
        ]  # fmt: skip
    )
    need = Need(project_id=1, skills=("foto",), districts=(7,), hours=8, member_user_ids=(1003,))
    one, two = terms_of(pool, need, 1001), terms_of(pool, need, 1002)
    assert one["district"] == 1 and two["district"] == 0
    assert one["language"] == 1 and two["language"] == 1  # the member speaks both
    assert one["hours"] == 1 and two["hours"] == engine.UNKNOWN_HOURS
    alone = Need(project_id=1, skills=("foto",))  # no members: Swedish is the language
    assert terms_of(pool, alone, 1002)["language"] == 0
    assert terms_of(pool, alone, 1001)["language"] == 1
    few = Need(project_id=1, skills=("foto",), hours=8)
    assert terms_of(pool, few, 1003)["hours"] == pytest.approx(0.25)


def test_actor_term_only_while_the_type_is_missing_from_the_wanted_mix():
    pool = Pool.build(
        [
            person(1, skills=["foto"], actor="researcher"),
            person(2, skills=["foto"]),
            person(3, actor="researcher"),
            person(4, actor="association"),
        ]  # fmt: skip
    )
    need = Need(project_id=1, skills=("foto",), wanted_mix={"researcher": 1})
    assert terms_of(pool, need, 1001)["actor"] == 1
    assert terms_of(pool, need, 1002)["actor"] == 0
    assert ranking(pool, need)[0] == 1001
    # With a researcher in the team the type is no longer missing.
    full = Need(project_id=1, skills=("foto",), wanted_mix={"researcher": 1},
                member_user_ids=(1003,))  # fmt: skip
    assert terms_of(pool, full, 1001)["actor"] == 0
    assert team_state(pool, full).missing_actors == {}


def test_reciprocal_harmonic_mean_punishes_one_sided_fit():
    # Both have the needed skill; person 2 has twenty other skills the project does not use.
    many = [f"k{i}" for i in range(20)]
    pool = Pool.build(
        [person(1, skills=["foto"]), person(2, skills=["foto", *many])]
        + [person(10 + i, skills=[s]) for i, s in enumerate(many)]
    )
    need = Need(project_id=1, skills=("foto",))
    one, two = terms_of(pool, need, 1001), terms_of(pool, need, 1002)
    assert one["skill"] == two["skill"] == pytest.approx(1.0)
    assert two["skill_back"] < one["skill_back"]
    assert two["total"] < one["total"]


def test_someone_bringing_nothing_needed_is_no_suggestion():
    pool = Pool.build([person(1, skills=["juridik"], districts=[7]), person(2, skills=["foto"])])
    need = Need(project_id=1, skills=("foto",), districts=(7,))
    assert ranking(pool, need) == [1002]


def test_opt_ins_hidden_profiles_and_exclusions():
    pool = Pool.build(
        [
            person(1, skills=["foto"]),
            person(2, skills=["foto"], findable=False),
            person(3, skills=["foto"], invitable=False),
            person(4, skills=["foto"], visibility="hidden"),
            person(5, skills=["foto"]),
            person(6, skills=["foto"]),
        ]  # fmt: skip
    )
    need = Need(project_id=1, skills=("foto",))
    assert set(ranking(pool, need)) == {1001, 1003, 1004, 1005, 1006}
    assert set(ranking(pool, need, for_inviting=True)) == {1001, 1004, 1005, 1006}
    assert 1004 not in ranking(pool, need, may_see_hidden=False)
    assert set(ranking(pool, need, exclude_user_ids=(1005,), at_limit_user_ids=(1006,))) == {
        1001,
        1003,
        1004,
    }


def test_idf_counts_only_people_who_opted_in():
    pool = Pool.build(
        [
            person(1, skills=["gis"]),
            person(2, skills=["gis"], findable=False),
            person(3, skills=["foto"]),
        ]  # fmt: skip
    )
    gis, foto = pool.skill_vocab.index["gis"], pool.skill_vocab.index["foto"]
    assert pool.idf[gis] == pytest.approx(pool.idf[foto])


def test_incremental_replace_equals_a_rebuild():
    people = [person(i, skills=["foto", f"s{i % 3}"], districts=[i % 2]) for i in range(1, 30)]
    pool = Pool.build(people)
    changed = [person(5, skills=["ny kompetens"], actor="researcher", findable=False),
               person(40, skills=["foto", "gis"], districts=[1])]  # fmt: skip
    pool.replace(changed, removed_profile_ids=[7])
    rebuilt = Pool.build([p for p in people if p.profile_id not in (5, 7)] + changed)
    need = Need(project_id=1, skills=("foto", "gis", "ny kompetens"), districts=(1,))
    assert ranking(pool, need) == ranking(rebuilt, need)
    assert 1005 not in ranking(pool, need) and 1007 not in ranking(pool, need)
    row = pool.row_of_profile[40]
    assert sorted(pool.skills_of_row(row)) == ["foto", "gis"]


def test_project_book_gives_the_same_terms_as_the_project_side():
    pool = Pool.build(
        [
            person(
                1,
                skills=["foto", "gis"],
                interests=["klimat"],
                districts=[7],
                actor="researcher",
                hours=4,
            ),
            person(2, skills=["foto"], languages="engelska"),
        ]  # fmt: skip
    )
    needs = [
        Need(project_id=1, skills=("gis", "foto"), terms=("klimat",), districts=(7,),
             wanted_mix={"researcher": 1}, hours=8),
        Need(project_id=2, skills=("foto",), member_user_ids=(1002,)),
        Need(project_id=3, skills=("juridik",)),
    ]  # fmt: skip
    book = ProjectBook.build(pool, needs)
    row = pool.row_of_user[1001]
    person_side = book.score_person(pool, row)
    for q, need in enumerate(needs):
        project_side = terms_of(pool, need, 1001) if q != 1 else None
        if project_side is None:
            continue
        for name in ("skill", "interest", "district", "language", "hours", "actor", "total"):
            assert person_side[name][q] == pytest.approx(project_side[name], abs=1e-5), name
    assert person_side["total"][2] == 0
