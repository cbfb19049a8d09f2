"""Context builders for the challenge pages. Page models call these from `get_context`.

The index reads its filters from the query string through `ChallengeFilterForm`. Query
strings are typed by hand, shared and truncated, so a value we do not recognise is dropped
with a message instead of failing the page: a visitor always gets a list of challenges.
"""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from umecom.taxonomy.models import ActorType, District, Theme

from .panels import challenge_panels
from .phases import ChallengeStatus, PhaseKind, current_phase, derive_status
from .selectors import challenges_for_index, filter_vocabularies

PAGE_SIZE = 12
PAGE_PARAM = "sida"


class ChallengeFilterForm(forms.Form):
    """GET filters of the challenge index. Field names are the (Swedish) query parameters."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    tema = forms.ChoiceField(label=_("Tema"), required=False)
    stadsdel = forms.ChoiceField(label=_("Stadsdel"), required=False)

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


def _query_without_page(params: dict[str, str]) -> str:
    """Query string of the accepted filters, for pagination links (ends with & if non-empty)."""
    query = QueryDict(mutable=True)
    for name, value in params.items():
        query[name] = value
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


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

    qs = challenges_for_index(
        index_page=index_page,
        status=accepted.get("status", ""),
        theme=form.themes_by_slug.get(accepted.get("tema", "")),
        district=form.districts_by_slug.get(accepted.get("stadsdel", "")),
    )
    paginator = Paginator(qs, PAGE_SIZE)
    page_request = resolve_page_number(request.GET.get(PAGE_PARAM), paginator)
    if page_request.notice:
        notices.append(page_request.notice)
    page_obj: PaginatorPage = paginator.page(page_request.number)

    return {
        "filter_form": shown_form,
        "filter_notices": notices,
        "filters_active": bool(accepted),
        "challenges": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": paginator,
        "result_count": paginator.count,
        "page_param": PAGE_PARAM,
        "filter_query": _query_without_page(accepted),
    }


def days_until(day: dt.date | None, today: dt.date) -> int | None:
    return (day - today).days if day else None


def challenge_page_context(*, request, page) -> dict:
    today = timezone.localdate()
    phases = page.phase_list()
    status = derive_status(phases, today)
    # After the last phase has ended nothing is current, even though a phase "has started".
    now_phase = (
        None
        if status == ChallengeStatus.COMPLETED and all(p.end_date < today for p in phases)
        else current_phase(phases, today)
    )

    deadline = page.idea_deadline
    if deadline is None:
        ideas = [p for p in phases if p.kind == PhaseKind.IDEAS]
        deadline = ideas[-1].end_date if ideas else None
    open_for_ideas = page.is_open_for_ideas
    index_page = page.get_parent().specific

    timeline = [
        {
            "phase": p,
            # Identity, not pk: in an admin preview of a new page the phases have no pk yet.
            "is_current": p is now_phase,
            "is_past": p.end_date < today and p is not now_phase,
        }
        for p in phases
    ]
    actor_labels = dict(ActorType.choices)
    return {
        "today": today,
        "phases": phases,
        "timeline": timeline,
        "current_phase": now_phase,
        "challenge_status": status,
        "open_for_ideas": open_for_ideas,
        "idea_deadline": deadline,
        "days_left": days_until(deadline, today) if open_for_ideas else None,
        "index_page": index_page,
        "index_url": index_page.get_url(request),
        "breadcrumbs": [a for a in page.get_ancestors() if a.depth > 1],
        "themes": list(page.themes.all()),
        "districts": list(page.districts.all()),
        "wanted_actor_labels": [
            actor_labels[v] for v in (page.wanted_actor_types or []) if v in actor_labels
        ],
        "wanted_skills": list(page.wanted_skills.all()),
        # Sections upper apps register (ideas…): see panels.py.
        "panels": challenge_panels(request=request, page=page),
    }
