"""Page-tree builders for challenges: root → HomePage → ChallengeIndexPage → ChallengePages.

Wagtail pages must be inserted into the tree with `parent.add_child(instance=…)`, which plain
factory_boy cannot do, so these are small functions. Phases are given relative to today
(`timezone.localdate()`), so a challenge built as "open" stays open whenever the tests run.
"""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from challenges.models import ChallengeIndexPage, ChallengePage, ChallengePhase
from challenges.phases import PhaseKind
from umecom.core.models import HomePage

# (kind, start offset in days, end offset in days) relative to today.
PhasePlan = Sequence[tuple[str, int, int]]

PLANS: dict[str, PhasePlan] = {
    "upcoming": [(PhaseKind.IDEAS, 10, 40), (PhaseKind.TEAMS, 41, 60)],
    "open": [(PhaseKind.IDEAS, -10, 20), (PhaseKind.TEAMS, 21, 40)],
    "teams": [(PhaseKind.IDEAS, -40, -11), (PhaseKind.TEAMS, -10, 10)],
    "in_progress": [
        (PhaseKind.IDEAS, -90, -61),
        (PhaseKind.TEAMS, -60, -31),
        (PhaseKind.IMPLEMENTATION, -30, 30),
    ],
    "completed": [(PhaseKind.IDEAS, -90, -61), (PhaseKind.RESULTS, -60, -1)],
    "none": [],
}


def home_page(*, title: str = "Umecom") -> HomePage:
    """The site's HomePage, created once as a new child of the tree root.

    A fresh test database holds Wagtail's default "Welcome" page at depth 2; the default Site
    is repointed to our HomePage so URLs resolve to "/…".
    """
    existing = HomePage.objects.first()
    if existing is not None:
        return existing
    root = Page.get_first_root_node()
    home = HomePage(title=title, slug="umecom-home", hero_heading="Tillsammans för Umeå")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    return home


def challenge_index(*, title: str = "Utmaningar", slug: str = "utmaningar") -> ChallengeIndexPage:
    existing = ChallengeIndexPage.objects.first()
    if existing is not None:
        return existing
    index = ChallengeIndexPage(title=title, slug=slug, intro="Kommunens öppna utmaningar.")
    home_page().add_child(instance=index)
    index.save_revision().publish()
    return index


def hero_image(*, title: str = "Testbild", description: str = "En testbild"):
    return get_image_model().objects.create(
        title=title, description=description, file=get_test_image_file()
    )


def challenge(
    *,
    title: str = "Hur kan vi göra Umeå bättre?",
    plan: str | PhasePlan = "open",
    index: ChallengeIndexPage | None = None,
    themes: Iterable = (),
    districts: Iterable = (),
    idea_deadline_in: int | None = None,
    publish: bool = True,
    today: dt.date | None = None,
    **fields,
) -> ChallengePage:
    """A ChallengePage under the index with phases from `plan` (a PLANS key or a list)."""
    today = today or timezone.localdate()
    phases = PLANS[plan] if isinstance(plan, str) else plan
    fields.setdefault("summary", "En kort sammanfattning av utmaningen.")
    fields.setdefault("department", "Fritidsförvaltningen")
    page = ChallengePage(
        title=title,
        live=publish,
        idea_deadline=today + dt.timedelta(days=idea_deadline_in)
        if idea_deadline_in is not None
        else None,
        **fields,
    )
    page.phases = [
        ChallengePhase(
            kind=kind,
            start_date=today + dt.timedelta(days=start),
            end_date=today + dt.timedelta(days=end),
        )
        for kind, start, end in phases
    ]
    page.themes = list(themes)
    page.districts = list(districts)
    (index or challenge_index()).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page
