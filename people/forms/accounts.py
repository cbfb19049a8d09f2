"""Sign-up forms (allauth ACCOUNT_FORMS / SOCIALACCOUNT_FORMS): the privacy-policy checkbox."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.socialaccount.forms import SignupForm as AllauthSocialSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _


def _privacy_policy_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Jag har läst integritetspolicyn"),
        help_text=_(
            "Integritetspolicyn beskriver vilka uppgifter Umecom sparar om dig och varför. "
            "Du kan när som helst ladda ner dina uppgifter eller radera ditt konto."
        ),
        required=True,
        error_messages={
            "required": _(
                "Du behöver läsa och godkänna integritetspolicyn för att skapa ett konto."
            )
        },
    )


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-postadress")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["password1"].label = _("Lösenord")
        self.fields["password1"].widget.attrs.pop("placeholder", None)
        if "password2" in self.fields:
            self.fields["password2"].label = _("Lösenord (igen)")
            self.fields["password2"].widget.attrs.pop("placeholder", None)
        self.fields["privacy_policy"] = _privacy_policy_field()


class SocialSignupForm(AllauthSocialSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-postadress")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["privacy_policy"] = _privacy_policy_field()
