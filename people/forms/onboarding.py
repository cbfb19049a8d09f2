"""One small form per onboarding step (/profil/kom-igang/<step>/)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.forms.profile import districts_field, interests_field, skills_field, tag_initial
from people.models import Profile
from umecom.taxonomy.models import ActorType


class StepOneForm(forms.Form):
    display_name = forms.CharField(
        label=_("Visningsnamn"),
        max_length=80,
        help_text=_("Så här visas du för andra. Du kan använda ditt namn eller ett smeknamn."),
    )
    actor_type = forms.ChoiceField(
        label=_("Jag är"), choices=ActorType.choices, widget=forms.RadioSelect
    )

    @staticmethod
    def initial_for(profile: Profile) -> dict:
        return {"display_name": profile.display_name, "actor_type": profile.actor_type}

    def service_kwargs(self) -> dict:
        return {"data": dict(self.cleaned_data)}


class StepTwoForm(forms.Form):
    skills = skills_field()
    interests = interests_field()

    @staticmethod
    def initial_for(profile: Profile) -> dict:
        return tag_initial(profile)

    def service_kwargs(self) -> dict:
        return {"data": {}, **self.cleaned_data}


class StepThreeForm(forms.Form):
    districts = districts_field()

    @staticmethod
    def initial_for(profile: Profile) -> dict:
        return {"districts": list(profile.districts.all())}

    def service_kwargs(self) -> dict:
        return {"data": {}, "districts": self.cleaned_data["districts"]}


class StepFourForm(forms.Form):
    # Both opt-ins start unticked: matchmaking only ever sees people who said yes.
    findable_for_projects = forms.BooleanField(
        label=_("Andra får hitta mig för projekt"),
        required=False,
        help_text=_("Projektteam kan hitta dig när de söker någon med dina kompetenser."),
    )
    invitable_to_teams = forms.BooleanField(
        label=_("Jag får bjudas in till team"),
        required=False,
        help_text=_("Projektteam kan skicka dig en inbjudan att gå med."),
    )

    @staticmethod
    def initial_for(profile: Profile) -> dict:
        return {
            "findable_for_projects": profile.findable_for_projects,
            "invitable_to_teams": profile.invitable_to_teams,
        }

    def service_kwargs(self) -> dict:
        return {
            "data": {},
            "findable": self.cleaned_data["findable_for_projects"],
            "invitable": self.cleaned_data["invitable_to_teams"],
        }


STEPS = {
    1: (StepOneForm, _("Om dig")),
    2: (StepTwoForm, _("Kompetenser och intressen")),
    3: (StepThreeForm, _("Stadsdelar")),
    4: (StepFourForm, _("Matchning")),
}
