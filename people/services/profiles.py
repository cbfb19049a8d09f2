"""Writes for profiles: creation at sign-up, editing, onboarding and the matchmaking opt-ins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from people.models import ConsentKind, ConsentRecord, Profile, ProfileLink, Visibility
from umecom.events import delete_files_on_commit

ONBOARDING_STEPS = 4

# Fields a member may change on their own profile (avatar, tags, districts and links are
# handled separately because they are not plain columns).
EDITABLE_FIELDS = (
    "display_name",
    "actor_type",
    "bio",
    "languages",
    "hours_per_month",
    "visibility",
    "email_frequency",  # notifications/: how often notifications come by e-mail
    "language",  # and in which language
)


def display_name_from_email(email: str) -> str:
    local = (email or "").split("@", 1)[0].strip()
    return (local or "medlem")[:80]


def consent_record(*, user, kind: str, granted: bool) -> ConsentRecord:
    """Append a grant or withdrawal; records are never edited, so the history stays true."""
    return ConsentRecord.objects.create(
        user=user, kind=kind, granted=granted, policy_version=settings.PRIVACY_POLICY_VERSION
    )


@transaction.atomic
def account_setup(*, user, privacy_policy_accepted: bool, display_name: str = "") -> Profile:
    """Everything a new account needs besides the User row: the profile and the consent."""
    profile = profile_ensure(user=user)
    display_name = (display_name or "").strip()[:80]
    if display_name and profile.display_name != display_name:
        profile.display_name = display_name
        profile.save(update_fields=["display_name"])
    if privacy_policy_accepted:
        consent_record(user=user, kind=ConsentKind.PRIVACY_POLICY, granted=True)
    return profile


def profile_ensure(*, user) -> Profile:
    """The user's profile, created with defaults if the account predates it (createsuperuser)."""
    profile, _created = Profile.objects.get_or_create(
        user=user,
        defaults={
            "display_name": display_name_from_email(user.email),
            "visibility": Visibility.MEMBERS,
        },
    )
    return profile


@transaction.atomic
def consents_update(*, profile: Profile, findable: bool, invitable: bool) -> list[ConsentRecord]:
    """Set the two matchmaking opt-ins, recording a ConsentRecord for each one that changed."""
    # Compare with the stored row, locked, not the in-memory object: a form may already have
    # copied the new values onto it, and two tabs must not both record the same change.
    stored = (
        Profile.objects.select_for_update()
        .filter(pk=profile.pk)
        .values("findable_for_projects", "invitable_to_teams")
        .get()
    )
    records = []
    for field, kind, value in (
        ("findable_for_projects", ConsentKind.FINDABLE, findable),
        ("invitable_to_teams", ConsentKind.INVITABLE, invitable),
    ):
        setattr(profile, field, value)
        if stored[field] != value:
            records.append(consent_record(user=profile.user, kind=kind, granted=value))
    if records:
        profile.save(update_fields=["findable_for_projects", "invitable_to_teams", "updated_at"])
    return records


@dataclass
class AvatarChange:
    """What to do with the avatar: keep it (None), remove it, or replace it with `content`."""

    remove: bool = False
    content: ContentFile | None = None


@transaction.atomic
def profile_update(
    *,
    profile: Profile,
    data: dict,
    skills: Iterable[str] | None = None,
    interests: Iterable[str] | None = None,
    districts: Iterable | None = None,
    links: list[tuple[str, str]] | None = None,
    avatar: AvatarChange | None = None,
    findable: bool | None = None,
    invitable: bool | None = None,
) -> Profile:
    """Save a profile edit as one unit: either everything is stored or nothing is.

    `None` means "leave unchanged", so onboarding steps can update a subset.
    """
    if findable is not None or invitable is not None:
        # First, while the row still holds the old opt-ins to compare against.
        consents_update(
            profile=profile,
            findable=profile.findable_for_projects if findable is None else findable,
            invitable=profile.invitable_to_teams if invitable is None else invitable,
        )
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(profile, field, data[field])
    # Validate before any file is written: Django has no on-rollback hook to remove it again.
    profile.full_clean(exclude=["user", "avatar"])
    old_avatar_name = profile.avatar.name if profile.avatar else ""
    if avatar is not None and (avatar.remove or avatar.content is not None):
        if avatar.content is not None:
            # save=False: the row is saved below, together with the other fields.
            profile.avatar.save(avatar.content.name, avatar.content, save=False)
        else:
            profile.avatar = ""
        # The old file goes only once the new state is committed; a rollback keeps it.
        delete_files_on_commit(profile.avatar.storage, old_avatar_name)
    profile.save()
    if skills is not None:
        profile.skills.set(list(skills))
    if interests is not None:
        profile.interests.set(list(interests))
    if districts is not None:
        profile.districts.set(list(districts))
    if links is not None:
        profile.links.all().delete()
        ProfileLink.objects.bulk_create(
            [ProfileLink(profile=profile, label=label, url=url) for label, url in links]
        )
    return profile


@transaction.atomic
def onboarding_advance(*, profile: Profile, step: int) -> Profile:
    """Mark `step` as done (saved or skipped); finishing the last step completes onboarding."""
    profile.onboarding_step = max(profile.onboarding_step, min(step, ONBOARDING_STEPS))
    fields = ["onboarding_step", "updated_at"]
    if step >= ONBOARDING_STEPS and profile.onboarding_completed_at is None:
        profile.onboarding_completed_at = timezone.now()
        fields.append("onboarding_completed_at")
    profile.save(update_fields=fields)
    return profile
