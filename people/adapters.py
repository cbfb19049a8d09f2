"""allauth hooks: what happens around sign-up and log-in.

Sign-up: an internal username (people sign in by e-mail, so no personal data goes into it),
the Profile and the privacy-policy consent (people/services/profiles.py: account_setup).
Log-in: members who have not finished onboarding continue it.
"""

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.services.profiles import account_setup


def generate_internal_username() -> str:
    User = get_user_model()
    while True:
        candidate = f"u{secrets.token_hex(6)}"
        if not User.objects.filter(username=candidate).exists():
            return candidate


class AccountAdapter(DefaultAccountAdapter):
    # Our own wording (Swedish source strings); allauth's other messages keep its catalogue.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "För många misslyckade inloggningsförsök. Vänta några minuter och försök igen, "
            "eller återställ ditt lösenord."
        ),
        "email_password_mismatch": _("E-postadressen eller lösenordet stämmer inte."),
        # allauth's Swedish says "epost-adress"; Umecom says "e-postadress" everywhere.
        "cannot_remove_primary_email": _("Du kan inte ta bort din primära e-postadress."),
        "duplicate_email": _("E-postadressen hör redan till ditt konto."),
        "email_taken": _("Det finns redan ett konto med den här e-postadressen."),
        "max_email_addresses": _("Du kan inte lägga till fler än %d e-postadresser."),
        "unknown_email": _("E-postadressen hör inte till något konto."),
        "unverified_primary_email": _("Din primära e-postadress måste vara bekräftad."),
    }

    def populate_username(self, request, user) -> None:
        if not user.username:
            user.username = generate_internal_username()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            accepted = bool(getattr(form, "cleaned_data", {}).get("privacy_policy"))
            account_setup(user=user, privacy_policy_accepted=accepted)
        return user

    def get_login_redirect_url(self, request) -> str:
        profile = getattr(request.user, "profile", None)
        if profile is None or profile.onboarding_completed_at is None:
            return reverse("people:onboarding")
        return super().get_login_redirect_url(request)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        if form is None:
            # Auto sign-up (switched off in settings) has no consent checkbox: profile only.
            account_setup(user=user, privacy_policy_accepted=False)
        return user


def user_display(user) -> str:
    """How allauth names a person (e-mails, pages): the chosen display name, never the
    internal username or the e-mail address."""
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None else str(_("medlem"))
