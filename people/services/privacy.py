"""The member's rights over their data: "Mina data" export and account deletion.

Every kind of personal data Umecom keeps is enumerated here, in `_sections`, so the export
and the deletion cannot drift apart. Apps above people/ (projects, ideas…) that store
personal data register their own export section with `register_export_section` from their
AppConfig.ready(); rows that simply go with the User use on_delete (CASCADE or SET_NULL), and
anything that needs more (delete drafts, recount supports) registers a deletion step with
`register_deletion_step`, which `account_delete` runs inside its transaction.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import (
    Commitment,
    CommitmentStatus,
    ConsentRecord,
    DeletionLog,
    MembershipRole,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    Profile,
    Visibility,
)
from umecom.events import delete_files_on_commit
from umecom.taxonomy.models import ActorType

ExportSection = Callable[..., object]
_extra_sections: dict[str, ExportSection] = {}


def register_export_section(name: str, exporter: ExportSection) -> None:
    """Let a higher app add `name: exporter(user=…)` to data.json (JSON-serialisable)."""
    _extra_sections[name] = exporter


DeletionStep = Callable[..., object]
_deletion_steps: dict[str, DeletionStep] = {}


def register_deletion_step(name: str, step: DeletionStep) -> None:
    """Let a higher app run `step(user=…)` in `account_delete`'s transaction, before the user
    row goes (so its rows can still be found by user)."""
    _deletion_steps[name] = step


def _value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _row(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict:
    """Every concrete column of a row; foreign keys as their readable name, not a bare id."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        if field.is_relation:
            related = getattr(obj, field.name)
            data[field.name] = str(related) if related is not None else None
        else:
            data[field.name] = _value(field.value_from_object(obj))
    return data


def _account(user) -> dict:
    # The password hash is a secret, not information about the person: leave it out.
    data = _row(user, exclude=("password",))
    data["groups"] = sorted(user.groups.values_list("name", flat=True))
    return data


def _email_addresses(user) -> list[dict]:
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def _social_accounts(user) -> list[dict]:
    return [
        {
            "provider": a.provider,
            "uid": a.uid,
            "date_joined": _value(a.date_joined),
            "last_login": _value(a.last_login),
            "extra_data": a.extra_data,
        }
        for a in SocialAccount.objects.filter(user=user).order_by("pk")
    ]


def _profile(user) -> dict | None:
    profile = (
        Profile.objects.filter(user=user)
        .prefetch_related("skills", "interests", "districts", "links")
        .first()
    )
    if profile is None:
        return None
    data = _row(profile, exclude=("user",))
    data["avatar"] = profile.avatar.name or None
    data["skills"] = sorted(t.name for t in profile.skills.all())
    data["interests"] = sorted(t.name for t in profile.interests.all())
    data["districts"] = sorted(d.name for d in profile.districts.all())
    data["links"] = [{"label": link.label, "url": link.url} for link in profile.links.all()]
    return data


def _consents(user) -> list[dict]:
    return [_row(c, exclude=("user",)) for c in ConsentRecord.objects.filter(user=user)]


def _memberships(user) -> list[dict]:
    return [
        {
            "organisation": m.organisation.name,
            "role": m.role,
            "created_at": _value(m.created_at),
        }
        for m in OrganisationMembership.objects.filter(user=user).select_related("organisation")
    ]


def _invitations(user) -> list[dict]:
    """Open invitations to the person's addresses: the address is theirs, so is the row."""
    addresses = [
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    ]
    rows = OrganisationInvitation.objects.filter(email__in=addresses).select_related("organisation")
    return [
        {
            "organisation": i.organisation.name,
            "email": i.email,
            "role": i.role,
            "created_at": _value(i.created_at),
            "expires_at": _value(i.expires_at),
        }
        for i in rows.order_by("created_at")
    ]


