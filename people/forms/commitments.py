"""Joining a challenge, and the innovation team's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import OfferKind

AS_MYSELF = "jag"


class CommitmentForm(forms.Form):
    participant = forms.ChoiceField(
        label=_("Vem går med?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj om du går med själv eller för en organisation.")},
        help_text=_("Du kan gå med som privatperson eller för en organisation där du är medlem."),
    )
    offers = forms.MultipleChoiceField(
        label=_("Det här erbjuder vi"),
        choices=OfferKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en sak som ni erbjuder.")},
    )
    message = forms.CharField(
        label=_("Meddelande till innovationsteamet"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Berätta kort hur ni vill bidra, högst 2 000 tecken."),
    )

    def __init__(self, *args, organisations=(), as_myself: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        choices = [(AS_MYSELF, _("Jag själv"))] if as_myself else []
        choices += [(pk, org.name) for pk, org in self.organisations.items()]
        self.has_choices = bool(choices)
        if len(choices) > 1:
            self.fields["participant"].choices = choices
            self.fields["participant"].initial = choices[0][0]
        else:
            # Nothing to choose between: the only option (if any) is implied.
            del self.fields["participant"]
            self.only_choice = choices[0][0] if choices else None

    def organisation(self):
        chosen = self.cleaned_data.get("participant") or getattr(self, "only_choice", None)
        return self.organisations.get(chosen or AS_MYSELF)


class DecisionForm(forms.Form):
    DECISIONS = [("accept", _("Acceptera")), ("decline", _("Tacka nej"))]
    decision = forms.ChoiceField(label=_("Beslut"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Skickas till deltagaren. Krävs när ni tackar nej."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Skriv en motivering när ni tackar nej."))
        return cleaned
