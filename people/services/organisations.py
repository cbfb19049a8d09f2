"""Writes for organisations and their members. Views and the Wagtail admin call these.

Every function is keyword-only and atomic: a failed step leaves nothing half-saved.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from people.models import MembershipRole, Organisation, OrganisationMembership, User
from people.permissions import forget_cached_roles
from people.validators import normalise_org_number
from umecom.events import delete_files_on_commit

LOGO_MAX_SIDE = 400
LOGO_MAX_BYTES = 5 * 1024 * 1024
LOGO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Paths under /organisationer/ that a slug must not take.
RESERVED_SLUGS = {"ny", "inbjudan"}

DUPLICATE_ORG_NUMBER = _(
    "Det finns redan en organisation med det här organisationsnumret på Umecom."
)


class OrganisationError(Exception):
    """A rule was broken; `str(error)` is a message fit to show the user."""


class LastAdminError(OrganisationError):
    def __init__(self):
        super().__init__(
            _("En organisation måste ha minst en administratör. Utse någon annan först.")
        )


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:120] or "organisation"
    slug, n = base, 2
    taken = Organisation.objects.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def logo_reencode(upload) -> ContentFile:
    """Re-encode an uploaded logo at most 400×400, dropping metadata (EXIF, GPS).

    The form has already checked that Pillow can read it and that it is small enough; we
    never store the original bytes, so a polyglot file cannot survive the round trip.
    """
    upload.seek(0)
    with Image.open(upload) as img:
        fmt = img.format if img.format in LOGO_FORMATS else "PNG"
        img = ImageOps.exif_transpose(img)
        img.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
        if fmt == "JPEG" and img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        elif img.mode not in ("RGB", "RGBA", "L", "LA"):
            img = img.convert("RGBA")
        out = io.BytesIO()
        img.save(out, format=fmt, **({"quality": 85} if fmt != "PNG" else {"optimize": True}))
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{LOGO_FORMATS[fmt]}")


def _save_checked(organisation: Organisation) -> None:
    # The unique index is the real guard against two people registering the same number at once.
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        if (
            "org_number" in str(exc)
            or Organisation.objects.filter(org_number=organisation.org_number)
            .exclude(pk=organisation.pk)
            .exists()
        ):
            raise ValidationError({"org_number": DUPLICATE_ORG_NUMBER}) from exc
        raise


def _apply_fields(
    organisation: Organisation, fields: dict
) -> tuple[list, list | None, list | None]:
    districts = fields.pop("districts", None)
    offers = fields.pop("offers", None)
    needs = fields.pop("needs", None)
    logo = fields.pop("logo", None)
    for name, value in fields.items():
        setattr(organisation, name, value)
    if "org_number" in fields:
        organisation.org_number = normalise_org_number(fields["org_number"])
    if logo is False:  # the form's "remove" checkbox
        organisation.logo = ""
    elif logo is not None:
        organisation.logo = logo_reencode(logo)
    return districts, offers, needs


def _save_relations(organisation, districts, offers, needs) -> None:
    if districts is not None:
        organisation.districts.set(districts)
    if offers is not None:
        organisation.offers.set(list(offers))
    if needs is not None:
        organisation.needs.set(list(needs))


@transaction.atomic
def organisation_create(
    *, creator: User, name: str, kind: str, org_number: str, **fields
) -> Organisation:
    """Create an organisation; the creator becomes its first administrator."""
    organisation = Organisation(slug=_unique_slug(name))
    relations = _apply_fields(
        organisation, {"name": name, "kind": kind, "org_number": org_number, **fields}
    )
    _save_checked(organisation)
    _save_relations(organisation, *relations)
    OrganisationMembership.objects.create(
        organisation=organisation, user=creator, role=MembershipRole.ADMIN
    )
    forget_cached_roles(creator)
    return organisation


# What "Verifierad av Umeå kommun" vouches for: changing either takes the verification back.
VERIFIED_FIELDS = ("name", "org_number")


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    """Save an edit. A change of name or number makes a verified organisation unverified again,
    so it returns to the innovation team's verification queue (issue 12/13)."""
    old_logo = organisation.logo.name if organisation.logo else ""
    # The stored row, locked, not the object: a ModelForm has already copied the new values
    # onto it by the time the view calls us.
    before = (
        Organisation.objects.select_for_update()
        .filter(pk=organisation.pk)
        .values(*VERIFIED_FIELDS)
        .get()
    )
    relations = _apply_fields(organisation, dict(fields))
    if organisation.verified_at is not None and any(
        getattr(organisation, name) != value for name, value in before.items()
    ):
        organisation.verified_at = None
        organisation.verified_by = None
    _save_checked(organisation)
    _save_relations(organisation, *relations)
    if old_logo and old_logo != (organisation.logo.name or ""):
        # Only once the new row is committed: a rollback must not lose the old logo.
        delete_files_on_commit(organisation.logo.storage, old_logo)
    return organisation


@transaction.atomic
def organisation_verify(
    *, organisation: Organisation, by: User, verified: bool = True
) -> Organisation:
    organisation.verified_at = timezone.now() if verified else None
    organisation.verified_by = by if verified else None
    organisation.save(update_fields=["verified_at", "verified_by"])
    return organisation


def _lock_admins(organisation: Organisation) -> list[int]:
    # Lock the admin rows so two admins demoting each other at once cannot leave none.
    return list(
        OrganisationMembership.objects.select_for_update()
        .filter(organisation=organisation, role=MembershipRole.ADMIN)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def membership_set_role(*, membership: OrganisationMembership, role: str) -> OrganisationMembership:
    if role not in MembershipRole.values:
        raise OrganisationError(_("Okänd roll."))
    admins = _lock_admins(membership.organisation)
    if role != MembershipRole.ADMIN and admins == [membership.pk]:
        raise LastAdminError()
    membership.role = role
    membership.save(update_fields=["role"])
    forget_cached_roles(membership.user)
    return membership


@transaction.atomic
def membership_remove(*, membership: OrganisationMembership) -> None:
    admins = _lock_admins(membership.organisation)
    if admins == [membership.pk]:
        raise LastAdminError()
    membership.delete()
    forget_cached_roles(membership.user)


@transaction.atomic
def organisation_leave(*, organisation: Organisation, user: User) -> None:
    """A member leaves; never refused, not even to the last admin (issue 13).

    An organisation left without an admin shows up in `organisations_without_admin()`
    (people/selectors/organisations.py), the innovation team's queue.
    """
    deleted, _detail = OrganisationMembership.objects.filter(
        organisation=organisation, user=user
    ).delete()
    forget_cached_roles(user)
    if not deleted:
        raise OrganisationError(_("Du är inte medlem i organisationen."))


def set_members(
    *, organisation: Organisation, admins: Iterable[User] = (), members: Iterable[User] = ()
) -> None:
    """Idempotent helper for demo data: make sure these people have these roles."""
    for role, users in ((MembershipRole.ADMIN, admins), (MembershipRole.MEMBER, members)):
        for user in users:
            OrganisationMembership.objects.update_or_create(
                organisation=organisation, user=user, defaults={"role": role}
            )
