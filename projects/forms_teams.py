"""Forms of the project pages. They parse what was typed; the rules live in
projects/services/teams.py and projects/permissions_teams.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from people.forms.profile import TagListField

from .models import ProjectStatus


class JoinRequestForm(forms.Form):
    role = forms.TypedChoiceField(
        label=_("Vilken roll vill du ha?"), required=False, coerce=int, empty_value=None
    )
    message = forms.CharField(
        label=_("Meddelande till projektledaren"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Berätta kort vad du kan bidra med. Högst 1 000 tecken."),
    )

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Ingen särskild roll"))] + [
            (role.pk, role.title) for role in roles
        ]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])

    @property
    def accepted(self) -> bool:
        return self.cleaned_data["answer"] == "accept"


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=ProjectStatus.choices)
    reason = forms.CharField(
        label=_("Kommentar till teamet"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HandOverForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Ny projektledare"), coerce=int)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(m.user_id, m.display_name) for m in members]


class RoleForm(forms.Form):
    title = forms.CharField(label=_("Roll"), max_length=120)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    skills = TagListField(
        tag_set="kompetens", label=_("Kompetenser"), help_text=_("Åtskilda med kommatecken.")
    )
    hours_per_month = forms.IntegerField(
        label=_("Timmar per månad"), required=False, min_value=1, max_value=200
    )
