"""Single sign-on sign-ups get a profile too, and the privacy consent when they tick the box."""

import pytest
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.auth import get_user_model
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from django.utils import translation

from people.adapters import SocialAccountAdapter
from people.forms.accounts import SocialSignupForm
from people.models import ConsentRecord, Profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _swedish_thread_language():
    # A request to /en/… leaves English active in the thread (LocaleMiddleware never
    # deactivates), and reverse() would then build /en/ URLs: start and end in Swedish.
    translation.activate("sv")
    yield
    translation.activate("sv")


def sso_request():
    request = RequestFactory().get("/konto/3rdparty/signup/")
    SessionMiddleware(lambda r: None).process_request(request)
    return request


def sociallogin(email: str) -> SocialLogin:
    user = get_user_model()(email=email)
    return SocialLogin(user=user, account=SocialAccount(provider="kommun", uid="k-42"))


def test_sso_signup_form_requires_the_privacy_policy():
    form = SocialSignupForm(
        data={"email": "sso@example.org"}, sociallogin=sociallogin("sso@example.org")
    )

    assert not form.is_valid()
    assert "privacy_policy" in form.errors


def test_sso_signup_with_consent_creates_profile_and_consent():
    login = sociallogin("sso@example.org")
    form = SocialSignupForm(
        data={"email": "sso@example.org", "privacy_policy": "on"}, sociallogin=login
    )
    assert form.is_valid(), form.errors

    user = SocialAccountAdapter().save_user(sso_request(), login, form=form)

    profile = Profile.objects.get(user=user)
    assert profile.display_name == "sso"
    assert not user.has_usable_password()
    assert "sso" not in user.username
    assert ConsentRecord.objects.filter(user=user, kind="privacy_policy", granted=True).exists()
    assert SocialAccount.objects.filter(user=user, uid="k-42").exists()


def test_sso_auto_signup_still_creates_a_profile_but_no_consent():
    user = SocialAccountAdapter().save_user(sso_request(), sociallogin("auto@example.org"))

    assert Profile.objects.filter(user=user).exists()
    assert not ConsentRecord.objects.filter(user=user).exists()
