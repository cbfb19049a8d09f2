"""Reads of commitments: who is in a challenge, and the participation mix for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from challenges.selectors import challenge_family_ids
from people.models import (
    Commitment,
    CommitmentStatus,
    OfferKind,
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    Profile,
    User,
    Visibility,
)
from people.permissions import can_view_profile
from umecom.taxonomy.models import ActorType, District

from .organisations import ACTOR_TYPE_OF_KIND

# Group headings on the challenge page, in this order.
PARTICIPANT_GROUPS = [
    (ActorType.CITIZEN, _("Medborgare")),
    (ActorType.COMPANY, _("Företag")),
    (ActorType.RESEARCHER, _("Forskning")),
    (ActorType.ASSOCIATION, _("Föreningar")),
    (ActorType.MUNICIPALITY, _("Kommunen")),
]
ANONYMOUS_PERSON = _("En medborgare")
# What the delete page promises a deleted account's commitments will show as.
DELETED_PERSON = _("Borttagen användare")


@dataclass
class Participant:
    name: str
    url: str = ""
    verified: bool = False
    offers: list[str] = field(default_factory=list)


@dataclass
class ParticipantGroup:
    key: str
    label: str
    participants: list[Participant]


def _person_visible_to(profile: Profile | None, viewer) -> bool:
    # A hidden profile stays anonymous on public pages, even to staff who could open it.
    return (
        profile is not None
        and profile.visibility != Visibility.HIDDEN
        and can_view_profile(viewer, profile)
    )


def _accepted_of(challenge) -> QuerySet[Commitment]:
    # Across translations: the English page shows who joined through the Swedish one.
    return Commitment.objects.filter(
        challenge_id__in=challenge_family_ids(challenge), status=CommitmentStatus.ACCEPTED
    )


def challenge_participants(*, challenge, viewer=None) -> list[ParticipantGroup]:
    """Accepted commitments grouped by kind of participant; one query whatever the size."""
    commitments = _accepted_of(challenge).select_related("organisation", "user__profile")
    return group_participants(commitments.order_by("created_at", "pk"), viewer=viewer)


def group_participants(commitments, *, viewer=None) -> list[ParticipantGroup]:
    """Accepted commitments (organisation and user's profile selected) by kind of participant.

    People whose profile the viewer may not see are shown as "En medborgare" under citizens:
    putting them under their own actor type would hint at who they are.
    """
    offer_labels = dict(OfferKind.choices)
    groups: dict[str, list[Participant]] = {key: [] for key, _label in PARTICIPANT_GROUPS}
    for c in commitments:
        offers = [str(offer_labels.get(o, o)) for o in c.offers]
        if c.organisation_id:
            org = c.organisation
            key = ACTOR_TYPE_OF_KIND.get(org.kind, ActorType.ASSOCIATION)
            url = reverse("people:organisation_detail", args=[org.slug])
            groups[key].append(Participant(org.name, url, org.is_verified, offers))
            continue
        if c.user_id is None:
            # The account was deleted: the commitment stays, without a name, as promised.
            groups[ActorType.CITIZEN].append(Participant(str(DELETED_PERSON), "", False, offers))
            continue
        profile = getattr(c.user, "profile", None)
        if _person_visible_to(profile, viewer):
            key = profile.actor_type if profile.actor_type in groups else ActorType.CITIZEN
            url = reverse("people:profile_detail", args=[profile.pk])
            groups[key].append(Participant(profile.display_name, url, False, offers))
        else:
            groups[ActorType.CITIZEN].append(Participant(str(ANONYMOUS_PERSON), "", False, offers))
    return [
        ParticipantGroup(key, str(label), groups[key])
        for key, label in PARTICIPANT_GROUPS
        if groups[key]
    ]


@dataclass
class ChallengeCommitments:
    participants: list[ParticipantGroup]
    signups: list[Commitment]


def challenge_commitments(*, challenge, viewer) -> ChallengeCommitments:
    """What the challenge page shows of commitments: who is in, and the viewer's own pending
    and accepted sign-ups (and their organisations'), from one query."""
    if not getattr(viewer, "is_authenticated", False):
        return ChallengeCommitments(challenge_participants(challenge=challenge), [])
    # An uncorrelated IN (…): PostgreSQL reads the viewer's organisations once, and the ORM
    # builds it far faster than a correlated EXISTS repeated in the filter and the annotation.
    own_organisations = OrganisationMembership.objects.filter(user=viewer).values("organisation_id")
    mine = Q(user=viewer, organisation__isnull=True) | Q(organisation_id__in=own_organisations)
    rows = list(
        Commitment.objects.filter(challenge_id__in=challenge_family_ids(challenge))
        .filter(Q(status=CommitmentStatus.ACCEPTED) | (Q(status=CommitmentStatus.PENDING) & mine))
        .annotate(viewer_owns=Case(When(mine, then=Value(True)), default=Value(False)))
        .select_related("organisation", "user__profile")
        .order_by("created_at", "pk")
    )
    accepted = [c for c in rows if c.status == CommitmentStatus.ACCEPTED]
    return ChallengeCommitments(
        participants=group_participants(accepted, viewer=viewer),
        signups=[c for c in rows if c.viewer_owns],
    )


def live_commitments_for(*, user: User, challenge) -> QuerySet[Commitment]:
    """The viewer's own live commitments and their organisations' (for the join page)."""
    if not getattr(user, "is_authenticated", False):
        return Commitment.objects.none()
    return (
        Commitment.objects.filter(
            Q(user=user, organisation__isnull=True) | Q(organisation__memberships__user=user),
            challenge=challenge,
            status__in=CommitmentStatus.LIVE,
        )
        .select_related("organisation")
        .distinct()
    )


@dataclass
class Bar:
    label: str
    value: int


@dataclass
class Chart:
    key: str
    title: str
    bars: list[Bar]

    @property
    def total(self) -> int:
        return sum(b.value for b in self.bars)

    @property
    def max_value(self) -> int:
        return max((b.value for b in self.bars), default=0)


def participation_mix() -> list[Chart]:
    """People by actor type and by district, organisations by kind: three queries."""
    by_type = dict(
        Profile.objects.filter(user__is_active=True)
        .values_list("actor_type")
        .annotate(n=Count("pk"))
        .values_list("actor_type", "n")
    )
    district_counts = dict(
        District.objects.annotate(n=Count("profiles", distinct=True))
        .order_by("name")
        .values_list("name", "n")
    )
    by_kind = dict(
        Organisation.objects.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    return [
        Chart(
            "actor_type",
            str(_("Personer per slags deltagare")),
            [Bar(str(label), by_type.get(value, 0)) for value, label in ActorType.choices],
        ),
        Chart(
            "district",
            str(_("Personer per stadsdel")),
            [Bar(name, n) for name, n in district_counts.items()],
        ),
        Chart(
            "org_kind",
            str(_("Organisationer per slag")),
            [Bar(str(label), by_kind.get(value, 0)) for value, label in OrganisationKind.choices],
        ),
    ]


def commitments_awaiting_decision(*, limit: int = 10) -> tuple[list[Commitment], int]:
    """The oldest sign-ups still waiting for the innovation team's answer, and how many wait.

    Two queries however many there are (the page of rows with what they show, and the count).
    """
    pending = Commitment.objects.filter(status=CommitmentStatus.PENDING)
    rows = list(
        pending.select_related("challenge", "organisation", "user__profile").order_by(
            "created_at", "pk"
        )[:limit]
    )
    total = len(rows) if len(rows) < limit else pending.count()
    return rows, total
