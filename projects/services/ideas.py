"""Writes for ideas: propose, edit, submit, the team's decisions, co-authors, support, follow,
flags and moderation. Keyword-only, typed, atomic; one `IdeaError` whose message is fit to
show the user. Every change leaves an `IdeaEvent` (who, when, why).

Notifications (notifications/) and e-mails leave only after commit, through the
notifications service and `umecom.events`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from challenges.models import ChallengePage
from challenges.phases import STATUS_RANK, ChallengeStatus
from challenges.selectors import status_annotation
from people.models import User
from umecom.events import delete_files_on_commit, forget_cached_on_commit
from umecom.notifications.services import actor_payload, notify

from .. import permissions
from ..attachments import CheckedFile, max_count
from ..models import (
    ACTIVE_STATUSES,
    EDITABLE_STATUSES,
    HIDDEN_MODERATION,
    ChallengeFollow,
    CoAuthorStatus,
    EventKind,
    FlagReason,
    Idea,
    IdeaAttachment,
    IdeaCoAuthor,
    IdeaEvent,
    IdeaFlag,
    IdeaFollow,
    IdeaStatus,
    IdeaSupport,
    Moderation,
)
from ..selectors.ideas import followed_challenges_key
from ..text import plain_text, sanitise_description

SUPPORT_MILESTONES = (10, 25, 50, 100, 250, 500, 1000)


class IdeaError(Exception):
    """A rule was broken; `str(error)` is a message fit to show the user."""


# --- helpers ----------------------------------------------------------------------------------


def _event(idea: Idea, *, actor: User | None, kind: str, reason: str = "", frm: str = "") -> None:
    IdeaEvent.objects.create(
        idea=idea,
        actor=actor,
        kind=kind,
        from_status=frm,
        to_status=idea.status,
        reason=reason,
    )


def _authors(idea: Idea) -> list[User]:
    people = [idea.author] if idea.author_id else []
    people += [
        c.user
        for c in idea.coauthors.filter(status=CoAuthorStatus.ACCEPTED).select_related(
            "user__profile"
        )
    ]
    return people


def _payload(idea: Idea, **extra) -> dict:
    return {"idea": idea.pk, "title": idea.title, **extra}


def _lock(idea: Idea) -> Idea:
    # of=("self",): PostgreSQL cannot lock the nullable side of the joins, and needs not to.
    return (
        Idea.objects.select_for_update(of=("self",))
        .select_related("challenge", "author")
        .get(pk=idea.pk)
    )


def default_language_challenge(challenge: ChallengePage) -> ChallengePage:
    """Ideas attach to the page in the default language, like commitments do."""
    if challenge.locale.language_code == settings.LANGUAGE_CODE:
        return challenge
    original = (
        ChallengePage.objects.filter(
            translation_key=challenge.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .live()
        .first()
    )
    return original or challenge


def _clean_text(title: str, summary: str) -> tuple[str, str]:
    title = " ".join(plain_text(title).split())
    summary = plain_text(summary)
    if not title:
        raise IdeaError(_("Ge idén en rubrik."))
    if not summary:
        raise IdeaError(_("Skriv en kort sammanfattning av idén."))
    return title[:140], summary[:400]


def _set_relations(idea: Idea, *, themes, districts, tags) -> None:
    if themes is not None:
        idea.themes.set(list(themes))
    if districts is not None:
        idea.districts.set(list(districts))
    if tags is not None:
        idea.tags.set([t for t in tags if t], clear=True)


def _add_attachments(idea: Idea, files: Iterable[CheckedFile], *, by: User) -> list[str]:
    """Store checked files on the idea (caller holds the idea's row lock or created it);
    returns the stored names, so a caller that fails afterwards can remove them."""
    files = list(files or [])
    if not files:
        return []
    _check_room(idea, adding=len(files))
    stored = []
    for checked in files:
        attachment = IdeaAttachment(
            idea=idea,
            name=checked.display_name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=by,
        )
        checked.upload.seek(0)
        attachment.file.save(checked.storage_name(), checked.upload, save=False)
        stored.append(attachment.file.name)
        attachment.save()
    return stored


def _check_room(idea: Idea, *, adding: int, removing: Iterable[int] = ()) -> None:
    if not adding:
        return
    kept = IdeaAttachment.objects.filter(idea=idea).exclude(pk__in=list(removing)).count()
    if kept + adding > max_count():
        raise IdeaError(
            _("En idé kan ha högst %(max)s bilagor. Ta bort någon innan du lägger till fler.")
            % {"max": max_count()}
        )


def _remove_attachments(idea: Idea, ids: Iterable[int]) -> int:
    doomed = list(IdeaAttachment.objects.filter(idea=idea, pk__in=list(ids or [])))
    if not doomed:
        return 0
    IdeaAttachment.objects.filter(pk__in=[a.pk for a in doomed]).delete()
    delete_files_on_commit(doomed[0].file.storage, *(a.file.name for a in doomed))
    return len(doomed)


def _delete_stored(names: list[str]) -> None:
    storage = IdeaAttachment._meta.get_field("file").storage
    for name in names:
        with contextlib.suppress(OSError):
            storage.delete(name)


# --- proposing and editing -----------------------------------------------------------------


def idea_create(
    *,
    challenge: ChallengePage,
    author: User,
    title: str,
    summary: str,
    description: str = "",
    themes: Iterable | None = None,
    districts: Iterable | None = None,
    tags: Iterable[str] | None = None,
    image: ContentFile | None = None,
    image_alt: str = "",
    language: str = "sv",
    client_token: str = "",
    submit: bool = False,
    attachments: Iterable[CheckedFile] = (),
) -> Idea:
    """A new draft (or, with `submit`, an idea sent straight to the team).

    With a `client_token`, a second call with the same token (a double-clicked button)
    returns the idea the first call made.
    """
    challenge = default_language_challenge(challenge)
    client_token = (client_token or "")[:40]
    if client_token:
        existing = Idea.objects.filter(author=author, client_token=client_token).first()
        if existing is not None:
            return existing
    if not permissions.challenge_open_for_ideas(challenge):
        raise IdeaError(_("Utmaningen tar inte emot nya idéer längre."))
    title, summary = _clean_text(title, summary)
    idea = Idea(
        challenge=challenge,
        author=author,
        title=title,
        summary=summary,
        description=sanitise_description(description),
        image_alt=plain_text(image_alt)[:200],
        language=(language or "sv")[:10],
        client_token=client_token,
    )
    stored: list[str] = []
    try:
        with transaction.atomic():
            if image is not None:
                idea.image.save(image.name, image, save=False)
            idea.save()
            _set_relations(idea, themes=themes, districts=districts, tags=tags)
            stored = _add_attachments(idea, attachments, by=author)
            _event(idea, actor=author, kind=EventKind.CREATED)
            IdeaFollow.objects.get_or_create(idea=idea, user=author)
            if submit:
                _submit(idea, by=author)
    except (IntegrityError, IdeaError) as error:
        # Nothing was saved: the files written meanwhile must not stay behind.
        _delete_stored(stored + ([idea.image.name] if image is not None and idea.image else []))
        if isinstance(error, IdeaError):
            raise
        # The same token raced in from a second click: the first click's idea is the one.
        existing = Idea.objects.filter(author=author, client_token=client_token).first()
        if client_token and existing is not None:
            return existing
        raise
    return idea


@transaction.atomic
def idea_update(
    *,
    idea: Idea,
    by: User,
    title: str,
    summary: str,
    description: str = "",
    themes: Iterable | None = None,
    districts: Iterable | None = None,
    tags: Iterable[str] | None = None,
    image: ContentFile | None = None,
    remove_image: bool = False,
    image_alt: str | None = None,
    attachments: Iterable[CheckedFile] = (),
    remove_attachments: Iterable[int] = (),
) -> Idea:
    idea = _lock(idea)
    if idea.status not in EDITABLE_STATUSES:
        raise IdeaError(_("Idén är redan granskad och kan inte ändras längre."))
    if not permissions.is_author(by, idea):
        raise IdeaError(_("Bara idéns författare kan ändra den."))
    attachments, remove_attachments = list(attachments or []), list(remove_attachments or [])
    # Before any file is written: a refusal must leave nothing behind.
    _check_room(idea, adding=len(attachments), removing=remove_attachments)
    idea.title, idea.summary = _clean_text(title, summary)
    idea.description = sanitise_description(description)
    if image_alt is not None:
        idea.image_alt = plain_text(image_alt)[:200]
    old_image = idea.image.name if idea.image else ""
    if image is not None:
        idea.image.save(image.name, image, save=False)
    elif remove_image:
        idea.image = ""
    idea.save()
    if old_image and old_image != (idea.image.name or ""):
        delete_files_on_commit(idea.image.storage, old_image)
    _set_relations(idea, themes=themes, districts=districts, tags=tags)
    _remove_attachments(idea, remove_attachments)
    _add_attachments(idea, attachments, by=by)
    _event(idea, actor=by, kind=EventKind.EDITED, frm=idea.status)
    return idea


@transaction.atomic
def attachment_delete(*, attachment: IdeaAttachment, by: User) -> None:
    """An author removes one attachment while the idea may still be edited."""
    idea = _lock(attachment.idea)
    if not permissions.can_edit_idea(by, idea):
        raise IdeaError(_("Bilagor kan bara tas bort medan idén går att ändra."))
    _remove_attachments(idea, [attachment.pk])


def _submit(idea: Idea, *, by: User) -> None:
    if idea.status not in (IdeaStatus.DRAFT, IdeaStatus.RETURNED):
        raise IdeaError(_("Idén är redan inskickad."))
    if not permissions.challenge_open_for_ideas(idea.challenge):
        raise IdeaError(_("Utmaningen tar inte emot nya idéer längre."))
    before = idea.status
    idea.status = IdeaStatus.SUBMITTED
    idea.submitted_at = timezone.now()
    idea.status_reason = ""
    idea.save(update_fields=["status", "submitted_at", "status_reason", "updated_at"])
    _event(idea, actor=by, kind=EventKind.SUBMITTED, frm=before)


@transaction.atomic
def idea_submit(*, idea: Idea, by: User) -> Idea:
    idea = _lock(idea)
    if not permissions.is_author(by, idea):
        raise IdeaError(_("Bara idéns författare kan skicka in den."))
    _submit(idea, by=by)
    return idea


@transaction.atomic
def idea_delete_draft(*, idea: Idea, by: User) -> None:
    idea = _lock(idea)
    if not permissions.can_delete_idea(by, idea):
        raise IdeaError(_("Bara ett utkast kan tas bort."))
    if idea.image:
        delete_files_on_commit(idea.image.storage, idea.image.name)
    files = list(idea.attachments.values_list("file", flat=True))
    idea.delete()
    delete_files_on_commit(IdeaAttachment._meta.get_field("file").storage, *files)


# --- the innovation team's decisions -----------------------------------------------------------

# action → (allowed from, new status, reason required, history kind)
TRANSITIONS: dict[str, tuple[frozenset, str, bool, str]] = {
    "publish": (frozenset({IdeaStatus.SUBMITTED}), IdeaStatus.PUBLISHED, False, "published"),
    "return": (frozenset({IdeaStatus.SUBMITTED}), IdeaStatus.RETURNED, True, "returned"),
    "decline": (frozenset({IdeaStatus.SUBMITTED}), IdeaStatus.DECLINED, True, "declined"),
    "shortlist": (frozenset({IdeaStatus.PUBLISHED}), IdeaStatus.SHORTLISTED, False, "shortlisted"),
    "archive": (frozenset(ACTIVE_STATUSES), IdeaStatus.ARCHIVED, False, "archived"),
}


@transaction.atomic
def idea_transition(*, idea: Idea, by: User, action: str, reason: str = "") -> Idea:
    if action not in TRANSITIONS:
        raise IdeaError(_("Okänd åtgärd."))
    if not permissions.can_review_idea(by):
        raise IdeaError(_("Bara innovationsteamet kan granska idéer."))
    allowed_from, new_status, needs_reason, kind = TRANSITIONS[action]
    idea = _lock(idea)
    if idea.status not in allowed_from:
        raise IdeaError(
            _("”%(title)s” har status %(status)s och kan inte få den här åtgärden.")
            % {"title": idea.title, "status": idea.get_status_display().lower()}
        )
    reason = plain_text(reason)[:2000]
    if needs_reason and not reason:
        raise IdeaError(_("Skriv en motivering som förslagsställaren får läsa."))
    _change_status(idea, to=new_status, kind=kind, by=by, reason=reason)
    return idea


def _change_status(idea: Idea, *, to: str, kind: str, by: User | None, reason: str) -> None:
    """Save a reviewed status change, keep it in the history and tell those who follow it.
    `by` is None when Umecom does it itself (archiving when a challenge completes)."""
    before = idea.status
    idea.status = to
    idea.status_reason = reason
    fields = ["status", "status_reason", "updated_at"]
    if to == IdeaStatus.PUBLISHED and idea.published_at is None:
        idea.published_at = timezone.now()
        fields.append("published_at")
    idea.save(update_fields=fields)
    _event(idea, actor=by, kind=kind, reason=reason, frm=before)
    notify(
        recipients=_authors(idea),
        kind="idea_status",
        payload=_payload(idea, status=to, reason=reason),
    )
    if to == IdeaStatus.PUBLISHED:
        _tell_challenge_followers(idea)
    elif to in (IdeaStatus.SHORTLISTED, IdeaStatus.ARCHIVED):
        _tell_idea_followers(idea, status=to)


@transaction.atomic
def archive_ideas_of_completed_challenges(*, today=None) -> int:
    """Archive the published and shortlisted ideas of every challenge whose phases are all
    over (`manage.py archive_ideas`, daily from cron). The history says nobody did it by hand
    (no actor); authors and followers hear of it as of any archiving. Returns how many."""
    today = today or timezone.localdate()
    completed = (
        ChallengePage.objects.annotate(**status_annotation(today))
        .filter(status_rank=STATUS_RANK[ChallengeStatus.COMPLETED])
        .values("pk")
    )
    ideas = list(
        Idea.objects.select_for_update(of=("self",))
        .filter(challenge__in=completed, status__in=ACTIVE_STATUSES)
        .select_related("challenge", "author__profile")
        .order_by("pk")
    )
    for idea in ideas:
        _change_status(idea, to=IdeaStatus.ARCHIVED, kind="archived", by=None, reason="")
    return len(ideas)


def _tell_idea_followers(idea: Idea, *, status: str) -> None:
    """People who follow someone else's idea hear when it is shortlisted or archived."""
    authors = {u.pk for u in _authors(idea)}
    followers = [
        f.user
        for f in IdeaFollow.objects.filter(idea=idea).select_related("user__profile")
        if f.user_id not in authors
    ]
    notify(recipients=followers, kind="followed_idea_status", payload=_payload(idea, status=status))


def _tell_challenge_followers(idea: Idea) -> None:
    authors = {u.pk for u in _authors(idea)}
    followers = [
        f.user
        for f in ChallengeFollow.objects.filter(challenge=idea.challenge).select_related(
            "user__profile"
        )
        if f.user_id not in authors
    ]
    notify(
        recipients=followers,
        kind="challenge_new_idea",
        payload=_payload(idea, challenge=idea.challenge_id, challenge_title=idea.challenge.title),
    )


@transaction.atomic
def idea_merge(*, idea: Idea, into: Idea, by: User, reason: str = "") -> Idea:
    """Merge `idea` into `into`: its supporters and followers carry over (once each)."""
    if not permissions.can_review_idea(by):
        raise IdeaError(_("Bara innovationsteamet kan granska idéer."))
    idea, into = _lock(idea), _lock(into)
    if idea.pk == into.pk:
        raise IdeaError(_("En idé kan inte slås samman med sig själv."))
    if idea.challenge_id != into.challenge_id:
        raise IdeaError(_("Bara idéer i samma utmaning kan slås samman."))
    if idea.status not in ACTIVE_STATUSES or into.status not in ACTIVE_STATUSES:
        raise IdeaError(_("Bara publicerade idéer kan slås samman."))
    into_authors = {u.pk for u in _authors(into)}
    have = set(IdeaSupport.objects.filter(idea=into).values_list("user_id", flat=True))
    IdeaSupport.objects.bulk_create(
        [
            IdeaSupport(idea=into, user_id=uid)
            for uid in IdeaSupport.objects.filter(idea=idea).values_list("user_id", flat=True)
            if uid not in have and uid not in into_authors
        ],
        ignore_conflicts=True,
    )
    following = set(IdeaFollow.objects.filter(idea=into).values_list("user_id", flat=True))
    IdeaFollow.objects.bulk_create(
        [
            IdeaFollow(idea=into, user_id=uid)
            for uid in IdeaFollow.objects.filter(idea=idea).values_list("user_id", flat=True)
            if uid not in following
        ],
        ignore_conflicts=True,
    )
    into.support_count = IdeaSupport.objects.filter(idea=into).count()
    into.save(update_fields=["support_count"])
    before = idea.status
    idea.status = IdeaStatus.MERGED
    idea.merged_into = into
    idea.status_reason = plain_text(reason)[:2000]
    idea.save(update_fields=["status", "merged_into", "status_reason", "updated_at"])
    _event(idea, actor=by, kind=EventKind.MERGED, reason=idea.status_reason, frm=before)
    notify(
        recipients=_authors(idea),
        kind="idea_status",
        payload=_payload(idea, status=IdeaStatus.MERGED, reason=idea.status_reason),
    )
    return idea


# --- co-authors ------------------------------------------------------------------------------


@transaction.atomic
def coauthor_invite(*, idea: Idea, by: User, user: User) -> IdeaCoAuthor:
    if not permissions.can_invite_coauthor(by, idea):
        raise IdeaError(_("Bara den som skrev idén kan bjuda in medförfattare."))
    if user.pk == idea.author_id:
        raise IdeaError(_("Du är redan författare till idén."))
    if not user.is_active:
        raise IdeaError(_("Personen finns inte längre på Umecom."))
    invitation, created = IdeaCoAuthor.objects.get_or_create(idea=idea, user=user)
    if not created and invitation.status != CoAuthorStatus.DECLINED:
        raise IdeaError(_("Personen är redan inbjuden."))
    if not created:
        invitation.status = CoAuthorStatus.INVITED
        invitation.answered_at = None
        invitation.save(update_fields=["status", "answered_at"])
    _event(idea, actor=by, kind=EventKind.COAUTHOR_INVITED, frm=idea.status)
    notify(
        recipients=[user],
        kind="coauthor_invitation",
        payload=_payload(idea, **actor_payload(idea.author_id, idea.author_name)),
    )
    return invitation


@transaction.atomic
def coauthor_answer(*, idea: Idea, user: User, accept: bool) -> IdeaCoAuthor:
    invitation = (
        IdeaCoAuthor.objects.select_for_update()
        .filter(idea=idea, user=user, status=CoAuthorStatus.INVITED)
        .first()
    )
    if invitation is None:
        raise IdeaError(_("Det finns ingen inbjudan att svara på."))
    invitation.status = CoAuthorStatus.ACCEPTED if accept else CoAuthorStatus.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    idea.__dict__.pop("_accepted_coauthor_ids", None)
    if accept:
        IdeaFollow.objects.get_or_create(idea=idea, user=user)
        # A supporter who joins the authors no longer supports their own idea.
        if IdeaSupport.objects.filter(idea=idea, user=user).delete()[0]:
            Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") - 1)
    _event(
        idea,
        actor=user,
        kind=EventKind.COAUTHOR_ACCEPTED if accept else EventKind.COAUTHOR_DECLINED,
        frm=idea.status,
    )
    return invitation


# --- support and follow ----------------------------------------------------------------------


def idea_support(*, idea: Idea, user: User) -> IdeaSupport:
    """One support per person: the database's unique constraint decides under concurrency."""
    if not permissions.can_support_idea(user, idea):
        raise IdeaError(_("Du kan inte stödja den här idén."))
    try:
        with transaction.atomic():
            support = IdeaSupport.objects.create(idea=idea, user=user)
            Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
            count = Idea.objects.filter(pk=idea.pk).values_list("support_count", flat=True)[0]
            if count in SUPPORT_MILESTONES:
                notify(
                    recipients=_authors(idea),
                    kind="support_milestone",
                    payload=_payload(idea, count=count),
                )
    except IntegrityError as exc:
        raise IdeaError(_("Du stöder redan den här idén.")) from exc
    idea.support_count = count
    return support


@transaction.atomic
def idea_unsupport(*, idea: Idea, user: User) -> bool:
    deleted, _detail = IdeaSupport.objects.filter(idea=idea, user=user).delete()
    if deleted:
        Idea.objects.filter(pk=idea.pk, support_count__gt=0).update(
            support_count=F("support_count") - 1
        )
    return bool(deleted)


def idea_follow(*, idea: Idea, user: User, follow: bool = True) -> bool:
    if follow:
        if not permissions.can_follow_idea(user, idea):
            raise IdeaError(_("Du kan inte följa den här idén."))
        IdeaFollow.objects.get_or_create(idea=idea, user=user)
        return True
    IdeaFollow.objects.filter(idea=idea, user=user).delete()
    return False


def challenge_follow(*, challenge: ChallengePage, user: User, follow: bool = True) -> bool:
    challenge = default_language_challenge(challenge)
    forget_cached_on_commit(followed_challenges_key(user.pk))
    if follow:
        ChallengeFollow.objects.get_or_create(challenge=challenge, user=user)
        return True
    ChallengeFollow.objects.filter(challenge=challenge, user=user).delete()
    return False


# --- flags and moderation --------------------------------------------------------------------


def flag_threshold() -> int:
    return max(1, int(getattr(settings, "IDEA_FLAG_THRESHOLD", 3)))


@transaction.atomic
def idea_flag(*, idea: Idea, user: User, reason: str, comment: str = "") -> IdeaFlag:
    """Report an idea; after `IDEA_FLAG_THRESHOLD` open reports it is hidden for a moderator."""
    if not permissions.can_flag_idea(user, idea):
        raise IdeaError(_("Du kan inte anmäla den här idén."))
    if reason not in FlagReason.values:
        raise IdeaError(_("Välj ett skäl till anmälan."))
    idea = _lock(idea)
    if IdeaFlag.objects.filter(idea=idea, user=user, resolved_at__isnull=True).exists():
        raise IdeaError(_("Du har redan anmält den här idén. En moderator tittar på den."))
    flag = IdeaFlag.objects.create(
        idea=idea, user=user, reason=reason, comment=plain_text(comment)[:1000]
    )
    open_flags = IdeaFlag.objects.filter(idea=idea, resolved_at__isnull=True).count()
    if open_flags >= flag_threshold() and idea.moderation not in HIDDEN_MODERATION:
        idea.moderation = Moderation.PENDING
        idea.save(update_fields=["moderation", "updated_at"])
        _event(idea, actor=None, kind=EventKind.HIDDEN_BY_FLAGS, frm=idea.status)
    return flag


@transaction.atomic
def idea_moderate(*, idea: Idea, by: User, hide: bool, reason: str) -> Idea:
    """A moderator's decision on a flagged idea; the reason is shown to the authors."""
    if not permissions.can_moderate_idea(by):
        raise IdeaError(_("Bara moderatorer kan dölja eller återställa idéer."))
    reason = plain_text(reason)[:2000]
    if not reason:
        raise IdeaError(_("Skriv en motivering som förslagsställaren får läsa."))
    idea = _lock(idea)
    idea.moderation = Moderation.HIDDEN if hide else Moderation.RESTORED
    idea.moderation_reason = reason
    idea.save(update_fields=["moderation", "moderation_reason", "updated_at"])
    IdeaFlag.objects.filter(idea=idea, resolved_at__isnull=True).update(resolved_at=timezone.now())
    _event(
        idea,
        actor=by,
        kind=EventKind.HIDDEN if hide else EventKind.RESTORED,
        reason=reason,
        frm=idea.status,
    )
    notify(
        recipients=_authors(idea),
        kind="idea_moderated",
        payload=_payload(idea, hidden=hide, reason=reason),
    )
    return idea
