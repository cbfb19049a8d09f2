"""The one way the demo makes an account, for staff and citizens alike."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from people.adapters import generate_internal_username
from people.models import ConsentKind, ConsentRecord, Profile, User

DEMO_PASSWORD = "umecom-demo"  # noqa: S105 - documented demo credential, printed on purpose


def ensure_demo_user(
    *,
    email: str,
    display_name: str,
    actor_type: str,
    username: str | None = None,
    consents: tuple[str, ...] = (ConsentKind.PRIVACY_POLICY,),
) -> tuple[User, Profile, bool]:
    """The account for `email`, created on the first run, as a sign-up leaves it.

    `username` only for the staff logins the README documents (the admin signs in with it);
    everyone else gets an internal handle like a real sign-up, never one taken from the
    e-mail address. Returns (user, profile, created).
    """
    user = User.objects.filter(username=username).first() if username else None
    user = user or User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User(username=username or generate_internal_username(), email=email)
        # Only new accounts get the demo password: a re-run must not undo a changed one.
        user.set_password(DEMO_PASSWORD)
        user.save()
    elif username is None and user.username == email.partition("@")[0]:
        # Earlier demos used the e-mail's local part: replace it with a neutral handle.
        user.username = generate_internal_username()
        user.save(update_fields=["username"])
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    profile, _ = Profile.objects.get_or_create(
        user=user,
        defaults={
            "display_name": display_name,
            "actor_type": actor_type,
            "onboarding_completed_at": timezone.now(),
        },
    )
    granted = set(
        ConsentRecord.objects.filter(user=user, granted=True).values_list("kind", flat=True)
    )
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            user=user, kind=kind, granted=True, policy_version=settings.PRIVACY_POLICY_VERSION
        )
        for kind in consents
        if kind not in granted
    )
    return user, profile, created
