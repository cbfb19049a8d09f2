"""allauth's forms (ACCOUNT_FORMS / SOCIALACCOUNT_FORMS) in Umecom's words, and the Wagtail
admin's sign-in, which is allauth's log-in too.

Sign-up adds the privacy-policy checkbox. Every form with an e-mail field says "E-postadress":
allauth's own Swedish catalogue says "Epost" and "Epost-adress", so our forms set their labels
from our own Swedish msgids and drop the placeholders that repeat the label.
"""

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.socialaccount.forms import SignupForm as AllauthSocialSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from umecom.roles import may_use_admin


def _display_name_field(initial: str = "") -> forms.CharField:
    # Asked at sign-up so that nobody is greeted, or shown to others, by a piece of their
    # e-mail address; it can be changed on the profile later.
    return forms.CharField(
        label=_("Namn"),
        help_text=_("Visas för andra medlemmar. Du kan ändra det i din profil."),
        max_length=80,
        required=False,
        initial=initial,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


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
        self.fields["display_name"] = _display_name_field()
        self.fields["privacy_policy"] = _privacy_policy_field()

    def try_save(self, request):
        if self.account_already_exists:
            # Equal work on both paths, so the answer's timing does not tell whether the
            # address has an account: a new account costs a password hash (the slow part by
            # design), so the "already exists" path hashes the submitted password too and
            # throws the result away. Both paths then send one e-mail through the adapter.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class SocialSignupForm(AllauthSocialSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-postadress")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        # The provider's own "name" claim, when it sends one, as the suggestion.
        claims = getattr(getattr(self.sociallogin, "account", None), "extra_data", None) or {}
        claims = claims.get("userinfo", claims) if isinstance(claims, dict) else {}
        name = str(claims.get("name") or "").strip()[:80]
        self.fields["display_name"] = _display_name_field(initial=name)
        self.fields["privacy_policy"] = _privacy_policy_field()


class AdminLoginForm(AllauthLoginForm):
    """The Wagtail admin's sign-in (WAGTAILADMIN_USER_LOGIN_FORM, people.views.accounts).

    It is allauth's log-in form, so the admin shares the public site's rules: sign-in by
    e-mail address, the same failed-attempt limits and lockout (ACCOUNT_RATE_LIMITS
    "login_failed", counted per address and per IP whichever form was used) and, when the
    view completes the log-in through allauth, the same e-mail verification. On top of that
    only accounts with admin access get past it: anybody else gets an error and no session.
    """

    admin_error_messages = {
        "no_admin_access": _(
            "Det här kontot har inte tillgång till administrationen. Som medlem loggar du in "
            "på webbplatsen i stället."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-postadress")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].widget.attrs.update({"autofocus": "", "autocomplete": "email"})
        self.fields["password"].label = _("Lösenord")
        self.fields["password"].help_text = ""  # the template links to the password reset
        self.fields["password"].widget.attrs.pop("placeholder", None)

    def clean(self):
        cleaned_data = super().clean()  # allauth: rate limit, then the password check
        if self.user is not None and not may_use_admin(self.user):
            # Checked before anything is written to the session: no log-in happens.
            self.user = None
            raise forms.ValidationError(
                self.admin_error_messages["no_admin_access"], code="no_admin_access"
            )
        return cleaned_data

    @property
    def extra_fields(self):
        """Wagtail's login template renders fields beyond its own here (none are)."""
        return []


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
