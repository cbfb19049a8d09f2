"""allauth's forms (ACCOUNT_FORMS / SOCIALACCOUNT_FORMS) in Umecom's words.

Sign-up adds the privacy-policy checkbox. Every form with an e-mail field says "E-postadress":
allauth's own Swedish catalogue says "Epost" and "Epost-adress" (issue 12), so our forms set
their labels from our own Swedish msgids and drop the placeholders that repeat the label.
"""

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
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


def _our_email_label(form: forms.Form, name: str = "email") -> None:
    field = form.fields.get(name)
    if field is not None:
        field.label = _("E-postadress")
        field.widget.attrs.pop("placeholder", None)


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _our_email_label(self, "login")
        if "password" in self.fields:
            self.fields["password"].label = _("Lösenord")
            self.fields["password"].widget.attrs.pop("placeholder", None)


class AddEmailForm(AllauthAddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _our_email_label(self)


class ResetPasswordForm(AllauthResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _our_email_label(self)
