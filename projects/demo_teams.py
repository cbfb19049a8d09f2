"""Demo projects for `load_demo`: one in each state (forming, active, paused, completed), with
teams, open roles, partner organisations, a waiting request and an invitation, built from the
demo people and organisations (umecom/core/demo/people.py) so that the matchmaking has
something worth suggesting. Three grow from the shortlisted demo ideas, one was started by
the innovation team.

Idempotent: projects are found again by challenge and title, roles by title, memberships,
partners and requests by person or organisation. Rows are written directly (not through the
services): the demo sets states and histories the services would reach only step by step.
"""

from __future__ import annotations

from people.models import Commitment, Organisation, User
from umecom.taxonomy.models import District, Theme

from .models import (
    Idea,
    JoinRequest,
    MemberRole,
    PartnerStatus,
    Project,
    ProjectEvent,
    ProjectEventKind,
    ProjectInvitation,
    ProjectMembership,
    ProjectPartner,
    ProjectRole,
    RequestStatus,
)

P = "@example.org"

PROJECTS = [
    {
        "challenge": "unga-och-gangkriminalitet",
        "idea": "Kvällsöppet på Ersboda Ungdomens Hus även på söndagar",
        "title": "Söndagsöppet på Ersboda",
        "goal": "Ungdomens Hus på Ersboda har öppet söndagskvällar under vårterminen, med "
        "vuxna från föreningslivet på plats och en enkel uppföljning av vad det ger.",
        "status": "forming",
        "visibility": "public",
        "max_team_size": 6,
        "skills": ["ungdomsarbete", "ledarskap", "utvärdering", "somaliska"],
        "mix": {"researcher": 1, "municipality": 1, "association": 1},
        "districts": ["ersboda"],
        "themes": ["unga-och-fritid"],
        "team": [("fatima.osman", MemberRole.LEAD), ("ahmed.karimi", MemberRole.MEMBER)],
        "roles": [
            ("Fritidsledare söndagskvällar", "Två kvällar i månaden på plats i huset.",
             ["ungdomsarbete", "ledarskap"], 8),
            ("Utvärderare", "Intervjuar unga och personal i början och slutet av terminen.",
             ["utvärdering", "intervjumetodik"], 6),
            ("Kontakt med fritidsgårdarna", "Samordnar med kommunens fritidsgårdar.",
             ["samverkan", "fritidsledning"], 4),
        ],
        "partners": [("Mariehems Bollklubb", PartnerStatus.ACCEPTED)],
        "requests": [("johan.lindstrom", "Fritidsledare söndagskvällar",
                      "Jag nattvandrar redan på Ersboda och känner många av ungdomarna.")],
        "invitations": [("amira.yusuf", "Kontakt med fritidsgårdarna",
                         "Du känner föräldrarna – vill du vara med?")],
    },
    {
        "challenge": "trygghet-alidhem-centrum",
        "idea": "Kvällsöppet café i centrumhuset",
        "title": "Kvällscafé i Ålidhems centrumhus",
        "goal": "Ett café som drivs av unga och föreningen har öppet tre kvällar i veckan, så att "
        "centrumhuset har liv och vuxna närvarande efter klockan sex.",
        "status": "active",
        "visibility": "public",
        "max_team_size": 8,
        "skills": ["föreningsliv", "projektledning", "fastighetsförvaltning", "samordning"],
        "mix": {"company": 1, "association": 1, "citizen": 1},
        "districts": ["alidhem"],
        "themes": ["trygghet"],
        "team": [
            ("sofia.berglund", MemberRole.LEAD),
            ("karin.hakansson", MemberRole.MEMBER),
            ("amira.yusuf", MemberRole.MEMBER),
            ("lina.persson", MemberRole.MENTOR),
        ],
        "roles": [
            ("Snickare till caféet", "Bygger bänkar och en disk av återbrukat virke.",
             ["snickeri"], 10),
            ("Volontärsamordnare", "Håller ihop schemat för kvällarna.", ["samordning"], 6),
        ],
        "filled": {"Volontärsamordnare": "amira.yusuf"},
        "partners": [
            ("Bostäder i Norr AB", PartnerStatus.ACCEPTED),
            ("Föreningen Unga på Ålidhem", PartnerStatus.ACCEPTED),
        ],
        "requests": [],
        "invitations": [],
    },
    {
        "challenge": "jamlikt-umea-utan-segregation",
        "idea": "Stadsdelsbyten för skolklasser",
        "title": "Stadsdelsbyten för skolklasser",
        "goal": "Två skolklasser från olika stadsdelar besöker varandra fyra gånger under ett år "
        "och gör något tillsammans varje gång.",
        "status": "paused",
        "visibility": "team",
        "max_team_size": 5,
        "skills": ["läxhjälp", "arabiska", "utvärdering", "stadssociologi"],
        "mix": {"researcher": 1},
        "districts": ["alidhem", "teg"],
        "themes": [],
        "team": [("amira.yusuf", MemberRole.LEAD), ("fatima.osman", MemberRole.MEMBER)],
        "roles": [
            ("Forskare som följer projektet", "Följer klasserna och skriver en kort rapport.",
             ["stadssociologi", "utvärdering"], 4),
        ],
        "partners": [],
        "requests": [],
        "invitations": [],
    },
    {
        "challenge": "unga-och-gangkriminalitet",
        "idea": None,
        "title": "Nattvandring med förebilder",
        "goal": "Äldre och unga vuxna nattvandrade tillsammans på Ersboda och Mariehem varje "
        "fredag under hösten.",
        "status": "completed",
        "visibility": "public",
        "max_team_size": 6,
        "skills": ["nattvandring", "ledarskap"],
        "mix": {},
        "districts": ["ersboda", "mariehem"],
        "themes": ["trygghet"],
        "team": [
            ("johan.lindstrom", MemberRole.LEAD),
            ("ahmed.karimi", MemberRole.MEMBER),
            ("lina.persson", MemberRole.MEMBER),
        ],
        "roles": [],
        "partners": [("Fritidsgårdarna i Umeå", PartnerStatus.ACCEPTED)],
        "requests": [],
        "invitations": [],
    },
]  # fmt: skip


