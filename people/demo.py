"""Demo people, organisations and commitments for `manage.py load_demo`.

Everyone and everything here is invented: names, e-mail addresses (@example.org) and
organisation numbers (valid check digits, but made up). The *kinds* of partners follow the
"Umeå växer tryggt och säkert" programme in /work/shared/seeds: a housing company, a grocery
store, a research group, a youth association, a sports club and a municipal unit.

Idempotent: people are matched by e-mail, organisations by organisation number, commitments
by (challenge, participant). Running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from people.models import (
    Commitment,
    CommitmentStatus,
    ConsentKind,
    ConsentRecord,
    MembershipRole,
    Organisation,
    OrganisationMembership,
    Profile,
    User,
    Visibility,
)
from people.validators import luhn_ok
from umecom.taxonomy.models import District

DEMO_PASSWORD = "umecom-demo"  # noqa: S105 - documented demo credential, never in production


def org_number(prefix: str) -> str:
    """A made-up number: the nine given digits plus the Luhn check digit that makes it valid."""
    check = next(d for d in range(10) if luhn_ok(prefix + str(d)))
    digits = prefix + str(check)
    return f"{digits[:6]}-{digits[6:]}"


@dataclass
class PersonSpec:
    email: str
    name: str
    actor_type: str
    bio: str
    districts: list[str]
    skills: list[str]
    interests: list[str]
    visibility: str = Visibility.MEMBERS
    findable: bool = False
    invitable: bool = False
    languages: str = "svenska"


@dataclass
class OrgSpec:
    number: str
    name: str
    kind: str
    description: str
    website: str
    districts: list[str]
    offers: list[str]
    needs: list[str]
    admins: list[str]
    members: list[str] = field(default_factory=list)
    verified: bool = False


PEOPLE = [
    PersonSpec(
        "amira.yusuf@example.org", "Amira Yusuf", "citizen",
        "Tvåbarnsmamma på Ålidhem. Jag vill att gångvägarna till skolan ska kännas trygga "
        "även när det är mörkt i november.",
        ["alidhem"], ["föräldranätverk", "arabiska", "samordning"], ["trygghet", "skolvägar"],
        Visibility.PUBLIC, findable=True, invitable=True, languages="svenska, arabiska, engelska",
    ),
    PersonSpec(
        "johan.lindstrom@example.org", "Johan Lindström", "citizen",
        "Pensionerad busschaufför som känner Ersboda utan och innan. Går gärna nattvandringar.",
        ["ersboda"], ["nattvandring", "kollektivtrafik"], ["trygghet", "äldre"],
        Visibility.MEMBERS, findable=True,
    ),
    PersonSpec(
        "oskar.wikstrom@example.org", "Oskar Wikström", "citizen",
        "Vill hjälpa till men helst utan att synas.",
        ["holmsund"], ["snickeri"], ["fritid"],
        Visibility.HIDDEN,
    ),
    PersonSpec(
        "fatima.osman@example.org", "Fatima Osman", "citizen",
        "Studerar socialt arbete och är ledare i en läxhjälpsgrupp på Teg.",
        ["teg"], ["läxhjälp", "somaliska", "ungdomsarbete"], ["utbildning", "unga"],
        Visibility.MEMBERS, findable=True, invitable=True, languages="svenska, somaliska",
    ),
    PersonSpec(
        "elin.nordqvist@example.org", "Elin Nordqvist", "researcher",
        "Forskar om segregation och mötesplatser i medelstora svenska städer.",
        ["tomtebo", "centrum"], ["intervjumetodik", "utvärdering", "stadssociologi"],
        ["segregation", "mötesplatser"], Visibility.PUBLIC, findable=True,
    ),
    PersonSpec(
        "per.sandberg@example.org", "Per Sandberg", "researcher",
        "Dataanalytiker i en forskargrupp. Gillar öppna data och kartor.",
        ["centrum"], ["dataanalys", "GIS", "statistik"], ["öppna data"],
        Visibility.MEMBERS,
    ),
    PersonSpec(
        "karin.hakansson@example.org", "Karin Håkansson", "company",
        "Områdeschef på ett bostadsbolag med lägenheter på Ålidhem och Mariehem.",
        ["alidhem", "mariehem"], ["fastighetsförvaltning", "hyresgästdialog"],
        ["trygga utemiljöer"], Visibility.PUBLIC,
    ),
    PersonSpec(
        "mattias.ohman@example.org", "Mattias Öhman", "company",
        "Butikschef i en livsmedelsbutik på Ersboda. Vi anställer gärna unga extrapersonal.",
        ["ersboda"], ["handel", "rekrytering"], ["unga i arbete"], Visibility.PUBLIC,
    ),
    PersonSpec(
        "sofia.berglund@example.org", "Sofia Berglund", "association",
        "Ordförande i en ungdomsförening som driver kvällsöppet på Ålidhem.",
        ["alidhem"], ["föreningsliv", "projektledning", "ungdomsarbete"], ["unga", "kultur"],
        Visibility.PUBLIC, invitable=True,
    ),
    PersonSpec(
        "ahmed.karimi@example.org", "Ahmed Karimi", "association",
        "Tränare i en fotbollsklubb på Mariehem. Idrott är det bästa förebyggande arbetet jag vet.",
        ["mariehem"], ["fotboll", "ledarskap", "dari"], ["idrott", "unga"],
        Visibility.MEMBERS, findable=True, languages="svenska, dari",
    ),
    PersonSpec(
        "lina.persson@example.org", "Lina Persson", "municipality",
        "Samordnare för kommunens fritidsgårdar. Vill få fler vuxna på plats på kvällarna.",
        ["centrum", "ersboda"], ["samverkan", "fritidsledning"], ["unga", "trygghet"],
        Visibility.PUBLIC,
    ),
]  # fmt: skip


ORGANISATIONS = [
    OrgSpec(
        org_number("556712340"), "Bostäder i Norr AB", "company",
        "Bostadsbolag med drygt 3 000 lägenheter i Umeå, flest på Ålidhem och Mariehem. "
        "Vi vill pröva nya idéer för belysning, gårdar och mötesplatser tillsammans med "
        "hyresgästerna.",
        "https://bostader-i-norr.example.org", ["alidhem", "mariehem"],
        ["lokaler", "testmiljö i bostadsområden", "fastighetsdata"],
        ["idéer för trygga utemiljöer", "ungdomsledare"],
        admins=["karin.hakansson@example.org"], verified=True,
    ),
    OrgSpec(
        org_number("556834561"), "Handelsboden Ersboda", "company",
        "Livsmedelsbutik i Ersboda centrum. Vi är med i trygghetsarbetet kring centrumet och "
        "erbjuder sommarjobb åt unga från området.",
        "https://handelsboden.example.org", ["ersboda"],
        ["sommarjobb", "lokal för möten", "sponsring av aktiviteter"], ["trygghetsvandrare"],
        admins=["mattias.ohman@example.org"], verified=True,
    ),
    OrgSpec(
        org_number("202100734"), "Forskargruppen för social hållbarhet", "research",
        "Forskargrupp vid ett universitet i Umeå som studerar segregation, mötesplatser och "
        "medborgardialog. Vi hjälper gärna till att utvärdera vad som fungerar.",
        "https://social-hallbarhet.example.org", ["centrum", "tomtebo"],
        ["utvärdering", "intervjustudier", "dataanalys"], ["testmiljöer", "medforskare"],
        admins=["elin.nordqvist@example.org"], members=["per.sandberg@example.org"],
        verified=True,
    ),
    OrgSpec(
        org_number("802456781"), "Föreningen Unga på Ålidhem", "association",
        "Ideell förening som driver kvällsöppet, läxhjälp och helgaktiviteter för unga "
        "mellan 13 och 20 år.",
        "", ["alidhem"],
        ["volontärer", "kontakt med unga"], ["lokaler", "mentorer", "finansiering"],
        admins=["sofia.berglund@example.org"], members=["fatima.osman@example.org"],
    ),
    OrgSpec(
        org_number("802498763"), "Mariehems Bollklubb", "association",
        "Fotbollsklubb med lag för alla åldrar. Fri träning på fredagskvällar för den som vill "
        "prova.",
        "https://mariehemsbk.example.org", ["mariehem"],
        ["tränare", "halltider", "volontärer"], ["fler ledare", "finansiering"],
        admins=["ahmed.karimi@example.org"], members=["johan.lindstrom@example.org"],
        verified=True,
    ),
    OrgSpec(
        org_number("212000266"), "Fritidsgårdarna i Umeå", "municipal",
        "Kommunens fritidsgårdar för unga. Vi samarbetar med skolor, föreningar och polis för "
        "att unga ska ha trygga platser att vara på om kvällarna.",
        "", ["centrum", "ersboda", "alidhem"],
        ["lokaler", "fritidsledare kvällstid", "kontakt med unga"], ["idéer", "ideella ledare"],
        admins=["lina.persson@example.org"], verified=True,
    ),
]  # fmt: skip

# (challenge slug, participant e-mail, organisation name or None, offers, status, message)
COMMITMENTS = [
    ("trygghet-alidhem-centrum", "karin.hakansson@example.org", "Bostäder i Norr AB",
     ["premises", "test_environment", "data"], CommitmentStatus.ACCEPTED,
     "Vi kan låta er pröva ny belysning och möblering på två av våra gårdar."),
    ("trygghet-alidhem-centrum", "sofia.berglund@example.org", "Föreningen Unga på Ålidhem",
     ["volunteers"], CommitmentStatus.ACCEPTED, "Våra unga vill vara med och rita om torget."),
    ("trygghet-alidhem-centrum", "amira.yusuf@example.org", None,
     ["volunteers", "expertise"], CommitmentStatus.ACCEPTED,
     "Jag samordnar föräldrar som kan gå trygghetsvandringar."),
    ("trygghet-alidhem-centrum", "oskar.wikstrom@example.org", None,
     ["volunteers"], CommitmentStatus.ACCEPTED, "Jag kan snickra bänkar."),
    ("trygghet-alidhem-centrum", "mattias.ohman@example.org", "Handelsboden Ersboda",
     ["funding"], CommitmentStatus.PENDING, "Vi kan sponsra fika till trygghetsvandringarna."),
    ("unga-och-gangkriminalitet", "ahmed.karimi@example.org", "Mariehems Bollklubb",
     ["mentoring", "volunteers", "premises"], CommitmentStatus.ACCEPTED,
     "Fredagsfotbollen kan bli en fast punkt för fler."),
    ("unga-och-gangkriminalitet", "lina.persson@example.org", "Fritidsgårdarna i Umeå",
     ["premises", "expertise"], CommitmentStatus.ACCEPTED, "Vi håller öppet längre om det behövs."),
    ("unga-och-gangkriminalitet", "elin.nordqvist@example.org",
     "Forskargruppen för social hållbarhet", ["expertise", "data"], CommitmentStatus.ACCEPTED,
     "Vi följer upp insatserna och intervjuar unga och föräldrar."),
    ("unga-och-gangkriminalitet", "johan.lindstrom@example.org", None,
     ["volunteers"], CommitmentStatus.ACCEPTED, "Jag nattvandrar redan på Ersboda."),
    ("unga-och-gangkriminalitet", "fatima.osman@example.org", None,
     ["mentoring"], CommitmentStatus.PENDING, "Jag kan vara mentor för tjejer i högstadiet."),
    ("jamlikt-umea-utan-segregation", "per.sandberg@example.org",
     "Forskargruppen för social hållbarhet", ["data"], CommitmentStatus.PENDING,
     "Vi har kartdata om mötesplatser per stadsdel."),
    ("umecom-medborgarverkstad", "elin.nordqvist@example.org", None,
     ["expertise"], CommitmentStatus.ACCEPTED, "Jag leder gärna en workshop om intervjuer."),
]  # fmt: skip


def _districts(slugs: list[str]) -> list[District]:
    return list(District.objects.filter(slug__in=slugs))


def _person(spec: PersonSpec) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=spec.email).first()
    created = user is None
    if created:
        user = User(email=spec.email, username=spec.email.split("@")[0][:150])
        first, _, last = spec.name.partition(" ")
        user.first_name, user.last_name = first, last
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    profile, _ = Profile.objects.update_or_create(
        user=user,
        defaults={
            "display_name": spec.name,
            "actor_type": spec.actor_type,
            "bio": spec.bio,
            "languages": spec.languages,
            "visibility": spec.visibility,
            "findable_for_projects": spec.findable,
            "invitable_to_teams": spec.invitable,
            "onboarding_step": 99,
            "onboarding_completed_at": profile_done_at(user),
        },
    )
    profile.skills.set(spec.skills)
    profile.interests.set(spec.interests)
    profile.districts.set(_districts(spec.districts))
    if created:
        consents = [(ConsentKind.PRIVACY_POLICY, True)]
        consents += [(ConsentKind.FINDABLE, True)] if spec.findable else []
        consents += [(ConsentKind.INVITABLE, True)] if spec.invitable else []
        ConsentRecord.objects.bulk_create(
            ConsentRecord(
                user=user, kind=kind, granted=granted,
                policy_version=settings.PRIVACY_POLICY_VERSION,
            )
            for kind, granted in consents
        )  # fmt: skip
    return user, created


def profile_done_at(user: User):
    existing = Profile.objects.filter(user=user).values_list("onboarding_completed_at", flat=True)
    return next(iter(existing), None) or timezone.now()


def _organisation(spec: OrgSpec, users: dict[str, User]) -> tuple[Organisation, bool]:
    from django.utils.text import slugify

    org, created = Organisation.objects.get_or_create(
        org_number=spec.number,
        defaults={"name": spec.name, "slug": slugify(spec.name)[:140], "kind": spec.kind},
    )
    org.name, org.kind = spec.name, spec.kind
    org.description, org.website = spec.description, spec.website
    if spec.verified and org.verified_at is None:
        org.verified_at = timezone.now()
    org.save()
    org.districts.set(_districts(spec.districts))
    org.offers.set(spec.offers)
    org.needs.set(spec.needs)
    for role, emails in (
        (MembershipRole.ADMIN, spec.admins),
        (MembershipRole.MEMBER, spec.members),
    ):
        for email in emails:
            OrganisationMembership.objects.update_or_create(
                organisation=org, user=users[email], defaults={"role": role}
            )
    return org, created


def _commitments(users: dict[str, User], orgs: dict[str, Organisation]) -> tuple[int, int]:
    from challenges.models import ChallengePage

    created = skipped = 0
    decider = User.objects.filter(is_superuser=True).order_by("pk").first()
    for slug, email, org_name, offers, status, message in COMMITMENTS:
        # Each locale has its own page with the same slug; commitments go to the Swedish one.
        pages = ChallengePage.objects.filter(slug=slug)
        page = pages.filter(locale__language_code="sv").first() or pages.first()
        if page is None:
            skipped += 1
            continue
        user, org = users[email], orgs.get(org_name) if org_name else None
        existing = Commitment.objects.filter(challenge=page, organisation=org)
        if org is None:
            existing = existing.filter(user=user)
        if existing.exists():
            continue
        # Written directly, not through the service: demo challenges may already be past
        # the phases that take new commitments, and no e-mail should go out.
        decided = status in (CommitmentStatus.ACCEPTED, CommitmentStatus.DECLINED)
        Commitment.objects.create(
            challenge=page, user=user, organisation=org, offers=offers, message=message,
            status=status, decided_by=decider if decided else None,
            decided_at=timezone.now() if decided else None,
        )  # fmt: skip
        created += 1
    return created, skipped


@transaction.atomic
def load_people_demo(*, stdout) -> None:
    users: dict[str, User] = {}
    new_people = 0
    for spec in PEOPLE:
        users[spec.email], created = _person(spec)
        new_people += created
    orgs: dict[str, Organisation] = {}
    new_orgs = 0
    for spec in ORGANISATIONS:
        orgs[spec.name], created = _organisation(spec, users)
        new_orgs += created
    new_commitments, skipped = _commitments(users, orgs)
    stdout.write(
        f"  {len(PEOPLE)} personer ({new_people} nya), {len(ORGANISATIONS)} organisationer "
        f"({new_orgs} nya), {new_commitments} nya anmälningar"
        + (f", {skipped} hoppades över (utmaningen saknas)" if skipped else "")
        + f". Lösenord för alla demopersoner: {DEMO_PASSWORD}"
    )
