"""Forms for organisations and their members. Writes happen in people/services/organisations."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from people.forms.profile import TagListField, districts_field
from people.images import process_avatar
from people.models import MembershipRole, Organisation
from people.services.organisations import DUPLICATE_ORG_NUMBER
from people.validators import normalise_org_number


def offers_field() -> TagListField:
    return TagListField(
        tag_set="erbjudande",
        label=_("Det här erbjuder vi"),
        help_text=_("Separera med kommatecken, till exempel: lokaler, handledning, testmiljö."),
    )


def needs_field() -> TagListField:
    return TagListField(
        tag_set="behov",
        label=_("Det här söker vi"),
        help_text=_("Separera med kommatecken, till exempel: ungdomsledare, dataanalys."),
    )


class OrganisationForm(forms.ModelForm):
    offers = offers_field()
    needs = needs_field()
    districts = districts_field()
    logo = forms.FileField(
        label=_("Logotyp"),
        required=False,
        help_text=_(
            "JPEG, PNG eller WebP, högst 5 MB. Vi förminskar den till högst 400×400 pixlar."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Ta bort logotypen"), required=False)
    website = forms.URLField(
        label=_("Webbplats"),
        required=False,
        max_length=200,
        assume_scheme="https",  # "example.org" becomes https://example.org
        help_text=_("Till exempel https://www.example.org"),
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "org_number", "description", "website"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "org_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        help_texts = {
            "description": _("Vilka ni är och vad ni gör, högst 2 000 tecken."),
        }

    # What "Verifierad av Umeå kommun" vouches for; only the organisation's admins change them.
    IDENTITY_FIELDS = ("name", "org_number")

    def __init__(self, *args, can_edit_identity: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_edit_identity = can_edit_identity
        if not can_edit_identity:
            for name in self.IDENTITY_FIELDS:
                # disabled: Django ignores whatever is posted and keeps the stored value.
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Bara organisationens administratörer kan ändra namn och organisationsnummer."
                )
        elif self.instance.pk and self.instance.is_verified:
            self.fields["org_number"].help_text = _(
                "Ändrar du namn eller organisationsnummer tas verifieringen bort tills "
                "innovationsteamet har granskat organisationen igen."
            )
        self.fields["districts"].help_text = _("Var i Umeå ni finns eller verkar.")
        self.fields["districts"].label = _("Stadsdelar")
        if self.instance.pk:
            self.initial.setdefault(
                "offers", ", ".join(sorted(t.name for t in self.instance.offers.all()))
            )
            self.initial.setdefault(
                "needs", ", ".join(sorted(t.name for t in self.instance.needs.all()))
            )
            self.initial.setdefault("districts", list(self.instance.districts.all()))
        else:
            del self.fields["remove_logo"]

    def clean_org_number(self):
        value = normalise_org_number(self.cleaned_data["org_number"])
        if Organisation.objects.filter(org_number=value).exclude(pk=self.instance.pk).exists():
            raise ValidationError(DUPLICATE_ORG_NUMBER, code="duplicate")
        return value

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        # The avatar pipeline checks it really is a JPEG/PNG/WebP of at most 5 MB; the service
        # then re-encodes it at logo size.
        return process_avatar(upload)

    def validate_unique(self):
        # clean_org_number gives the friendly duplicate message; the service guards races.
        pass

    def service_kwargs(self) -> dict:
        data = {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if not self.fields[name].disabled
        }
        data.update(
            offers=self.cleaned_data["offers"],
            needs=self.cleaned_data["needs"],
            districts=list(self.cleaned_data["districts"]),
        )
        if self.cleaned_data.get("logo") is not None:
            data["logo"] = self.cleaned_data["logo"]
        elif self.cleaned_data.get("remove_logo"):
            data["logo"] = False
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_(
            "Personen får en inbjudan med e-post och blir medlem först när hen tackar ja. "
            "Har adressen inget konto än kan personen skapa ett."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Roll"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )
    language = forms.ChoiceField(
        label=_("Inbjudans språk"),
        choices=settings.LANGUAGES,
        help_text=_("Språket som personen får inbjudan på."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language() or settings.LANGUAGE_CODE


class InvitationAnswerForm(forms.Form):
    ACTIONS = [("accept", _("Tacka ja")), ("decline", _("Tacka nej"))]
    action = forms.ChoiceField(choices=ACTIONS)


class MemberChangeForm(forms.Form):
    ACTIONS = [("role", _("Ändra roll")), ("remove", _("Ta bort"))]
    action = forms.ChoiceField(choices=ACTIONS)
    role = forms.ChoiceField(label=_("Roll"), choices=MembershipRole.choices, required=False)
