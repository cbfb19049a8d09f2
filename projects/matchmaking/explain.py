"""Why a suggestion fits, in plain words, from the terms of its own score.

Each reason comes from one term that counted in the suggestion's score, strongest first:
"delar kompetenserna X och Y", "tillför forskarperspektivet som teamet saknar", "finns i
Ålidhem", "talar engelska", "har tid: 10 timmar i månaden". Swedish in the source, English
through gettext like every other string.
"""

from __future__ import annotations

import math

import numpy as np
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .engine import ACTOR_TYPES, Pool

# "tillför forskarperspektivet som teamet saknar": one noun per actor type.
PERSPECTIVES = {
    "citizen": gettext_lazy("medborgarperspektivet"),
    "company": gettext_lazy("företagsperspektivet"),
    "researcher": gettext_lazy("forskarperspektivet"),
    "association": gettext_lazy("föreningsperspektivet"),
    "municipality": gettext_lazy("kommunens perspektiv"),
}
LANGUAGES = {
    "svenska": gettext_lazy("svenska"),
    "engelska": gettext_lazy("engelska"),
    "arabiska": gettext_lazy("arabiska"),
    "finska": gettext_lazy("finska"),
    "somaliska": gettext_lazy("somaliska"),
    "persiska": gettext_lazy("persiska"),
    "samiska": gettext_lazy("samiska"),
    "spanska": gettext_lazy("spanska"),
    "tyska": gettext_lazy("tyska"),
    "tigrinja": gettext_lazy("tigrinja"),
}
MAX_NAMED = 3


def join_words(words) -> str:
    """['a'] → 'a'; ['a', 'b'] → 'a och b'; ['a', 'b', 'c'] → 'a, b och c'."""
    words = [str(w) for w in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s och %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _row_terms(matrix, row, cols) -> np.ndarray:
    start, stop = matrix.indptr[row], matrix.indptr[row + 1]
    return np.intersect1d(matrix.indices[start:stop], cols)


def reasons(
    pool: Pool,
    row: int,
    terms: dict,
    *,
    lacking_cols,
    term_cols,
    district_cols,
    language_cols,
    missing_actors,
    district_labels: dict,
) -> list[str]:
    """Reasons for one suggestion; `terms` maps each score term to this row's value."""
    out: list[tuple[float, str]] = []
    if terms.get("skill", 0) > 0:
        shared = _row_terms(pool.skills, row, lacking_cols)
        shared = shared[np.argsort(-pool.idf[shared], kind="stable")][:MAX_NAMED]
        names = [pool.skill_vocab.terms[c] for c in shared]
        text = ngettext(
            "har kompetensen %(skills)s som teamet saknar",
            "delar kompetenserna %(skills)s som teamet saknar",
            len(names),
        ) % {"skills": join_words(names)}
        out.append((1.0 + terms["skill"], text))
    actor = ACTOR_TYPES[int(pool.actor[row])]
    if terms.get("actor", 0) > 0 and actor in missing_actors:
        text = _("tillför %(perspective)s som teamet saknar") % {"perspective": PERSPECTIVES[actor]}
        out.append((0.9, text))
    if terms.get("interest", 0) > 0:
        shared = _row_terms(pool.interests, row, term_cols)[:MAX_NAMED]
        names = [pool.term_vocab.terms[c] for c in shared]
        text = _("intresserar sig för %(interests)s") % {"interests": join_words(names)}
        out.append((0.5 + terms["interest"] / 2, text))
    if terms.get("district", 0) > 0:
        shared = _row_terms(pool.districts, row, district_cols)
        names = [district_labels.get(pool.district_vocab.terms[c], "") for c in shared]
        names = [n for n in names if n][:MAX_NAMED]
        if names:
            out.append((0.4, _("finns i %(districts)s") % {"districts": join_words(names)}))
    if terms.get("language", 0) > 0:
        shared = _row_terms(pool.languages, row, language_cols)
        words = [pool.language_vocab.terms[c] for c in shared]
        # Swedish goes without saying unless it is the only language in common.
        named = [w for w in words if w != "svenska"] or words
        labels = [LANGUAGES.get(w, w) for w in named][:MAX_NAMED]
        out.append((0.3, _("talar %(languages)s") % {"languages": join_words(labels)}))
    hours = float(pool.hours[row])
    if not math.isnan(hours) and terms.get("hours", 0) >= 0.5 and hours > 0:
        text = ngettext(
            "har tid: %(hours)s timme i månaden",
            "har tid: %(hours)s timmar i månaden",
            int(hours),
        ) % {"hours": int(hours)}
        out.append((0.2, text))
    out.sort(key=lambda pair: -pair[0])
    return [text for _weight, text in out]


def sentence(parts: list[str]) -> str:
    """'Föreslås eftersom hen delar …, finns i … och talar engelska.'"""
    if not parts:
        return ""
    return str(format_lazy(_("Föreslås eftersom personen {}."), join_words(parts)))
