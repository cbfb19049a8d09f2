"""Reads of organisations. Query counts stay flat however many rows there are."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from people.models import (
    MembershipRole,
    Organisation,
    OrganisationInvitation,
    OrganisationKind,
    OrganisationMembership,
    Profile,
    User,
)
from umecom.taxonomy.models import ActorType

# How an organisation counts in the participation mix ("Med i utmaningen", the dashboard).
ACTOR_TYPE_OF_KIND = {
    OrganisationKind.COMPANY: ActorType.COMPANY,
    OrganisationKind.ASSOCIATION: ActorType.ASSOCIATION,
    OrganisationKind.RESEARCH: ActorType.RESEARCHER,
    OrganisationKind.MUNICIPAL: ActorType.MUNICIPALITY,
}


def organisation_list(*, kind: str | None = None) -> QuerySet[Organisation]:
    """Public listing; an unknown `kind` is ignored rather than an error."""
    qs = Organisation.objects.all()
    if kind in OrganisationKind.values:
        qs = qs.filter(kind=kind)
    return (
        qs.annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related("districts", "offers")
        .order_by("name")
    )


def organisation_detail(*, slug: str) -> Organisation | None:
    memberships = OrganisationMembership.objects.select_related("user__profile").order_by(
        "role", "user__profile__display_name"
    )
    return (
        Organisation.objects.filter(slug=slug)
        .prefetch_related(
            "districts", "offers", "needs", Prefetch("memberships", queryset=memberships)
        )
        .first()
    )


def organisations_for_user(*, user: User) -> QuerySet[Organisation]:
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def organisation_admin_count(*, organisation: Organisation) -> int:
    return organisation.memberships.filter(role=MembershipRole.ADMIN).count()


def member_display_name(user: User | None) -> str:
    """Members see each other's display name within their organisation."""
    profile: Profile | None = getattr(user, "profile", None) if user else None
    return profile.display_name if profile else (user.get_username() if user else "")


def organisations_without_admin(
    queryset: QuerySet[Organisation] | None = None,
) -> QuerySet[Organisation]:
    """Organisations nobody administers any more: the innovation team's queue.

    An account is never kept from being deleted, nor a person from leaving, because they are
    an organisation's only admin (issue 13); the organisation lands here instead, and the
    innovation team appoints someone (or removes it). The Wagtail admin lists this queryset.
    """
    qs = Organisation.objects.all() if queryset is None else queryset
    return (
        qs.annotate(
            admin_count=Count("memberships", filter=Q(memberships__role=MembershipRole.ADMIN)),
            member_count=Count("memberships", distinct=True),
        )
        .filter(admin_count=0)
        .order_by("name")
    )


def memberships_for_user(*, user: User) -> QuerySet[OrganisationMembership]:
    """ "Mina organisationer": the user's memberships with their organisations."""
    if not getattr(user, "is_authenticated", False):
        return OrganisationMembership.objects.none()
    return (
        OrganisationMembership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def invitations_for_user(*, user: User) -> QuerySet[OrganisationInvitation]:
    """Open invitations to any address the user has verified; two queries, however many."""
    if not getattr(user, "is_authenticated", False):
        return OrganisationInvitation.objects.none()
    # Invitations are stored lower-cased; allauth keeps addresses as typed.
    addresses = [
        e.lower()
        for e in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]
    return (
        OrganisationInvitation.objects.filter(email__in=addresses, expires_at__gt=timezone.now())
        .select_related("organisation")
        .order_by("created_at")
    )


def invitations_for_organisation(*, organisation: Organisation) -> QuerySet[OrganisationInvitation]:
    """What the organisation's admins see: the address, the role and until when; no account."""
    return organisation.invitations.order_by("created_at")


def invitation_by_token(*, token: str) -> OrganisationInvitation | None:
    if not token or len(token) > 100:
        return None
    return (
        OrganisationInvitation.objects.filter(token_hash=OrganisationInvitation.hash_token(token))
        .select_related("organisation")
        .first()
    )
