"""Project teams: what a shortlisted idea (or the innovation team) turns into.

A project hangs off a challenge page like an idea does (always the default-language page).
People join it as lead, member or mentor; organisations as partners, each through a yes from
the organisation's administrator. Writes go through projects/services/teams.py, reads through
projects/selectors/teams.py, rules in projects/permissions_teams.py. Every change leaves a
ProjectEvent, the project's history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

TAG_HELP = _("Ord eller korta fraser, åtskilda med kommatecken.")


class ProjectStatus(models.TextChoices):
    FORMING = "forming", _("Bildas")
    ACTIVE = "active", _("Pågår")
    PAUSED = "paused", _("Pausat")
    COMPLETED = "completed", _("Avslutat")


# Projects that take a person's time: counted against UMECOM_MAX_ACTIVE_PROJECTS.
LIVE_PROJECT_STATUSES = (ProjectStatus.FORMING, ProjectStatus.ACTIVE)


class ProjectVisibility(models.TextChoices):
    PUBLIC = "public", _("Öppen för alla")
    TEAM = "team", _("Bara teamet")


class ProjectSkill(TaggedItemBase):
    """Needed skills, from the shared taggit vocabulary (the words of people's skills)."""

    content_object = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="skill_items"
    )


class Project(models.Model):
    challenge = models.ForeignKey(
        "challenges.ChallengePage",
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("utmaning"),
    )
    # SET_NULL: an idea archived or deleted later leaves the project standing.
    idea = models.OneToOneField(
        "projects.Idea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project",
        verbose_name=_("idé"),
    )
    title = models.CharField(_("namn"), max_length=140)
    goal = models.TextField(_("mål"), max_length=600)
    # Sanitised HTML (projects/text.py), like Idea.description; never what was typed raw.
    description = models.TextField(_("beskrivning"), max_length=20000, blank=True)
    needed_skills = TaggableManager(
        _("kompetenser som behövs"),
        through=ProjectSkill,
        blank=True,
        related_name="projects_needing",
        help_text=TAG_HELP,
    )
    # {"researcher": 1, "association": 1}: at least that many of each actor type.
    wanted_actor_mix = models.JSONField(
        _("önskad blandning av aktörer"),
        default=dict,
        blank=True,
        help_text=_("Minsta antal per aktörstyp, till exempel minst en forskare."),
    )
    districts = models.ManyToManyField(
        "taxonomy.District", verbose_name=_("stadsdelar"), blank=True, related_name="projects"
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("teman"), blank=True, related_name="projects"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.FORMING
    )
    visibility = models.CharField(
        _("vem ser teamets sidor"),
        max_length=10,
        choices=ProjectVisibility.choices,
        default=ProjectVisibility.PUBLIC,
    )
    max_team_size = models.PositiveSmallIntegerField(_("största antal i teamet"), default=8)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("skapat av"),
    )
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["challenge", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_PROJECT_STATUSES


class ProjectRoleSkill(TaggedItemBase):
    content_object = models.ForeignKey(
        "projects.ProjectRole", on_delete=models.CASCADE, related_name="skill_items"
    )


class ProjectRole(models.Model):
    """An open place in the team that people can ask to fill."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="roles", verbose_name=_("projekt")
    )
    title = models.CharField(_("roll"), max_length=120)
    description = models.TextField(_("beskrivning"), max_length=600, blank=True)
    skills = TaggableManager(
        _("kompetenser"),
        through=ProjectRoleSkill,
        blank=True,
        related_name="project_roles_needing",
        help_text=TAG_HELP,
    )
    hours_per_month = models.PositiveSmallIntegerField(_("timmar per månad"), null=True, blank=True)
    is_open = models.BooleanField(_("öppen"), default=True)
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tillsatt av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("roll i projekt")
        verbose_name_plural = _("roller i projekt")
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return self.title


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Projektledare")
    MEMBER = "member", _("Medlem")
    MENTOR = "mentor", _("Mentor")


class ProjectMembership(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("projekt")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="project_memberships",
        verbose_name=_("konto"),
    )
    role = models.CharField(
        _("roll i teamet"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    project_role = models.ForeignKey(
        ProjectRole,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        verbose_name=_("uppdrag"),
    )
    joined_at = models.DateTimeField(_("med sedan"), auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskap i projekt")
        verbose_name_plural = _("medlemskap i projekt")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_membership_per_person"),
            # Exactly one lead at most: a hand-over swaps roles inside one transaction.
            models.UniqueConstraint(
                fields=["project"], condition=Q(role="lead"), name="one_lead_per_project"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.project_id} ({self.role})"


class PartnerStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på svar")
    ACCEPTED = "accepted", _("Partner")
    DECLINED = "declined", _("Tackade nej")


class ProjectPartner(models.Model):
    """An organisation in the project, linked to its commitment to the challenge. Nobody is a
    partner without a yes: the organisation's administrator answers when the project asked,
    the lead (or the innovation team) when the organisation offered."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("projekt")
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.CASCADE,
        related_name="project_partnerships",
        verbose_name=_("organisation"),
    )
    commitment = models.ForeignKey(
        "people.Commitment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_partnerships",
        verbose_name=_("anmälan till utmaningen"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PartnerStatus.choices, default=PartnerStatus.PENDING
    )
    offered_by_organisation = models.BooleanField(_("organisationen erbjöd sig"), default=False)
    message = models.TextField(_("meddelande"), max_length=1000, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("föreslagen av"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("besvarad av"),
    )
    decided_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("partnerorganisation")
        verbose_name_plural = _("partnerorganisationer")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="one_partnership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.project_id} ({self.status})"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på svar")
    ACCEPTED = "accepted", _("Accepterad")
    DECLINED = "declined", _("Avböjd")
    WITHDRAWN = "withdrawn", _("Återkallad")
    # Closed without an answer: the project ended, the team filled up, the role closed.
    EXPIRED = "expired", _("Inte längre aktuell")


class JoinRequest(models.Model):
    """Someone asks to join, usually for an open role; the lead answers."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("projekt")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="project_join_requests",
        verbose_name=_("konto"),
    )
    role = models.ForeignKey(
        ProjectRole,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="join_requests",
        verbose_name=_("roll"),
    )
    message = models.TextField(_("meddelande"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("besvarad av"),
    )
    decided_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)

    class Meta:
        verbose_name = _("förfrågan om att gå med")
        verbose_name_plural = _("förfrågningar om att gå med")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=Q(status="pending"),
                name="one_pending_join_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} asks {self.project_id} ({self.status})"


class ProjectInvitation(models.Model):
    """The lead invites someone who allows invitations (Profile.invitable_to_teams)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("projekt")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="project_invitations",
        verbose_name=_("inbjuden"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("inbjuden av"),
    )
    role = models.ForeignKey(
        ProjectRole,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        verbose_name=_("roll"),
    )
    member_role = models.CharField(
        _("roll i teamet"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    message = models.TextField(_("meddelande"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    via_suggestion = models.BooleanField(_("via ett förslag"), default=False)
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbjudan till projekt")
        verbose_name_plural = _("inbjudningar till projekt")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=Q(status="pending"),
                name="one_pending_project_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} invited to {self.project_id} ({self.status})"


class ProjectEventKind(models.TextChoices):
    CREATED = "created", _("Projektet startade")
    EDITED = "edited", _("Ändrat")
    STATUS_CHANGED = "status_changed", _("Ny status")
    JOINED = "joined", _("Gick med")
    LEFT = "left", _("Lämnade teamet")
    REQUEST_SENT = "request_sent", _("Bad om att få gå med")
    REQUEST_ACCEPTED = "request_accepted", _("Förfrågan accepterad")
    REQUEST_DECLINED = "request_declined", _("Förfrågan avböjd")
    REQUEST_WITHDRAWN = "request_withdrawn", _("Förfrågan återkallad")
    INVITED = "invited", _("Inbjuden")
    INVITATION_ACCEPTED = "invitation_accepted", _("Tackade ja till inbjudan")
    INVITATION_DECLINED = "invitation_declined", _("Tackade nej till inbjudan")
    INVITATION_WITHDRAWN = "invitation_withdrawn", _("Inbjudan återkallad")
    LEAD_HANDED_OVER = "lead_handed_over", _("Ny projektledare")
    ROLE_ADDED = "role_added", _("Ny öppen roll")
    ROLE_CLOSED = "role_closed", _("Roll stängd")
    PARTNER_PROPOSED = "partner_proposed", _("Partner föreslagen")
    PARTNER_ACCEPTED = "partner_accepted", _("Ny partnerorganisation")
    PARTNER_DECLINED = "partner_declined", _("Partner tackade nej")
    PARTNER_LEFT = "partner_left", _("Partner lämnade")


class ProjectEvent(models.Model):
    """The project's history: who did what to whom, when. The team and the innovation team read
    it; a team-only project's history is never shown to anyone else."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="events", verbose_name=_("projekt")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("utförd av"),
    )
    kind = models.CharField(_("händelse"), max_length=24, choices=ProjectEventKind.choices)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gäller"),
    )
    data = models.JSONField(_("uppgifter"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("händelse i projekt")
        verbose_name_plural = _("händelser i projekt")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.kind}"
