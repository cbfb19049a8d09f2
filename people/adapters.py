"""allauth hooks: what happens around sign-up and log-in.

Sign-up: an internal username (people sign in by e-mail, so no personal data goes into it,
however the account was made: form or single sign-on),
the Profile and the privacy-policy consent (people/services/profiles.py: account_setup).
Log-in: members who have not finished onboarding continue it.
Mail (verification, password reset): rendered in the visitor's language, sent by the queue.
"""

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.services.profiles import account_setup
from umecom.events import send_email_on_commit


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
    }

    def populate_username(self, request, user) -> None:
        # Always for a new account, even when something filled it in already: allauth's SSO
        # sign-up copies the provider's preferred_username, which is often the e-mail address
        # or the person's name, and the admin shows usernames to staff.
        if user.pk is None or not user.username:
            user.username = generate_internal_username()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            accepted = bool(getattr(form, "cleaned_data", {}).get("privacy_policy"))
            account_setup(user=user, privacy_policy_accepted=accepted)
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # As allauth's own, except that the task queue sends the message: a slow or dead
        # SMTP server must not hold up sign-up or a password reset.
        request = allauth_context.request
        base = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, {**base, **context})
        alternatives = getattr(message, "alternatives", [])
        html = next((content for content, kind in alternatives if kind == "text/html"), "")
        send_email_on_commit(
            to=message.to,
            subject=message.subject,
            body=message.body,
            html=html,
            headers=message.extra_headers,
        )

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
