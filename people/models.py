"""People, organisations and their commitments to challenges.

Personal data lives here and only here, so "Mina data" export and account deletion
(people/services/privacy.py) can find all of it.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from umecom.taxonomy.models import ActorType

from .storage import private_storage
from .validators import validate_org_number


class User(AbstractUser):
    """Accounts sign in with e-mail (allauth); the username is an internal handle."""

    email = models.EmailField(_("e-postadress"), unique=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Alla, även utan konto")
    MEMBERS = "members", _("Bara inloggade medlemmar")
    HIDDEN = "hidden", _("Ingen (dold profil)")


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Direkt, ett meddelande per händelse")
    DAILY = "daily", _("En sammanfattning per dag")
    NEVER = "never", _("Aldrig, bara här på webbplatsen")


class ProfileSkill(TaggedItemBase):
    content_object = models.ForeignKey(
        "people.Profile", on_delete=models.CASCADE, related_name="skill_items"
    )


class ProfileInterest(TaggedItemBase):
    content_object = models.ForeignKey(
        "people.Profile", on_delete=models.CASCADE, related_name="interest_items"
    )


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("konto"),
    )
    display_name = models.CharField(_("visningsnamn"), max_length=80)
    actor_type = models.CharField(
        _("jag är"), max_length=20, choices=ActorType.choices, default=ActorType.CITIZEN
    )
    bio = models.TextField(_("kort presentation"), max_length=600, blank=True)
    skills = TaggableManager(
        _("kompetenser"),
        through=ProfileSkill,
        blank=True,
        related_name="profiles_with_skill",
        help_text=_("Ord eller korta fraser, åtskilda med kommatecken."),
    )
    interests = TaggableManager(
        _("intressen"),
        through=ProfileInterest,
        blank=True,
        related_name="profiles_with_interest",
        help_text=_("Ord eller korta fraser, åtskilda med kommatecken."),
    )
    districts = models.ManyToManyField(
        "taxonomy.District", verbose_name=_("stadsdelar"), blank=True, related_name="profiles"
    )
    languages = models.CharField(
        _("språk"),
        max_length=200,
        blank=True,
        help_text=_("Språk du kan samarbeta på, till exempel svenska, engelska, arabiska."),
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("tillgänglighet (timmar per månad)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(200)],
    )
    avatar = models.ImageField(
        _("profilbild"), upload_to="avatars/", blank=True, storage=private_storage
    )
    visibility = models.CharField(
        _("vem får se min profil"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    # Two separate opt-ins, both off by default; matchmaking only ever sees people who opted in.
    findable_for_projects = models.BooleanField(_("andra får hitta mig för projekt"), default=False)
    invitable_to_teams = models.BooleanField(_("jag får bjudas in till team"), default=False)
    # Notifications (notifications/): how often they come by e-mail, and in which language.
    email_frequency = models.CharField(
        _("e-post om notiser"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )
    language = models.CharField(
        _("språk i e-post"), max_length=10, choices=settings.LANGUAGES, default="sv"
    )
    onboarding_step = models.PositiveSmallIntegerField(_("steg i introduktionen"), default=0)
    onboarding_completed_at = models.DateTimeField(_("introduktionen klar"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profiler")
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class ProfileLink(models.Model):
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="links", verbose_name=_("profil")
    )
    label = models.CharField(_("text"), max_length=60)
    url = models.URLField(_("adress"), max_length=300)

    class Meta:
        verbose_name = _("länk")
        verbose_name_plural = _("länkar")

    def __str__(self) -> str:
        return self.label


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Företag")
    ASSOCIATION = "association", _("Förening")
    RESEARCH = "research", _("Universitet eller forskargrupp")
    MUNICIPAL = "municipal", _("Kommunal verksamhet")


class OrganisationOffer(TaggedItemBase):
    content_object = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="offer_items"
    )


class OrganisationNeed(TaggedItemBase):
    content_object = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="need_items"
    )


class Organisation(models.Model):
    name = models.CharField(_("namn"), max_length=120)
    slug = models.SlugField(_("kortnamn i adresser"), max_length=140, unique=True)
    kind = models.CharField(
        _("slags organisation"), max_length=20, choices=OrganisationKind.choices
    )
    org_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        unique=True,
        validators=[validate_org_number],
        # Not a real number: the example must fail the check digit (issue 12).
        help_text=_("Tio siffror, till exempel 123456-7890."),
    )
    description = models.TextField(_("beskrivning"), max_length=2000, blank=True)
    website = models.URLField(_("webbplats"), blank=True)
    logo = models.ImageField(_("logotyp"), upload_to="logos/", blank=True)
    districts = models.ManyToManyField(
        "taxonomy.District", verbose_name=_("stadsdelar"), blank=True, related_name="organisations"
    )
    offers = TaggableManager(
        _("vi erbjuder"),
        through=OrganisationOffer,
        blank=True,
        related_name="organisations_offering",
        help_text=_("Ord eller korta fraser, åtskilda med kommatecken."),
    )
    needs = TaggableManager(
        _("vi söker"),
        through=OrganisationNeed,
        blank=True,
        related_name="organisations_seeking",
        help_text=_("Ord eller korta fraser, åtskilda med kommatecken."),
    )
    verified_at = models.DateTimeField(_("verifierad"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verifierad av"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="people.OrganisationMembership",
        related_name="organisations",
        verbose_name=_("medlemmar"),
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administratör")
    MEMBER = "member", _("Medlem")


class OrganisationMembership(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("konto"),
    )
    role = models.CharField(
        _("roll"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    created_at = models.DateTimeField(_("medlem sedan"), auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.role})"


class OrganisationInvitation(models.Model):
    """An invitation to join an organisation, sent to an e-mail address.

    Membership needs the person's consent: an organisation admin invites an address, and the
    person who holds that address (verified on their account) accepts or declines. The row
    lives only while the invitation is open; accepting, declining or withdrawing deletes it, so
    no address is kept for someone who said no. Only a hash of the link's token is stored.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    # Stored lower-cased (people/services/invitations.py), so the unique constraint holds
    # whatever case the admin typed.
    email = models.EmailField(_("e-postadress"))
    role = models.CharField(
        _("roll"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    token_hash = models.CharField(
        _("kontrollsumma för länken"), max_length=64, unique=True, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("inbjuden av"),
    )
    # The language the invitation e-mail was written in (the inviting admin chooses it).
    language = models.CharField(_("språk"), max_length=10, default="sv")
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickad"))
    expires_at = models.DateTimeField(_("gäller till"))

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"], name="one_invitation_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256((token or "").encode()).hexdigest()


class OfferKind(models.TextChoices):
    EXPERTISE = "expertise", _("Expertis")
    MENTORING = "mentoring", _("Mentorskap")
    TEST_ENVIRONMENT = "test_environment", _("Testmiljö")
    DATA = "data", _("Data")
    PREMISES = "premises", _("Lokaler")
    FUNDING = "funding", _("Finansiering")
    VOLUNTEERS = "volunteers", _("Volontärer")


class CommitmentStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på svar")
    ACCEPTED = "accepted", _("Accepterad")
    DECLINED = "declined", _("Avböjd")
    WITHDRAWN = "withdrawn", _("Återkallad")

    # A descriptor, so the enum keeps it out of its members (and out of the choices).
    @classproperty
    def LIVE(cls) -> tuple[str, ...]:  # noqa: N802 - reads like the members
        """The statuses that hold a participant's place: at most one such commitment each."""
        return (cls.PENDING, cls.ACCEPTED)


class Commitment(models.Model):
    """A person, or an organisation through one of its members, joins a challenge."""

    challenge = models.ForeignKey(
        "challenges.ChallengePage",
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("utmaning"),
    )
    # Who made it. SET_NULL so that deleting an account anonymises rather than erases history.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        verbose_name=_("anmäld av"),
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("för organisationen"),
    )
    offers = models.JSONField(_("vi erbjuder"), default=list)
    message = models.TextField(_("meddelande"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PENDING,
    )
    decision_reason = models.TextField(_("motivering"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("besvarad av"),
    )
    decided_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    # Accounts have no language setting; answer in the language the participant joined in.
    language = models.CharField(_("språk"), max_length=10, default="sv", editable=False)
    created_at = models.DateTimeField(_("anmäld"), auto_now_add=True)

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["-created_at"]
        constraints = [
            # One live commitment per participant and challenge.
            models.UniqueConstraint(
                fields=["challenge", "organisation"],
                condition=Q(organisation__isnull=False) & Q(status__in=list(CommitmentStatus.LIVE)),
                name="one_live_commitment_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["challenge", "user"],
                condition=Q(organisation__isnull=True, user__isnull=False)
                & Q(status__in=list(CommitmentStatus.LIVE)),
                name="one_live_commitment_per_person",
            ),
        ]

    def __str__(self) -> str:
        # Shown as the title of the admin's inspect view: names, not ids.
        return f"{self.participant_name} → {self.challenge.title}"

    @property
    def participant_name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        if self.user_id:
            profile = getattr(self.user, "profile", None)
            return profile.display_name if profile else str(_("Medlem"))
        return str(_("Borttagen användare"))


class ConsentKind(models.TextChoices):
    PRIVACY_POLICY = "privacy_policy", _("Integritetspolicy")
    FINDABLE = "findable", _("Andra får hitta mig för projekt")
    INVITABLE = "invitable", _("Jag får bjudas in till team")


class ConsentRecord(models.Model):
    """Append-only: every grant or withdrawal, with the privacy policy version in force."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("konto"),
    )
    kind = models.CharField(_("samtycke till"), max_length=20, choices=ConsentKind.choices)
    granted = models.BooleanField(_("givet"))
    policy_version = models.CharField(_("integritetspolicyns version"), max_length=20)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        state = "granted" if self.granted else "withdrawn"
        return f"{self.kind} {state} ({self.policy_version})"


class DeletionLog(models.Model):
    """That an account was deleted and what was anonymised; deliberately no personal data."""

    deleted_at = models.DateTimeField(_("raderat"), auto_now_add=True)
    anonymised_commitments = models.PositiveIntegerField(_("anonymiserade anmälningar"), default=0)
    removed_memberships = models.PositiveIntegerField(_("borttagna medlemskap"), default=0)

    def __str__(self) -> str:
        return f"Account deleted {self.deleted_at:%Y-%m-%d %H:%M}"