def _commitments(user) -> list[dict]:
    rows = Commitment.objects.filter(user=user).select_related(
        "challenge", "organisation", "decided_by"
    )
    # decided_by is a staff member: their identity is not the member's data.
    return [_row(c, exclude=("user", "decided_by")) for c in rows.order_by("created_at")]


_sections: dict[str, Callable] = {
    "account": _account,
    "email_addresses": _email_addresses,
    "social_accounts": _social_accounts,
    "profile": _profile,
    "consents": _consents,
    "organisation_memberships": _memberships,
    "organisation_invitations": _invitations,
    "commitments": _commitments,
}


def user_data(*, user) -> dict:
    data = {
        "exported_at": timezone.now().isoformat(),
        "privacy_policy_version": settings.PRIVACY_POLICY_VERSION,
    }
    for name, section in _sections.items():
        data[name] = section(user)
    for name, exporter in _extra_sections.items():
        data[name] = exporter(user=user)
    return data


def readme_filename() -> str:
    """The readable summary's name in the archive, in the member's language."""
    return _("LASMIG.txt")


def _label(choices, value) -> str:
    """A stored choice as the words the member chose it by ("public" → "Alla, även utan konto")."""
    return str(dict(choices).get(value, value)) if value else "–"


def _readme(data: dict) -> str:
    profile = data.get("profile") or {}
    memberships = data["organisation_memberships"]
    commitments = data["commitments"]
    invitations = data.get("organisation_invitations", [])
    statuses = dict(CommitmentStatus.choices)
    lines = [
        _("Dina uppgifter i Umecom"),
        "=" * 24,
        "",
        _("Den här filen sammanfattar allt Umecom har sparat om dig, den %(date)s.")
        % {"date": data["exported_at"][:10]},
        _("Alla uppgifter finns i maskinläsbar form i filen data.json."),
        "",
        _("Konto"),
        "-----",
        _("E-postadresser: %(emails)s")
        % {"emails": ", ".join(a["email"] for a in data["email_addresses"]) or "–"},
        _("Kontot skapades: %(date)s") % {"date": data["account"].get("date_joined", "")[:10]},
        _("Senaste inloggning: %(date)s")
        % {"date": (data["account"].get("last_login") or "–")[:10]},
        _("Inloggning via andra tjänster: %(count)s") % {"count": len(data["social_accounts"])},
        "",
        _("Profil"),
        "------",
        _("Visningsnamn: %(name)s") % {"name": profile.get("display_name", "–")},
        _("Jag är: %(actor_type)s")
        % {"actor_type": _label(ActorType.choices, profile.get("actor_type"))},
        _("Synlighet: %(visibility)s")
        % {"visibility": _label(Visibility.choices, profile.get("visibility"))},
        _("Kompetenser: %(tags)s") % {"tags": ", ".join(profile.get("skills", [])) or "–"},
        _("Intressen: %(tags)s") % {"tags": ", ".join(profile.get("interests", [])) or "–"},
        _("Stadsdelar: %(names)s") % {"names": ", ".join(profile.get("districts", [])) or "–"},
        _("Länkar: %(count)s") % {"count": len(profile.get("links", []))},
        _("Profilbild: %(avatar)s")
        % {"avatar": _("finns i mappen avatar/") if profile.get("avatar") else _("ingen")},
        _("Andra får hitta mig för projekt: %(answer)s")
        % {"answer": _("ja") if profile.get("findable_for_projects") else _("nej")},
        _("Jag får bjudas in till team: %(answer)s")
        % {"answer": _("ja") if profile.get("invitable_to_teams") else _("nej")},
        "",
        _("Samtycken (%(count)s registrerade ändringar)") % {"count": len(data["consents"])},
        "",
        _("Medlemskap i organisationer: %(count)s") % {"count": len(memberships)},
        *(
            f"- {m['organisation']} ({_label(MembershipRole.choices, m['role'])})"
            for m in memberships
        ),
        _("Inbjudningar till organisationer: %(count)s") % {"count": len(invitations)},
        *(
            f"- {i['organisation']} ({_label(MembershipRole.choices, i['role'])})"
            for i in invitations
        ),
        "",
        _("Anmälningar till utmaningar: %(count)s") % {"count": len(commitments)},
        *(
            f"- {c['challenge']}: {statuses.get(c['status'], c['status'])}"
            + (f" ({c['organisation']})" if c.get("organisation") else "")
            for c in commitments
        ),
        "",
        _(
            "Vill du rätta något? Ändra det under Min profil. Vill du att vi raderar allt? "
            "Radera ditt konto under Min profil → Mina data."
        ),
        "",
    ]
    return "\n".join(lines)


