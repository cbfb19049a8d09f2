"""allauth hooks: what happens around sign-up and log-in.

Sign-up: an internal username (people sign in by e-mail, so no personal data goes into it,
however the account was made: form or single sign-on),
the Profile and the privacy-policy consent (people/services/profiles.py: account_setup).
Log-in: members who have not finished onboarding continue it, whether they signed in with a
password or through single sign-on.
Mail (verification, password reset): rendered in the visitor's language, sent by the queue.
Single sign-on: an e-mail address that already has an account is never linked silently, and a
provider that does not answer gives a clear page instead of an error 500.
"""

import logging
import secrets
from urllib.parse import urlencode

import requests
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from people.services.profiles import account_setup
from umecom.events import send_email_on_commit

logger = logging.getLogger(__name__)


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
        # Always for a new account, even when something filled it in already: allauth's SSO
        # sign-up copies the provider's preferred_username, which is often the e-mail address
        # or the person's name, and the admin shows usernames to staff.
        if user.pk is None or not user.username:
            user.username = generate_internal_username()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            data = getattr(form, "cleaned_data", {})
            account_setup(
                user=user,
                privacy_policy_accepted=bool(data.get("privacy_policy")),
                display_name=data.get("display_name", ""),
            )
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

    def get_signup_redirect_url(self, request) -> str:
        # Only reached when a sign-up logs the person in at once, which is single sign-on with
        # an address the provider vouches for (a password sign-up waits for the e-mail link).
        # allauth's default is LOGIN_REDIRECT_URL ("/"): a new member starts onboarding instead.
        return self.get_login_redirect_url(request)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    error_messages = {
        **DefaultSocialAccountAdapter.error_messages,
        "no_password": _(
            "Du kan inte koppla bort det här kontot: det är ditt enda sätt att logga in på "
            "Umecom. Välj först ett lösenord, sedan kan du koppla bort det."
        ),
        "no_verified_email": _(
            "Du kan inte koppla bort det här kontot förrän du har en bekräftad e-postadress "
            "på Umecom."
        ),
        "connected_other": _("Det kontot är redan kopplat till ett annat konto på Umecom."),
    }

    def pre_social_login(self, request, sociallogin) -> None:
        """A first sign-in whose e-mail address already has an account stops here.

        allauth would otherwise offer the sign-up form, and on an existing address its
        enumeration protection sends a mail and says "check your inbox", which leaves the
        person stuck. Linking the two silently is worse: the provider would then decide who
        gets into an account it never verified. So the person signs in with the password
        first and connects the provider from their account settings (the connections page).
        Saying that an account exists is acceptable only for an address the provider marks as
        verified (`email_verified`): the person has shown the provider it is theirs. For an
        unverified one allauth's own flow stays (sign-up form, then a mail to the address's
        owner and "check your inbox"), which reveals nothing and links nothing either.
        """
        if sociallogin.is_existing or sociallogin.state.get("process") == AuthProcess.CONNECT:
            return
        verified = {address.email for address in sociallogin.email_addresses if address.verified}
        if not any(filter_users_by_email(address) for address in verified if address):
            return
        provider = sociallogin.account.get_provider(request).name
        messages.error(
            request,
            gettext(
                "Det finns redan ett konto på Umecom med samma e-postadress som ditt konto hos "
                "%(provider)s. Vi kopplar inte ihop dem automatiskt. Logga in med e-postadress "
                "och lösenord (eller välj ”Glömt lösenordet?”), så kan du sedan koppla "
                "%(provider)s till ditt konto."
            )
            % {"provider": provider},
        )
        login_url = reverse("account_login")
        next_url = reverse("socialaccount_connections")
        raise ImmediateHttpResponse(
            HttpResponseRedirect(f"{login_url}?{urlencode({'next': next_url})}")
        )

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        """A provider that cannot be reached (down, timing out, answering garbage) gets its own
        page with status 503: "try again later, or use your password". Any other failure
        (cancelled, tampered or expired state, refused token) keeps allauth's flow and our
        authentication_error.html."""
        if isinstance(exception, requests.RequestException):
            logger.warning("single sign-on provider %s unreachable: %s", provider.id, exception)
            raise ImmediateHttpResponse(
                render(
                    request,
                    "socialaccount/authentication_error.html",
                    {"auth_error": {"provider": provider}, "provider_unreachable": True},
                    status=503,
                )
            )
        logger.info("single sign-on with %s failed: %s %r", provider.id, error, exception)

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        if form is None:
            # Auto sign-up (switched off in settings) has no consent checkbox: profile only.
            account_setup(user=user, privacy_policy_accepted=False)
        else:
            # The consent is recorded by the form; the name chosen there becomes the profile's.
            name = getattr(form, "cleaned_data", {}).get("display_name", "")
            account_setup(user=user, privacy_policy_accepted=False, display_name=name)
        return user


def user_display(user) -> str:
    """How allauth names a person (e-mails, pages): the chosen display name, never the
    internal username or the e-mail address."""
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None else str(_("medlem"))
