"""What the challenge templates show: page models call these from `get_context`.

The index reads its filters from the query string through `ChallengeFilterForm`. Query
strings are typed by hand, shared and truncated, so a value we do not recognise is dropped
with a message instead of failing the page: a visitor always gets a list of challenges.
"""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from umecom import published_cache
from umecom.taxonomy.models import ActorType, District, Theme
from umecom.widgets import PlainSelect

from .cards import render_challenge_cards
from .models import ChallengePhase
from .panels import panels_for
from .phases import (
    ChallengeStatus,
    days_until,
    derive_status,
    is_open_for_ideas,
    is_running,
    phase_in_effect,
)
from .selectors import challenges_for_index_listing, filter_vocabularies

PAGE_SIZE = 12
PAGE_PARAM = "sida"


class ChallengeFilterForm(forms.Form):
    """GET filters of the challenge index. Field names are the (Swedish) query parameters."""

    # PlainSelect: Django's markup without its per-option templates (umecom/widgets.py).
    status = forms.ChoiceField(label=_("Status"), required=False, widget=PlainSelect)
    tema = forms.ChoiceField(label=_("Tema"), required=False, widget=PlainSelect)
    stadsdel = forms.ChoiceField(label=_("Stadsdel"), required=False, widget=PlainSelect)

    def __init__(self, *args, themes: list[Theme], districts: list[District], **kwargs):
        super().__init__(*args, **kwargs)
        self.themes_by_slug = {t.slug: t for t in themes}
        self.districts_by_slug = {d.slug: d for d in districts}
        self.fields["status"].choices = [("", _("Alla"))] + list(ChallengeStatus.choices)
        self.fields["tema"].choices = [("", _("Alla teman"))] + [(t.slug, t.label) for t in themes]
        self.fields["stadsdel"].choices = [("", _("Alla stadsdelar"))] + [
            (d.slug, d.label) for d in districts
        ]

    def accepted(self) -> dict[str, str]:
        """The recognised filter values; unrecognised ones are left out."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name)
        }

    def rejected(self) -> dict[str, str]:
        """Filters the visitor asked for that we do not recognise: name → raw value."""
        self.is_valid()
        return {name: str(self.data.get(name, "")) for name in self.fields if name in self.errors}


@dataclass(frozen=True)
class PageRequest:
    number: int
    notice: str = ""


def resolve_page_number(raw: str | None, paginator: Paginator) -> PageRequest:
    """A page number that exists, plus a notice when it is not the one asked for."""
    if raw in (None, ""):
        return PageRequest(1)
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        notice = gettext("Sidan ”%(page)s” finns inte, visar första sidan.") % {"page": raw}
        return PageRequest(1, notice)
    if number > paginator.num_pages:
        last = paginator.num_pages
        notice = (
            gettext("Det finns bara %(count)s sidor, visar den sista.") % {"count": last}
            if last > 1
            else gettext("Det finns bara en sida, visar den.")
        )
        return PageRequest(last, notice)
    return PageRequest(number)


def challenge_index_context(*, request, index_page) -> dict:
    themes, districts = filter_vocabularies()
    # Only our own parameters go to the form; anything else in the URL is simply ignored.
    data = {name: request.GET.get(name, "") for name in ("status", "tema", "stadsdel")}
    form = ChallengeFilterForm(data, themes=themes, districts=districts)
    accepted = form.accepted()
    notices = [
        gettext("Vi känner inte igen filtret ”%(value)s” för %(filter)s, visar alla utmaningar.")
        % {"value": value, "filter": str(form.fields[name].label).lower()}
        for name, value in form.rejected().items()
    ]
    # Show the form with only the values we used, so the selects match the list below.
    shown_form = ChallengeFilterForm(accepted or None, themes=themes, districts=districts)

    listing = challenges_for_index_listing(
        index_page=index_page,
        status=accepted.get("status", ""),
        theme=form.themes_by_slug.get(accepted.get("tema", "")),
        district=form.districts_by_slug.get(accepted.get("stadsdel", "")),
    )
    paginator = Paginator(listing, PAGE_SIZE)
    page_request = resolve_page_number(request.GET.get(PAGE_PARAM), paginator)
    if page_request.notice:
        notices.append(page_request.notice)
    page_obj: PaginatorPage = paginator.page(page_request.number)
    challenges = list(page_obj.object_list)

    return {
        "filter_form": shown_form,
        "filter_notices": notices,
        "filters_active": bool(accepted),
        "challenges": challenges,
        "challenge_cards": render_challenge_cards(challenges, request=request, heading_level=2),
        "page_obj": page_obj,
        "result_count": paginator.count,
    }


def _parent_url(page, request) -> str:
    # A Wagtail page's URL is its parent's plus one segment, its slug (the site shell caches
    # the breadcrumbs; asking the tree for the parent would cost a query for one link).
    url = page.get_url(request) or ""
    return url.rstrip("/").rsplit("/", 1)[0] + "/" if url.count("/") > 1 else ""


def _published_phases(*, request, page) -> list:
    """The page's phases; for a published page from the published cache (they are saved with
    the page, so each publish, a new live revision, brings new ones). Never for a preview."""
    if getattr(request, "is_preview", False) or page.pk is None or "_phase_list" in page.__dict__:
        return page.phase_list()
    # Read apart from the page: the served page object carries per-request attributes
    # (umecom.core.views sets its view restrictions) that do not pickle.
    phases = published_cache.cached(
        published_cache.key("challenge-phases", page.pk, page.live_revision_id),
        lambda: list(ChallengePhase.objects.filter(page_id=page.pk).order_by("start_date", "pk")),
    )
    page.__dict__["_phase_list"] = phases  # the status, deadline and permissions ask again
    return phases


def challenge_page_context(*, request, page) -> dict:
    today = timezone.localdate()
    phases = _published_phases(request=request, page=page)
    status = derive_status(phases, today)
    # One rule for the badge and the timeline: the phase in effect is the running one, or
    # between two phases the coming one (whose status the badge shows).
    in_effect = phase_in_effect(phases, today)
    deadline = page.effective_idea_deadline
    open_for_ideas = is_open_for_ideas(page, today)
    timeline = [
        {
            "phase": p,
            # Identity, not pk: in an admin preview of a new page the phases have no pk yet.
            "is_current": p is in_effect,
            "is_running": p is in_effect and is_running(p, today),
            "is_past": p.end_date < today and p is not in_effect,
        }
        for p in phases
    ]
    actor_labels = dict(ActorType.choices)
    return {
        "today": today,  # the template's cached fragments vary on it (status, days left)
        "timeline": timeline,
        "challenge_status": status,
        "open_for_ideas": open_for_ideas,
        "idea_deadline": deadline,
        "days_left": days_until(deadline, today) if open_for_ideas else None,
        "index_url": _parent_url(page, request),
        # Read only where the template's cached "facts" fragment is rendered: lazy, so a
        # cached copy costs none of their queries.
        "themes": SimpleLazyObject(lambda: list(page.themes.all())),
        "districts": SimpleLazyObject(lambda: list(page.districts.all())),
        "wanted_actor_labels": [
            actor_labels[v] for v in (page.wanted_actor_types or []) if v in actor_labels
        ],
        "wanted_skills": SimpleLazyObject(lambda: list(page.wanted_skills.all())),
        "page_panels": panels_for(request=request, page=page),
    }
