"""Reads of organisations. Query counts stay flat however many rows there are."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from people.models import (
    MembershipRole,
    Organisation,
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
    """Organisations nobody can administer: no membership with the admin role.

    The innovation team's queue for these sits next to verification in the admin. When
    membership invitations land, an invited-but-not-accepted admin must still count as none:
    adjust this one rule, and the queue and its filter follow.
    """
    qs = Organisation.objects.all() if queryset is None else queryset
    return qs.exclude(memberships__role=MembershipRole.ADMIN)
