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
        label=_("Det här kan du bidra med"),
        choices=OfferKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en sak som du erbjuder.")},
    )
    message = forms.CharField(
        label=_("Meddelande till innovationsteamet"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Berätta kort hur du vill bidra, högst 2 000 tecken."),
    )

    def __init__(
        self, *args, organisations=(), as_myself: bool = True, has_organisations=None, **kwargs
    ):
        """`organisations`: those the user may still join for (permissions.py decides);
        `has_organisations`: whether the user acts for any organisation at all."""
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        if has_organisations is None:
            has_organisations = bool(self.organisations)
        choices = [(AS_MYSELF, _("Jag själv"))] if as_myself else []
        choices += [(pk, org.name) for pk, org in self.organisations.items()]
        self.has_choices = bool(choices)
        field = self.fields["participant"]
        field.choices = choices
        # Always asked (issue 12): someone who belongs to an organisation must say whom they
        # join for, so nobody joins in an organisation's name without choosing it. Only a
        # person with no organisation, for whom "Jag själv" is the one answer, finds it chosen.
        if not has_organisations and choices == [(AS_MYSELF, _("Jag själv"))]:
            field.initial = AS_MYSELF
            field.required = False

    def organisation(self):
        chosen = self.cleaned_data.get("participant") or AS_MYSELF
        return self.organisations.get(chosen)


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
