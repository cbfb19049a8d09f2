"""Demo ideas for `load_demo`: a few dozen across the demo challenges, in every status, with
supports and co-authors. Facts (places, programmes, actors) come from the public texts in
shared/seeds; every sentence is our own. Idempotent: ideas are found again by challenge and
title. Rows are written directly (not through the services) because most demo challenges are
past their idea deadline, which the services rightly refuse."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from challenges.models import ChallengePage
from people.models import User
from umecom.taxonomy.models import District, Theme

from .models import (
    CoAuthorStatus,
    EventKind,
    Idea,
    IdeaCoAuthor,
    IdeaEvent,
    IdeaFollow,
    IdeaSupport,
)

P = "@example.org"
PEOPLE = [
    "amira.yusuf", "johan.lindstrom", "fatima.osman", "elin.nordqvist", "per.sandberg",
    "karin.hakansson", "mattias.ohman", "sofia.berglund", "ahmed.karimi", "lina.persson",
]  # fmt: skip

# (challenge slug, title, summary, status, author, co-author or "", themes, districts, supports)
IDEAS = [
    (
        "unga-och-gangkriminalitet",
        "Kvällsöppet på Ersboda Ungdomens Hus även på söndagar",
        "Huset för 16–23-åringar har öppet vardagar. Söndagskvällar är när många unga driver runt "
        "utan någonstans att ta vägen.",
        "shortlisted",
        "fatima.osman",
        "ahmed.karimi",
        ["unga-och-fritid"],
        ["ersboda"],
        9,
    ),
    (
        "unga-och-gangkriminalitet",
        "Fritidsbanken på Ålidhem ut till skolgårdarna",
        "Låna ut skridskor, bollar och fiskespön direkt på rasten, så att fler testar något nytt "
        "utan att behöva gå till butiken.",
        "published",
        "sofia.berglund",
        "",
        ["unga-och-fritid", "kultur-och-idrott"],
        ["alidhem"],
        7,
    ),
    (
        "unga-och-gangkriminalitet",
        "Äldre förebilder som nattvandrar med unga",
        "Pensionärer och unga vuxna går tillsammans på fredagskvällar; de äldre känner området, "
        "de yngre känner ungdomarna.",
        "published",
        "johan.lindstrom",
        "",
        ["trygghet"],
        ["ersboda", "mariehem"],
        6,
    ),
    (
        "unga-och-gangkriminalitet",
        "Sommarjobb i föreningslivet för 15-åringar",
        "Föreningar får bidrag för att anställa unga som tränare och hjälpledare under sommaren.",
        "published",
        "ahmed.karimi",
        "karin.hakansson",
        ["unga-och-fritid"],
        ["tomtebo"],
        5,
    ),
    (
        "unga-och-gangkriminalitet",
        "Skola, fritid och socialtjänst i samma rum varje vecka",
        "En fast träff där lärare, fritidsledare och socialsekreterare delar oro tidigt i stället "
        "för när något redan har hänt.",
        "submitted",
        "lina.persson",
        "",
        ["trygghet"],
        [],
        0,
    ),
    (
        "unga-och-gangkriminalitet",
        "E-sportkvällar med vuxna som lyssnar",
        "Många unga som inte går till fritidsgården spelar hemma. Öppna spelkvällar ger en ny "
        "väg in.",
        "draft",
        "mattias.ohman",
        "",
        ["unga-och-fritid"],
        [],
        0,
    ),
    (
        "unga-och-gangkriminalitet",
        "Mentorer från näringslivet för högstadiet",
        "Företag i Umeå ställer upp med en mentor per klass som berättar om yrken och vägar dit.",
        "returned",
        "karin.hakansson",
        "",
        ["segregation-och-inkludering"],
        [],
        0,
    ),
    (
        "unga-och-gangkriminalitet",
        "Gratis gym för alla under 20",
        "Fri entré på kommunens gym för unga, finansierat av reklam.",
        "declined",
        "per.sandberg",
        "",
        ["kultur-och-idrott"],
        [],
        0,
    ),
    (
        "unga-och-gangkriminalitet",
        "Fler fältassistenter på Mariehem",
        "Vuxna som syns ute där unga är, särskilt vid centrumet efter skolan.",
        "submitted",
        "amira.yusuf",
        "",
        ["trygghet"],
        ["mariehem"],
        0,
    ),
    (
        "unga-och-gangkriminalitet",
        "Musikstudio i källaren på fritidsgården",
        "En enkel studio där unga spelar in egen musik med stöd av en ledare.",
        "published",
        "elin.nordqvist",
        "",
        ["kultur-och-idrott", "unga-och-fritid"],
        ["tomtebo"],
        4,
    ),
    (
        "jamlikt-umea-utan-segregation",
        "Stadsdelsbyten för skolklasser",
        "Klasser från olika stadsdelar besöker varandras skolor en dag per termin och gör något "
        "tillsammans.",
        "shortlisted",
        "amira.yusuf",
        "fatima.osman",
        ["segregation-och-inkludering"],
        ["alidhem", "tomtebo"],
        8,
    ),
    (
        "jamlikt-umea-utan-segregation",
        "Blandade bostäder när nya kvarter planeras",
        "Varje nytt område får både hyresrätter, bostadsrätter och småhus, så att grannar med "
        "olika inkomster bor nära varandra.",
        "published",
        "per.sandberg",
        "",
        ["stadsutveckling", "segregation-och-inkludering"],
        [],
        6,
    ),
    (
        "jamlikt-umea-utan-segregation",
        "Språkcafé på biblioteket med läxhjälp",
        "Träffa nya och gamla umebor över en fika och öva svenska, medan barnen får läxhjälp i "
        "rummet bredvid.",
        "published",
        "fatima.osman",
        "",
        ["segregation-och-inkludering"],
        ["teg"],
        5,
    ),
    (
        "jamlikt-umea-utan-segregation",
        "Föreningsmässa i varje stadsdel",
        "En lördag om året visar föreningarna upp sig på torget, så att fler hittar in.",
        "merged",
        "sofia.berglund",
        "",
        ["medskapande-och-demokrati"],
        [],
        0,
    ),
    (
        "jamlikt-umea-utan-segregation",
        "Alla föreningar presenterar sig på en gemensam dag",
        "En återkommande dag där föreningar från hela Umeå bjuder in nya medlemmar.",
        "published",
        "ahmed.karimi",
        "",
        ["medskapande-och-demokrati"],
        ["centrum"],
        3,
    ),
    (
        "jamlikt-umea-utan-segregation",
        "Praktikplatser via kommunens inköp",
        "När kommunen köper tjänster ställs krav på att leverantören tar emot praktikanter.",
        "archived",
        "karin.hakansson",
        "",
        ["segregation-och-inkludering"],
        [],
        2,
    ),
    (
        "jamlikt-umea-utan-segregation",
        "Medborgarbudget för stadsdelen",
        "Invånarna röstar om hur en del av stadsdelens budget ska användas.",
        "draft",
        "johan.lindstrom",
        "",
        ["medskapande-och-demokrati"],
        ["ersboda"],
        0,
    ),
    (
        "trygghet-alidhem-centrum",
        "Bättre belysning i gångtunnlarna",
        "Varmare och jämnare ljus i tunnlarna mellan Ålidhem centrum och skolan.",
        "published",
        "amira.yusuf",
        "johan.lindstrom",
        ["trygghet"],
        ["alidhem"],
        8,
    ),
    (
        "trygghet-alidhem-centrum",
        "Kvällsöppet café i centrumhuset",
        "Ett café som drivs av en förening håller öppet till nio och blir en samlingsplats.",
        "shortlisted",
        "sofia.berglund",
        "",
        ["trygghet", "stadsutveckling"],
        ["alidhem"],
        6,
    ),
    (
        "trygghet-alidhem-centrum",
        "Trygghetsvandring med butikerna varje kvartal",
        "Handlarna, Bostaden och polisen går runt tillsammans och skriver ner vad som behöver "
        "åtgärdas.",
        "published",
        "karin.hakansson",
        "",
        ["trygghet"],
        ["alidhem"],
        4,
    ),
    (
        "trygghet-alidhem-centrum",
        "Konstnärlig gestaltning av parkeringshuset",
        "Unga målar väggarna tillsammans med en konstnär, så att platsen känns omhändertagen.",
        "archived",
        "elin.nordqvist",
        "",
        ["kultur-och-idrott"],
        ["alidhem"],
        3,
    ),
    (
        "trygghet-alidhem-centrum",
        "Kameror överallt",
        "Sätt upp kameror på varje hörn.",
        "declined",
        "mattias.ohman",
        "",
        ["trygghet"],
        [],
        0,
    ),
    (
        "umecom-medborgarverkstad",
        "Öppna data om stadsdelarnas trygghet",
        "Publicera trygghetsmätningarna per stadsdel så att forskare och invånare kan följa "
        "utvecklingen.",
        "archived",
        "elin.nordqvist",
        "per.sandberg",
        ["medskapande-och-demokrati"],
        [],
        5,
    ),
    (
        "umecom-medborgarverkstad",
        "Verkstadsträffar på kvällstid",
        "Fler kan vara med om verkstaden träffas efter jobbet, med barnpassning.",
        "archived",
        "lina.persson",
        "",
        ["medskapande-och-demokrati"],
        ["centrum"],
        4,
    ),
    (
        "umecom-medborgarverkstad",
        "En verktygslåda för att testa idéer i liten skala",
        "Mallar och ett litet bidrag för att pröva en idé under en månad innan den blir stor.",
        "archived",
        "mattias.ohman",
        "",
        ["medskapande-och-demokrati"],
        [],
        3,
    ),
    (
        "umea-200000-utan-utsatta-omraden",
        "Idrott som förebygger i varje ny stadsdel",
        "När staden växer mot 200 000 invånare planeras idrottsplatser in från början.",
        "draft",
        "ahmed.karimi",
        "",
        ["kultur-och-idrott", "stadsutveckling"],
        [],
        0,
    ),
]


def _users() -> dict[str, User]:
    users = User.objects.filter(email__in=[f"{p}{P}" for p in PEOPLE]).select_related("profile")
    return {u.email.removesuffix(P): u for u in users}


def load_ideas_demo(state=None) -> int:
    """Create or update the demo ideas; returns how many exist afterwards."""
    users = _users()
    if not users:
        return 0  # the people demo has not run
    challenges = {c.slug: c for c in ChallengePage.objects.filter(locale__language_code="sv")}
    themes = {t.slug: t for t in Theme.objects.all()}
    districts = {d.slug: d for d in District.objects.all()}
    team = User.objects.filter(username="innovation").first()
    now = timezone.now()
    made: dict[str, Idea] = {}
    for n, row in enumerate(IDEAS):
        slug, title, summary, status, author, coauthor, theme_slugs, district_slugs, n_support = row
        challenge = challenges.get(slug)
        if challenge is None or author not in users:
            continue
        created = now - dt.timedelta(days=40 - n)
        idea, _ = Idea.objects.update_or_create(
            challenge=challenge,
            title=title,
            defaults={
                "author": users[author],
                "summary": summary,
                "description": f"<p>{summary}</p>",
                "status": status,
                "status_reason": {
                    "returned": "Beskriv gärna hur mentorerna ska hinna med alla klasser.",
                    "declined": "Idén ligger utanför vad utmaningen frågar efter.",
                }.get(status, ""),
                "submitted_at": None if status == "draft" else created,
                "published_at": created + dt.timedelta(days=2)
                if status in ("published", "shortlisted", "merged", "archived")
                else None,
            },
        )
        made[title] = idea
        idea.themes.set([themes[t] for t in theme_slugs if t in themes])
        idea.districts.set([districts[d] for d in district_slugs if d in districts])
        if coauthor and coauthor in users:
            IdeaCoAuthor.objects.update_or_create(
                idea=idea, user=users[coauthor], defaults={"status": CoAuthorStatus.ACCEPTED}
            )
        IdeaFollow.objects.get_or_create(idea=idea, user=users[author])
        supporters = [u for key, u in users.items() if key not in (author, coauthor)]
        for user in supporters[:n_support]:
            IdeaSupport.objects.get_or_create(idea=idea, user=user)
        idea.support_count = IdeaSupport.objects.filter(idea=idea).count()
        idea.save(update_fields=["support_count"])
        if not idea.events.exists():
            by_author = {"idea": idea, "actor": users[author]}
            IdeaEvent.objects.create(**by_author, kind=EventKind.CREATED, to_status="draft")
            if status != "draft":
                IdeaEvent.objects.create(
                    **by_author, kind=EventKind.SUBMITTED, to_status="submitted"
                )
            if status not in ("draft", "submitted"):
                IdeaEvent.objects.create(
                    idea=idea, actor=team, kind=status if status != "merged" else "published",
                    from_status="submitted", to_status=status, reason=idea.status_reason,
                )  # fmt: skip
    merged = made.get("Föreningsmässa i varje stadsdel")
    target = made.get("Alla föreningar presenterar sig på en gemensam dag")
    if merged and target:
        Idea.objects.filter(pk=merged.pk).update(merged_into=target)
    return Idea.objects.count()
