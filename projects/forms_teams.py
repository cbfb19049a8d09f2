"""Forms of the project pages. They parse what was typed; the rules live in
projects/services/teams.py and projects/permissions_teams.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from people.forms.profile import TagListField
from umecom.taxonomy.models import ActorType, District, Theme

from .models import ProjectStatus, ProjectVisibility
from .text import as_editable


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


class ProjectForm(forms.Form):
    """The lead's edit form. The wanted mix is one small number field per actor type."""

    title = forms.CharField(label=_("Namn"), max_length=140)
    goal = forms.CharField(
        label=_("Mål"),
        max_length=600,
        help_text=_("Vad ska projektet åstadkomma? Högst 600 tecken."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=20000,
        help_text=_("Tom rad ger nytt stycke. Fetstil, kursiv, listor och länkar går bra."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    needed_skills = TagListField(
        tag_set="kompetens",
        label=_("Kompetenser som behövs"),
        help_text=_("Åtskilda med kommatecken."),
    )
    visibility = forms.ChoiceField(
        label=_("Vem ser vilka som är med och teamets diskussion?"),
        choices=ProjectVisibility.choices,
        widget=forms.RadioSelect,
    )
    max_team_size = forms.IntegerField(label=_("Största antal i teamet"), min_value=1, max_value=50)
    themes = forms.ModelMultipleChoiceField(
        label=_("Teman"),
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Stadsdelar"),
        queryset=District.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in ActorType.choices:
            self.fields[f"mix_{value}"] = forms.IntegerField(
                label=_("Minst antal: %(type)s") % {"type": label},
                min_value=0,
                max_value=20,
                required=False,
            )

    @classmethod
    def initial_for(cls, project) -> dict:
        initial = {
            "title": project.title,
            "goal": project.goal,
            "description": as_editable(project.description),
            "needed_skills": ", ".join(t.name for t in project.needed_skills.all()),
            "visibility": project.visibility,
            "max_team_size": project.max_team_size,
            "themes": list(project.themes.all()),
            "districts": list(project.districts.all()),
        }
        for key, n in (project.wanted_actor_mix or {}).items():
            initial[f"mix_{key}"] = n
        return initial

    def mix(self) -> dict:
        return {
            value: self.cleaned_data.get(f"mix_{value}")
            for value, _label in ActorType.choices
            if self.cleaned_data.get(f"mix_{value}")
        }
