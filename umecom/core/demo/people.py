"""Demo people, organisations and commitments: the last step of `manage.py load_demo`.

Everyone and everything here is invented: names, e-mail addresses (@example.org) and
organisation numbers (valid check digits, but made up). The *kinds* of partners follow the
"Umeå växer tryggt och säkert" programme in /work/shared/seeds: a housing company, a grocery
store, a research group, a youth association, a sports club and a municipal unit.

Idempotent: people are matched by e-mail, organisations by organisation number, commitments
by (challenge, participant). Running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from challenges.models import ChallengePage
from people.models import (
    Commitment,
    CommitmentStatus,
    ConsentKind,
    MembershipRole,
    Organisation,
    OrganisationMembership,
    User,
    Visibility,
)
from people.validators import with_check_digit
from umecom.taxonomy.models import District

from .users import DEMO_PASSWORD, ensure_demo_user


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
    # People who said yes to being found and invited: the demo projects' suggestions and the
    # team builder need a pool to choose from (every name and text here is invented).
    PersonSpec(
        "hanna.lundgren@example.org", "Hanna Lundgren", "citizen",
        "Fritidsledare i grunden, nu föräldraledig på Ersboda. Saknar att jobba med tonåringar.",
        ["ersboda"], ["ungdomsarbete", "ledarskap", "fritidsledning"], ["unga", "fritid"],
        Visibility.MEMBERS, findable=True, invitable=True,
    ),
    PersonSpec(
        "yusuf.ali@example.org", "Yusuf Ali", "citizen",
        "Läser till lärare och har lett fotbollsläger för barn på Teg och Ålidhem.",
        ["teg", "alidhem"], ["ungdomsarbete", "läxhjälp", "somaliska"], ["utbildning", "idrott"],
        Visibility.MEMBERS, findable=True, invitable=True, languages="svenska, somaliska, engelska",
    ),
    PersonSpec(
        "maja.eriksson@example.org", "Maja Eriksson", "citizen",
        "Snickrar möbler av återbrukat virke på fritiden och bor granne med centrumhuset.",
        ["alidhem"], ["snickeri", "återbruk"], ["trygghet", "kultur"],
        Visibility.PUBLIC, findable=True, invitable=True,
    ),
    PersonSpec(
        "rami.haddad@example.org", "Rami Haddad", "citizen",
        "Tolkar på arabiska och engelska. Vill att fler föräldrar ska våga ta plats i skolan.",
        ["mariehem"], ["arabiska", "tolkning", "föräldranätverk"], ["utbildning", "segregation"],
        Visibility.MEMBERS, findable=True, invitable=True, languages="svenska, arabiska, engelska",
    ),
    PersonSpec(
        "ingrid.stromberg@example.org", "Ingrid Strömberg", "citizen",
        "Pensionerad rektor. Har tid och vet hur man får skolor att säga ja.",
        ["tomtebo"], ["skolutveckling", "samverkan", "projektledning"], ["utbildning"],
        Visibility.PUBLIC, findable=True, invitable=True,
    ),
    PersonSpec(
        "david.nilsson@example.org", "David Nilsson", "company",
        "Driver ett litet kafé i centrum och har lärt ut barista-yrket till unga i feriearbete.",
        ["centrum"], ["kafédrift", "handledning", "rekrytering"], ["unga i arbete"],
        Visibility.PUBLIC, findable=True, invitable=True,
    ),
    PersonSpec(
        "sara.holm@example.org", "Sara Holm", "company",
        "Ljusdesigner på ett konsultbolag. Belysning avgör om en gångväg känns trygg.",
        ["centrum", "alidhem"], ["belysning", "GIS", "trygghetsvandring"], ["trygga utemiljöer"],
        Visibility.PUBLIC, findable=True, invitable=True, languages="svenska, engelska",
    ),
    PersonSpec(
        "jonas.berg@example.org", "Jonas Berg", "researcher",
        "Doktorand i pedagogik. Studerar vad möten mellan skolor i olika stadsdelar ger elever.",
        ["tomtebo"], ["utvärdering", "intervjumetodik", "pedagogik"], ["utbildning", "segregation"],
        Visibility.PUBLIC, findable=True, invitable=True, languages="svenska, engelska",
    ),
    PersonSpec(
        "leila.rahimi@example.org", "Leila Rahimi", "researcher",
        "Kriminolog. Följer kommunens arbete mot gängkriminalitet och vill mäta det som fungerar.",
        ["centrum"], ["kriminologi", "utvärdering", "statistik"], ["trygghet", "unga"],
        Visibility.MEMBERS, findable=True, invitable=True, languages="svenska, dari, engelska",
    ),
    PersonSpec(
        "anders.lind@example.org", "Anders Lind", "association",
        "Samordnar nattvandrare i en frivilligorganisation på Ersboda och Mariehem.",
        ["ersboda", "mariehem"], ["nattvandring", "samordning", "volontärsamordning"],
        ["trygghet"], Visibility.PUBLIC, findable=True, invitable=True,
    ),
    PersonSpec(
        "emma.sjoberg@example.org", "Emma Sjöberg", "association",
        "Kassör och eldsjäl i en kulturförening som vill hitta lokaler på Ålidhem.",
        ["alidhem"], ["föreningsliv", "ekonomi", "samordning"], ["kultur", "mötesplatser"],
        Visibility.MEMBERS, findable=True, invitable=True,
    ),
    PersonSpec(
        "erik.forsberg@example.org", "Erik Forsberg", "municipality",
        "Arbetar med fritidsgårdarna på kommunen och samordnar med skolorna på Ersboda.",
        ["ersboda"], ["samverkan", "fritidsledning", "ungdomsarbete"], ["unga", "fritid"],
        Visibility.PUBLIC, findable=True, invitable=True,
    ),
]  # fmt: skip


ORGANISATIONS = [
    OrgSpec(
        with_check_digit("556712340"), "Bostäder i Norr AB", "company",
        "Bostadsbolag med drygt 3 000 lägenheter i Umeå, flest på Ålidhem och Mariehem. "
        "Vi vill pröva nya idéer för belysning, gårdar och mötesplatser tillsammans med "
        "hyresgästerna.",
        "https://bostader-i-norr.example.org", ["alidhem", "mariehem"],
        ["lokaler", "testmiljö i bostadsområden", "fastighetsdata"],
        ["idéer för trygga utemiljöer", "ungdomsledare"],
        admins=["karin.hakansson@example.org"], verified=True,
    ),
    OrgSpec(
        with_check_digit("556834561"), "Handelsboden Ersboda", "company",
        "Livsmedelsbutik i Ersboda centrum. Vi är med i trygghetsarbetet kring centrumet och "
        "erbjuder sommarjobb åt unga från området.",
        "https://handelsboden.example.org", ["ersboda"],
        ["sommarjobb", "lokal för möten", "sponsring av aktiviteter"], ["trygghetsvandrare"],
        admins=["mattias.ohman@example.org"], verified=True,
    ),
    OrgSpec(
        with_check_digit("202100734"), "Forskargruppen för social hållbarhet", "research",
        "Forskargrupp vid ett universitet i Umeå som studerar segregation, mötesplatser och "
        "medborgardialog. Vi hjälper gärna till att utvärdera vad som fungerar.",
        "https://social-hallbarhet.example.org", ["centrum", "tomtebo"],
        ["utvärdering", "intervjustudier", "dataanalys"], ["testmiljöer", "medforskare"],
        admins=["elin.nordqvist@example.org"], members=["per.sandberg@example.org"],
        verified=True,
    ),
    OrgSpec(
        with_check_digit("802456781"), "Föreningen Unga på Ålidhem", "association",
        "Ideell förening som driver kvällsöppet, läxhjälp och helgaktiviteter för unga "
        "mellan 13 och 20 år.",
        "", ["alidhem"],
        ["volontärer", "kontakt med unga"], ["lokaler", "mentorer", "finansiering"],
        admins=["sofia.berglund@example.org"], members=["fatima.osman@example.org"],
    ),
    OrgSpec(
        with_check_digit("802498763"), "Mariehems Bollklubb", "association",
        "Fotbollsklubb med lag för alla åldrar. Fri träning på fredagskvällar för den som vill "
        "prova.",
        "https://mariehemsbk.example.org", ["mariehem"],
        ["tränare", "halltider", "volontärer"], ["fler ledare", "finansiering"],
        admins=["ahmed.karimi@example.org"], members=["johan.lindstrom@example.org"],
        verified=True,
    ),
    OrgSpec(
        with_check_digit("212000266"), "Fritidsgårdarna i Umeå", "municipal",
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
    consents = [ConsentKind.PRIVACY_POLICY]
    consents += [ConsentKind.FINDABLE] if spec.findable else []
    consents += [ConsentKind.INVITABLE] if spec.invitable else []
    user, profile, created = ensure_demo_user(
        email=spec.email,
        display_name=spec.name,
        actor_type=spec.actor_type,
        consents=tuple(consents),
    )
    profile.display_name, profile.actor_type = spec.name, spec.actor_type
    profile.bio, profile.languages, profile.visibility = spec.bio, spec.languages, spec.visibility
    profile.findable_for_projects, profile.invitable_to_teams = spec.findable, spec.invitable
    profile.save()
    profile.skills.set(spec.skills)
    profile.interests.set(spec.interests)
    profile.districts.set(_districts(spec.districts))
    return user, created


def _organisation(spec: OrgSpec, users: dict[str, User]) -> tuple[Organisation, bool]:
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
def ensure_people(state=None) -> str:
    """A loader step; also runs alone (commitments to missing challenges are skipped)."""
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
    return (
        f"{len(PEOPLE)} personer ({new_people} nya), {len(ORGANISATIONS)} organisationer "
        f"({new_orgs} nya), {new_commitments} nya anmälningar"
        + (f", {skipped} hoppades över (utmaningen saknas)" if skipped else "")
        + f". Lösenord för alla demopersoner: {DEMO_PASSWORD}"
    )