def load_teams_demo(state=None) -> int:
    """Create or update the demo projects; returns how many exist afterwards."""
    from challenges.models import ChallengePage

    names = {
        name for spec in PROJECTS for name, _ in spec["team"]
    } | {
        r[0] for spec in PROJECTS for r in spec["requests"] + spec["invitations"]
    }  # fmt: skip
    users = {
        u.email.removesuffix(P): u
        for u in User.objects.filter(email__in=[f"{n}{P}" for n in names])
    }
    if not users:
        return 0  # the people demo has not run
    challenges = {c.slug: c for c in ChallengePage.objects.filter(locale__language_code="sv")}
    districts = {d.slug: d for d in District.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    team = User.objects.filter(username="innovation").first()
    for spec in PROJECTS:
        challenge = challenges.get(spec["challenge"])
        if challenge is None:
            continue
        idea = (
            Idea.objects.filter(challenge=challenge, title=spec["idea"]).first()
            if spec["idea"]
            else None
        )
        lead_name = spec["team"][0][0]
        project, _ = Project.objects.update_or_create(
            challenge=challenge,
            title=spec["title"],
            defaults={
                "idea": idea,
                "goal": spec["goal"],
                "description": f"<p>{spec['goal']}</p>",
                "status": spec["status"],
                "visibility": spec["visibility"],
                "max_team_size": spec["max_team_size"],
                "wanted_actor_mix": spec["mix"],
                "created_by": users.get(lead_name) if idea else team,
            },
        )
        project.needed_skills.set(spec["skills"])
        project.districts.set([districts[d] for d in spec["districts"] if d in districts])
        project.themes.set([themes[t] for t in spec["themes"] if t in themes])
        roles = {}
        for title, description, skills, hours in spec["roles"]:
            role, _ = ProjectRole.objects.update_or_create(
                project=project,
                title=title,
                defaults={"description": description, "hours_per_month": hours},
            )
            role.skills.set(skills)
            roles[title] = role
        filled = spec.get("filled", {})
        for name, member_role in spec["team"]:
            if name not in users:
                continue
            role = next((roles[t] for t, who in filled.items() if who == name), None)
            ProjectMembership.objects.update_or_create(
                project=project,
                user=users[name],
                defaults={"role": member_role, "project_role": role},
            )
        for title, role in roles.items():
            who = filled.get(title)
            role.is_open = who is None
            role.filled_by = users.get(who) if who else None
            role.save(update_fields=["is_open", "filled_by"])
        for org_name, status in spec["partners"]:
            organisation = Organisation.objects.filter(name=org_name).first()
            if organisation is None:
                continue
            commitment = Commitment.objects.filter(
                challenge=challenge, organisation=organisation
            ).first()
            ProjectPartner.objects.update_or_create(
                project=project,
                organisation=organisation,
                defaults={"status": status, "commitment": commitment},
            )
        members = set(project.memberships.values_list("user_id", flat=True))
        for name, role_title, message in spec["requests"]:
            user = users.get(name)
            if user and user.pk not in members:
                JoinRequest.objects.get_or_create(
                    project=project,
                    user=user,
                    status=RequestStatus.PENDING,
                    defaults={"role": roles.get(role_title), "message": message},
                )
        for name, role_title, message in spec["invitations"]:
            user = users.get(name)
            if user and user.pk not in members:
                ProjectInvitation.objects.get_or_create(
                    project=project,
                    user=user,
                    status=RequestStatus.PENDING,
                    defaults={
                        "role": roles.get(role_title),
                        "message": message,
                        "invited_by": users.get(lead_name),
                    },
                )
        if not project.events.exists():
            ProjectEvent.objects.create(
                project=project,
                actor=project.created_by,
                kind=ProjectEventKind.CREATED,
                data={"idea": idea.pk if idea else None},
            )
            for name, _member_role in spec["team"]:
                if name in users:
                    ProjectEvent.objects.create(
                        project=project,
                        actor=users.get(lead_name),
                        kind=ProjectEventKind.JOINED,
                        target_user=users[name],
                    )
            if spec["status"] != "forming":
                ProjectEvent.objects.create(
                    project=project,
                    actor=users.get(lead_name),
                    kind=ProjectEventKind.STATUS_CHANGED,
                    data={"before": "forming", "after": spec["status"]},
                )
    return Project.objects.count()