def user_data_export(*, user) -> bytes:
    """A zip with data.json, a readable summary (LASMIG.txt, README.txt in English) and the
    avatar file, if any. Call it in the member's language (the view's request does)."""
    data = user_data(user=user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr(readme_filename(), _readme(data))
        profile = Profile.objects.filter(user=user).only("avatar").first()
        if profile is not None and profile.avatar:
            try:
                with profile.avatar.open("rb") as avatar:
                    archive.writestr(
                        f"avatar/{profile.avatar.name.rsplit('/', 1)[-1]}", avatar.read()
                    )
            except FileNotFoundError:
                pass  # the row names a file that is gone; data.json still says so
    return buffer.getvalue()


class AccountDeletionRefused(Exception):
    """No longer raised: deleting one's account is never blocked by what others did (issue 13).

    Kept so that callers written against the old rule (the admin's user deletion hook) still
    import; an organisation left without an admin goes to `organisations_without_admin()`.
    """

    def __init__(self, organisations: list[Organisation]):
        self.organisations = organisations
        super().__init__(", ".join(o.name for o in organisations))


def organisations_left_without_admin_by(*, user) -> list[Organisation]:
    """Organisations where `user` is the only administrator: if they go, nobody administers
    them and the innovation team takes over (the delete and leave pages say so)."""
    # A subquery, not a join: filtering on the user's membership in the same join would
    # make the count see only that one row.
    admin_of = OrganisationMembership.objects.filter(user=user, role=MembershipRole.ADMIN).values(
        "organisation_id"
    )
    return list(
        Organisation.objects.filter(pk__in=admin_of)
        .annotate(admins=Count("memberships", filter=Q(memberships__role=MembershipRole.ADMIN)))
        .filter(admins=1)
        .order_by("name")
    )


# The old name, for callers that still use it.
organisations_needing_new_admin = organisations_left_without_admin_by


@transaction.atomic
def account_delete(*, user) -> DeletionLog:
    """Delete the account and everything personal; anonymise what others still rely on.

    Commitments stay (challenges need their history) but lose their author and their free-text
    message, which is the person's own words (often signed): the public page shows them as
    "Borttagen användare", as the delete page promises. Never refused: an organisation whose
    only admin this was is left for the innovation team (`organisations_without_admin()`).
    """
    avatar_names = [
        name for name in Profile.objects.filter(user=user).values_list("avatar", flat=True) if name
    ]
    addresses = {
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    addresses.add((user.email or "").lower())
    for step in _deletion_steps.values():
        step(user=user)
    anonymised = Commitment.objects.filter(user=user).update(user=None, message="")
    removed_memberships, _detail = OrganisationMembership.objects.filter(user=user).delete()
    OrganisationInvitation.objects.filter(email__in=addresses - {""}).delete()
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()  # cascades to tokens
    ConsentRecord.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()  # cascades to links and tag rows
    user.delete()
    log = DeletionLog.objects.create(
        anonymised_commitments=anonymised, removed_memberships=removed_memberships
    )
    # Files are not transactional: remove them only once the rows are really gone.
    delete_files_on_commit(Profile._meta.get_field("avatar").storage, *avatar_names)
    return log
