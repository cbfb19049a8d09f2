"""Joining a challenge, and the innovation team's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import OfferKind

AS_MYSELF = ""


class CommitmentForm(forms.Form):
    participant = forms.ChoiceField(
        label=_("Vem går med?"),
        required=False,
        widget=forms.RadioSelect,
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

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        if self.organisations:
            self.fields["participant"].choices = [(AS_MYSELF, _("Jag själv"))] + [
                (pk, org.name) for pk, org in self.organisations.items()
            ]
            self.fields["participant"].initial = AS_MYSELF
        else:
            del self.fields["participant"]

    def organisation(self):
        return self.organisations.get(self.cleaned_data.get("participant") or AS_MYSELF)


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
