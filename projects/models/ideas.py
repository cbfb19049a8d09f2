"""Ideas: what citizens answer a challenge with, and everything hanging off one idea.

An idea is a plain model linked to the challenge page (never a Wagtail page), like a
commitment: it always attaches to the page in the default language, so the Swedish and the
English page show the same ideas. Writes go through projects/services/ideas.py, reads through
projects/selectors/ideas.py, rules in projects/permissions.py.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from people.storage import private_storage


class IdeaStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inskickad")
    PUBLISHED = "published", _("Publicerad")
    RETURNED = "returned", _("Tillbaka hos förslagsställaren")
    DECLINED = "declined", _("Avböjd")
    SHORTLISTED = "shortlisted", _("Utvald")
    MERGED = "merged", _("Sammanslagen")
    ARCHIVED = "archived", _("Arkiverad")


# Statuses anyone may see (unless moderation hides the idea); the rest only authors and staff.
PUBLIC_STATUSES = frozenset(
    {IdeaStatus.PUBLISHED, IdeaStatus.SHORTLISTED, IdeaStatus.MERGED, IdeaStatus.ARCHIVED}
)
# Statuses that collect support and appear in lists by default.
ACTIVE_STATUSES = frozenset({IdeaStatus.PUBLISHED, IdeaStatus.SHORTLISTED})
# The author may still change the text: nobody on the team has reviewed it yet.
EDITABLE_STATUSES = frozenset({IdeaStatus.DRAFT, IdeaStatus.SUBMITTED, IdeaStatus.RETURNED})


class Moderation(models.TextChoices):
    NONE = "", _("Ingen")
    PENDING = "pending", _("Dold i väntan på moderator")
    HIDDEN = "hidden", _("Dold av moderator")
    RESTORED = "restored", _("Återställd av moderator")


HIDDEN_MODERATION = frozenset({Moderation.PENDING, Moderation.HIDDEN})


class IdeaTag(TaggedItemBase):
    """Free tags from the shared taggit vocabulary (the same words as people's skills)."""

    content_object = models.ForeignKey(
        "projects.Idea", on_delete=models.CASCADE, related_name="tag_items"
    )


class Idea(models.Model):
    challenge = models.ForeignKey(
        "challenges.ChallengePage",
        on_delete=models.CASCADE,
        related_name="ideas",
        verbose_name=_("utmaning"),
    )
    # SET_NULL: deleting an account keeps a published idea as "Borttagen användare".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        verbose_name=_("förslagsställare"),
    )
    title = models.CharField(_("rubrik"), max_length=140)
    summary = models.TextField(_("sammanfattning"), max_length=400)
    # Sanitised HTML (a small subset, see projects/text.py); never store what was typed raw.
    description = models.TextField(_("beskrivning"), max_length=20000, blank=True)
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("teman"), blank=True, related_name="ideas"
    )
    districts = models.ManyToManyField(
        "taxonomy.District", verbose_name=_("stadsdelar"), blank=True, related_name="ideas"
    )
    tags = TaggableManager(
        _("taggar"),
        through=IdeaTag,
        blank=True,
        related_name="ideas_with_tag",
        help_text=_("Ord eller korta fraser, åtskilda med kommatecken."),
    )
    # Re-encoded on upload (people/images.py): EXIF gone, a random name, bounded size. Kept
    # outside MEDIA_ROOT: a draft's image is served only to those who may see the draft
    # (projects.views.files.idea_image); templates use `image_url`, never `image.url`.
    image = models.ImageField(
        _("bild"), upload_to="ideas/", blank=True, width_field="image_width",
        height_field="image_height", storage=private_storage,
    )  # fmt: skip
    image_width = models.PositiveIntegerField(
        _("bildens bredd"), null=True, blank=True, editable=False
    )
    image_height = models.PositiveIntegerField(
        _("bildens höjd"), null=True, blank=True, editable=False
    )
    image_alt = models.CharField(_("bildbeskrivning"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=IdeaStatus.choices, default=IdeaStatus.DRAFT
    )
    status_reason = models.TextField(_("motivering"), max_length=2000, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
        verbose_name=_("sammanslagen med"),
    )
    moderation = models.CharField(
        _("moderering"), max_length=10, choices=Moderation.choices, default="", blank=True
    )
    moderation_reason = models.TextField(_("moderatorns motivering"), max_length=2000, blank=True)
    # Kept in step by the services, so sorting 1,000 ideas needs no aggregate.
    support_count = models.PositiveIntegerField(_("stöd"), default=0)
    # Filled by the threads issue; sorting "most discussed" already uses it.
    comment_count = models.PositiveIntegerField(_("kommentarer"), default=0)
    language = models.CharField(_("språk"), max_length=10, default="sv", editable=False)
    # A one-time key from the propose form: a double-clicked submit finds the idea the first
    # click made instead of making a second one (unique per author, enforced by the database).
    client_token = models.CharField(_("formulärnyckel"), max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)

    class Meta:
        verbose_name = _("idé")
        verbose_name_plural = _("idéer")
        ordering = ["-created_at", "-pk"]
        # In the order of the list's sorts (selectors.ideas.SORTS), so a page of a challenge's
        # ideas is read in index order and stops after the page instead of sorting them all.
        indexes = [
            models.Index(fields=["challenge", "-published_at", "-id"], name="idea_list_newest"),
            models.Index(
                fields=["challenge", "-support_count", "-published_at", "-id"],
                name="idea_list_most_support",
            ),
            models.Index(
                fields=["challenge", "-comment_count", "-published_at", "-id"],
                name="idea_list_most_discussed",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"],
                condition=~Q(client_token=""),
                name="one_idea_per_form_token",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES and self.moderation not in HIDDEN_MODERATION

    @property
    def image_url(self) -> str:
        """The permission-checked address of the image; the version changes with the file,
        so a browser may keep a public idea's image for long."""
        if not self.image:
            return ""
        from django.urls import reverse

        version = hashlib.sha256(self.image.name.encode()).hexdigest()[:12]
        return f"{reverse('projects:idea_image', args=[self.pk])}?v={version}"

    @property
    def author_name(self) -> str:
        if self.author_id is None:
            return str(_("Borttagen användare"))
        profile = getattr(self.author, "profile", None)
        return profile.display_name if profile else str(_("Medlem"))


class CoAuthorStatus(models.TextChoices):
    INVITED = "invited", _("Inbjuden")
    ACCEPTED = "accepted", _("Medförfattare")
    DECLINED = "declined", _("Tackade nej")


class IdeaCoAuthor(models.Model):
    """Invited by the author; shown on the idea only once accepted."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="coauthors", verbose_name=_("idé")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_coauthorships",
        verbose_name=_("konto"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CoAuthorStatus.choices, default=CoAuthorStatus.INVITED
    )
    invited_at = models.DateTimeField(_("inbjuden"), auto_now_add=True)
    answered_at = models.DateTimeField(_("svarade"), null=True, blank=True)

    class Meta:
        verbose_name = _("medförfattare")
        verbose_name_plural = _("medförfattare")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_coauthorship_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id} ({self.status})"


def attachment_path(instance: IdeaAttachment, filename: str) -> str:
    # `filename` is already random (projects/attachments.py); the person's name is `name`.
    return f"idea-attachments/{filename}"


class IdeaAttachment(models.Model):
    """A file added to an idea by its authors, kept outside MEDIA_ROOT and served only by
    projects.views.files.attachment to those who may see the idea."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("idé")
    )
    file = models.FileField(
        _("fil"), upload_to=attachment_path, storage=private_storage, max_length=200
    )
    # The original file name, cleaned (projects/attachments.display_name); shown escaped.
    name = models.CharField(_("filnamn"), max_length=140)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveBigIntegerField(_("storlek"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tillagd"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        from ..attachments import type_label

        return type_label(self.content_type)


class IdeaSupport(models.Model):
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="supports", verbose_name=_("idé")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_supports",
        verbose_name=_("konto"),
    )
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("stöd")
        verbose_name_plural = _("stöd")
        constraints = [
            # The rule "one support per person" lives in the database: two clicks racing in two
            # workers cannot both insert.
            models.UniqueConstraint(fields=["idea", "user"], name="one_support_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.idea_id}"


class IdeaFollow(models.Model):
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="follows", verbose_name=_("idé")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_follows",
        verbose_name=_("konto"),
    )
    created_at = models.DateTimeField(_("följer sedan"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_idea_follow_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows idea {self.idea_id}"


class ChallengeFollow(models.Model):
    challenge = models.ForeignKey(
        "challenges.ChallengePage",
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("utmaning"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="challenge_follows",
        verbose_name=_("konto"),
    )
    created_at = models.DateTimeField(_("följer sedan"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user"], name="one_challenge_follow_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows challenge {self.challenge_id}"


class EventKind(models.TextChoices):
    CREATED = "created", _("Skapad som utkast")
    EDITED = "edited", _("Ändrad")
    SUBMITTED = "submitted", _("Inskickad")
    PUBLISHED = "published", _("Publicerad")
    RETURNED = "returned", _("Skickad tillbaka")
    DECLINED = "declined", _("Avböjd")
    SHORTLISTED = "shortlisted", _("Utvald")
    MERGED = "merged", _("Sammanslagen")
    ARCHIVED = "archived", _("Arkiverad")
    COAUTHOR_INVITED = "coauthor_invited", _("Medförfattare inbjuden")
    COAUTHOR_ACCEPTED = "coauthor_accepted", _("Medförfattare tackade ja")
    COAUTHOR_DECLINED = "coauthor_declined", _("Medförfattare tackade nej")
    HIDDEN_BY_FLAGS = "hidden_by_flags", _("Dold efter flera anmälningar")
    HIDDEN = "hidden", _("Dold av moderator")
    RESTORED = "restored", _("Återställd av moderator")


class IdeaEvent(models.Model):
    """The history of an idea: who did what, when and why. Authors and the team read it."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="events", verbose_name=_("idé")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("utförd av"),
    )
    kind = models.CharField(_("händelse"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(_("från status"), max_length=12, blank=True)
    to_status = models.CharField(_("till status"), max_length=12, blank=True)
    reason = models.TextField(_("motivering"), blank=True)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.kind}"


class FlagReason(models.TextChoices):
    OFFENSIVE = "offensive", _("Kränkande eller hatiskt")
    PERSONAL = "personal", _("Innehåller personuppgifter om någon annan")
    SPAM = "spam", _("Reklam eller skräp")
    OTHER = "other", _("Något annat")


class IdeaFlag(models.Model):
    """One person's report that an idea breaks the rules; one per person and idea."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="flags", verbose_name=_("idé")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_flags",
        verbose_name=_("anmäld av"),
    )
    reason = models.CharField(_("skäl"), max_length=12, choices=FlagReason.choices)
    comment = models.TextField(_("kommentar"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("anmäld"), auto_now_add=True)
    # Set when a moderator decides; a later flag after a restore starts a new count.
    resolved_at = models.DateTimeField(_("avgjord"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_flag_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"flag {self.idea_id} by {self.user_id}"
