"""A challenge people have contributed to is never deleted from the admin.

Ideas, commitments and projects belong to their challenge (on_delete=CASCADE, so the public
history has no dangling rows), and Wagtail's delete confirmation only says a page "is
referenced N times". Deleting a challenge, or a page above it, would silently delete citizens'
ideas and whole teams' projects with their history. So the admin refuses, says what hangs on
it and points to unpublishing, which hides the challenge and keeps everything (the innovation
team can still archive or complete it). A challenge nobody has contributed to yet deletes as
any page.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from challenges.models import ChallengePage
from people.models import Commitment

from ..models import Idea, Project


def contributions(pages) -> dict[str, int]:
    """Ideas, commitments and projects under `pages` (the challenges among them and below)."""
    pages = list(pages)
    if not pages:
        return {"ideas": 0, "commitments": 0, "projects": 0}
    below = reduce(or_, (Q(path__startswith=page.path) for page in pages))
    ids = list(ChallengePage.objects.filter(below).values_list("pk", flat=True))
    return {
        "ideas": Idea.objects.filter(challenge_id__in=ids).count(),
        "commitments": Commitment.objects.filter(challenge_id__in=ids).count(),
        "projects": Project.objects.filter(challenge_id__in=ids).count(),
    }


def refuse_if_contributed(request, pages, back: str):
    """A redirect to `back` with the reason, when anything hangs on `pages`; else None."""
    found = contributions(pages)
    if not any(found.values()):
        return None
    messages.error(
        request,
        _(
            "Utmaningen kan inte raderas: %(ideas)d idéer, %(commitments)d anmälningar och "
            "%(projects)d projekt hör till den, och de får inte försvinna med sidan. "
            "Avpublicera den i stället, så syns den inte men allt finns kvar."
        )
        % found,
    )
    return redirect(back)
