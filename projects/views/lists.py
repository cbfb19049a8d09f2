"""Idea lists: the section on the challenge page and the challenge's own list page.

Filters come from the query string: unknown values are dropped (a visitor always gets a list),
never a 500.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from challenges.selectors import filter_vocabularies
from umecom.widgets import PlainSelect

from .. import permissions
from ..cards import render_idea_cards
from ..models import IdeaStatus
from ..selectors.ideas import (
    DEFAULT_SORT,
    LISTED_STATUSES,
    follows_challenge,
    ideas_for_challenge,
)
from .common import challenge_or_404

PAGE_SIZE = 12
PANEL_SIZE = 6
PAGE_PARAM = "sida"
SORT_CHOICES = [
    ("nyast", _("Nyast")),
    ("mest-stod", _("Mest stöd")),
    ("mest-diskuterade", _("Mest diskuterade")),
]


class IdeaFilterForm(forms.Form):
    # PlainSelect: Django's markup without its per-option templates (umecom/widgets.py).
    sortera = forms.ChoiceField(
        label=_("Sortera"), required=False, choices=SORT_CHOICES, widget=PlainSelect
    )
    tema = forms.ChoiceField(label=_("Tema"), required=False, widget=PlainSelect)
    stadsdel = forms.ChoiceField(label=_("Stadsdel"), required=False, widget=PlainSelect)
    idestatus = forms.ChoiceField(label=_("Status"), required=False, widget=PlainSelect)

    def __init__(self, *args, themes, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {t.slug: t for t in themes}
        self.districts = {d.slug: d for d in districts}
        self.fields["tema"].choices = [("", _("Alla teman"))] + [(t.slug, t.label) for t in themes]
        self.fields["stadsdel"].choices = [("", _("Alla stadsdelar"))] + [
            (d.slug, d.label) for d in districts
        ]
        labels = dict(IdeaStatus.choices)
        self.fields["idestatus"].choices = [("", _("Publicerade och utvalda"))] + [
            (s.value, labels[s]) for s in LISTED_STATUSES
        ]

    def accepted(self) -> dict[str, str]:
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name)
        }


def idea_list_context(
    *, request, challenge, page_size: int = PAGE_SIZE, count: bool = True
) -> dict:
    """The list and its filters. `count=False` (the challenge page's section) shows the first
    `page_size` ideas without counting them all: one query less on the busiest page."""
    # The challenge index's vocabularies: cached until an editor saves a theme or district.
    themes, districts = filter_vocabularies()
    data = {name: request.GET.get(name, "")[:100] for name in IdeaFilterForm.base_fields}
    # Most visitors filter nothing: then there is nothing to validate.
    form = IdeaFilterForm(data, themes=themes, districts=districts) if any(data.values()) else None
    accepted = form.accepted() if form else {}
    qs = ideas_for_challenge(
        challenge=challenge,
        sort=accepted.get("sortera", DEFAULT_SORT),
        theme=form.themes.get(accepted.get("tema", "")) if form else None,
        district=form.districts.get(accepted.get("stadsdel", "")) if form else None,
        status=accepted.get("idestatus", ""),
        viewer=request.user,
    )
    if count:
        paginator = Paginator(qs, page_size)
        page_obj = paginator.get_page(request.GET.get(PAGE_PARAM, "")[:20])
        ideas, total = list(page_obj.object_list), paginator.count
        more = page_obj.has_other_pages()
    else:
        rows = list(qs[: page_size + 1])
        page_obj, ideas, more = None, rows[:page_size], len(rows) > page_size
        total = len(ideas)
    query = QueryDict(mutable=True)
    query.update(accepted)
    encoded = query.urlencode()
    user = request.user
    return {
        "challenge": challenge,
        "idea_filter_form": IdeaFilterForm(accepted or None, themes=themes, districts=districts),
        "ideas": ideas,
        "idea_cards": render_idea_cards(ideas),
        "idea_page": page_obj,
        "idea_count": total,
        "more_ideas": more,
        "idea_filters_active": bool(set(accepted) - {"sortera"}),
        "idea_filter_query": f"{encoded}&" if encoded else "",
        "page_param": PAGE_PARAM,
        "can_propose": permissions.can_propose_idea(user, challenge),
        "open_for_ideas": permissions.challenge_open_for_ideas(challenge),
        "follows_challenge": follows_challenge(challenge=challenge, user=user),
        "list_url": reverse("projects:idea_list", args=[challenge.pk]),
        "propose_url": reverse("projects:idea_propose", args=[challenge.pk]),
    }


def challenge_panel_context(*, request, page) -> dict:
    """The ideas section of the challenge page (registered in challenges/panels.py)."""
    context = idea_list_context(request=request, challenge=page, page_size=PANEL_SIZE, count=False)
    context["in_challenge_page"] = True
    return context


def idea_list(request, challenge_id: int):
    challenge = challenge_or_404(challenge_id)
    context = idea_list_context(request=request, challenge=challenge)
    return render(request, "projects/idea_list.html", context)
