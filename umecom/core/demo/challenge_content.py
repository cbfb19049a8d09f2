"""The demo challenges. Dates are offsets from the day the demo is loaded, so each challenge
keeps its intended status (open, forming teams, in progress, completed, upcoming) whenever
`load_demo` runs. Facts come from public texts about Umeå; all wording is our own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from challenges.phases import PhaseKind
from umecom.taxonomy.models import ActorType

from .blocks import bullets, call_to_action, facts, heading, image, paragraph, quote

IDEAS, TEAMS, IMPL, RESULTS = (
    PhaseKind.IDEAS,
    PhaseKind.TEAMS,
    PhaseKind.IMPLEMENTATION,
    PhaseKind.RESULTS,
)


@dataclass
class PhaseSpec:
    kind: PhaseKind
    start: int  # days from today
    end: int
    description: str
    description_en: str = ""

    def dates(self, today: dt.date) -> tuple[dt.date, dt.date]:
        return today + dt.timedelta(days=self.start), today + dt.timedelta(days=self.end)


@dataclass
class ChallengeSpec:
    slug: str
    title: str
    summary: str
    department: str
    contact_name: str
    contact_email: str
    image: str  # key in images.DEMO_IMAGES
    themes: list[str]
    districts: list[str]
    deadline: int  # days from today
    phases: list[PhaseSpec]
    actor_types: list[str]
    skills: list[str]
    body: object  # callable(images, links) -> list of raw blocks
    expected_status: str
    english: dict | None = field(default=None)


def _segregation_body(img, links):
    return [
        heading("Varför just nu?"),
        paragraph(
            "Umeå hör till de mellanstora svenska städer där människor med olika inkomster och "
            "bakgrunder fortfarande bor förhållandevis nära varandra. Det är ingen självklarhet "
            "att det förblir så. Bostadsmarknaden, arbetsmarknaden och skolvalet drar åt olika "
            "håll, och klyftorna växer i hela landet.",
            "Därför har kommunen bjudit in umebor, föreningar, politiker och tjänstepersoner "
            "till ett gemensamt samtal om segregation: vad den betyder i vår vardag, vad som "
            "redan fungerar och vad vi behöver göra annorlunda.",
        ),
        facts(
            "Dialogen i siffror",
            ("93", "umebor intervjuades på djupet om frågan", "Umeå kommun, medborgardialog"),
            ("4", "arbetsträffar i maj och juni", "Umeå kommun, medborgardialog"),
            ("2021", "hösten då föreningar och kommun började forma frågan", "Umeå kommun"),
        ),
        heading("Vad vi har lärt oss hittills"),
        paragraph(
            "De intervjuade kom från många stadsdelar, åldrar och yrken, och de hade olika "
            "ursprung. Ur samtalen växte några återkommande teman fram: skolans betydelse, "
            "otrygghet i vissa miljöer, hur svårt det kan vara att komma in på arbetsmarknaden, "
            "och bristen på platser där umebor från olika delar av staden faktiskt möts.",
        ),
        image(
            img["workshop"],
            caption="Arbetsträffarna samlade medborgare, föreningar, politiker och tjänstepersoner "
            "vid samma bord.",
        ),
        quote(
            "Jag trodde att vi skulle bli oense om allt. I stället hittade vi tre förslag som "
            "alla vid bordet kunde ställa sig bakom.",
            "Deltagare i en av arbetsträffarna",
        ),
        heading("Nu bildas team"),
        paragraph(
            "Idéinsamlingen är avslutad. Nu sätter vi ihop små team som tar de starkaste "
            "förslagen vidare till något som går att pröva i praktiken under det kommande året. "
            "Ett team består av umebor, någon från en förening eller ett företag och en "
            "tjänsteperson med mandat att öppna dörrar i kommunen.",
        ),
        bullets(
            "Läxhjälp och mentorskap som följer eleven över stadsdelsgränser.",
            "Gemensamma lovaktiviteter för unga från olika skolor.",
            "En mötesplats där föreningar från hela kommunen kan låna lokal utan kostnad.",
            intro="Förslag som team just nu formas kring:",
        ),
        call_to_action(
            "Vill du vara med i ett team?",
            "Berätta vad du kan bidra med: tid, kunskap, en lokal eller kontakter. Vi hör av oss "
            "när ett team behöver någon som du.",
            "Så fungerar det",
            page=links.get("how"),
        ),
    ]


def _segregation_body_en(img, links):
    return [
        heading("Why now?"),
        paragraph(
            "Umeå is one of the mid-sized Swedish cities where people with different incomes and "
            "backgrounds still live relatively close to one another. There is no guarantee it "
            "will stay that way. The housing market, the labour market and school choice pull "
            "in different directions, and the gaps are widening across the country.",
            "That is why the municipality invited residents, associations, politicians and "
            "officials to a shared conversation about segregation: what it means in everyday "
            "life, what already works and what we need to do differently.",
        ),
        facts(
            "The dialogue in figures",
            (
                "93",
                "residents interviewed in depth about the question",
                "Umeå municipality, citizen dialogue",
            ),
            ("4", "workshops in May and June", "Umeå municipality, citizen dialogue"),
            (
                "2021",
                "the autumn when associations and the municipality began shaping the question",
                "Umeå municipality",
            ),
        ),
        heading("What we have learned so far"),
        paragraph(
            "The people interviewed came from many districts, ages and occupations, and had "
            "different origins. A few themes kept coming back: the importance of school, "
            "feeling unsafe in some places, how hard it can be to get into the labour market, "
            "and the lack of places where people from different parts of the city actually "
            "meet.",
        ),
        image(
            img["workshop"],
            caption="The workshops brought residents, associations, politicians and officials "
            "to the same table.",
            alt="Illustration: a ring of figures around a table full of idea notes.",
        ),
        quote(
            "I thought we would disagree about everything. Instead we found three proposals "
            "that everyone at the table could get behind.",
            "Participant in one of the workshops",
        ),
        heading("Teams are forming now"),
        paragraph(
            "The idea phase is over. We are now putting together small teams that will turn the "
            "strongest proposals into something that can be tried out over the coming year. A "
            "team brings together residents, someone from an association or a company and a "
            "municipal officer with a mandate to open doors.",
        ),
        bullets(
            "Homework help and mentoring that follow pupils across district boundaries.",
            "Shared holiday activities for young people from different schools.",
            "A meeting place where associations from the whole municipality can borrow rooms "
            "free of charge.",
            intro="Proposals that teams are forming around right now:",
        ),
        call_to_action(
            "Would you like to join a team?",
            "Tell us what you can contribute: time, knowledge, premises or contacts. We will "
            "get in touch when a team needs someone like you.",
            "How it works",
            page=links.get("how_en") or links.get("how"),
        ),
    ]


def _youth_body(img, links):
    return [
        heading("Bakgrund"),
        paragraph(
            "Sedan 2018 samarbetar kommunen, polisen, näringslivet och civilsamhället inom "
            "Umeå växer tryggt och säkert (UVTS). Arbetet började när polisen såg en oroande "
            "utveckling i Ersboda, Mariehem, Ålidhem och delar av Tomtebo. Umebrå, kommunens "
            "brotts- och drogförebyggande råd, samordnar arbetet.",
            "Brottsligheten i Umeå har ändrat form. Den är i dag mer organiserad och har "
            "kopplingar till nätverk i andra delar av landet, och allt yngre personer lockas in "
            "som springpojkar, inte minst i narkotikahandeln. Därför riktar UVTS för perioden "
            "2024–2026 in sig på en enda sak: att unga inte ska dras in i gängkriminalitet.",
        ),
        facts(
            "Det här vet vi",
            ("2018", "året då samverkan Umeå växer tryggt och säkert startade", "Umebrå"),
            ("2024–2026", "perioden för den nya inriktningen mot gängrekrytering", "Umebrå"),
            ("16–23 år", "åldrarna som Ersboda Ungdomens Hus är till för", "UVTS"),
            ("+50 %", "ökning av orosanmälningar om barn mellan 2018 och 2019", "Umeå kommun"),
        ),
        heading("Vad som redan görs"),
        bullets(
            "Ersboda Ungdomens Hus, en mötesplats för unga mellan 16 och 23 år.",
            "Fritidsbanken på Ålidhem, där barn och vuxna lånar sport- och friluftsutrustning "
            "gratis.",
            "Fler områdespoliser och förstärkta lovaktiviteter.",
            "Samverkan med polisen, ICA, Coop, Diös, Bostaden, Region Västerbotten och Umeå "
            "Fritid.",
        ),
        image(
            img["sports"],
            caption="En plan, en boll och en vuxen som bryr sig räcker långt. "
            "Idrottsföreningarna är viktiga parter.",
        ),
        quote(
            "De unga vi tappar har sällan tråkigt. De har ingen vuxen som frågar var de har varit.",
            "Fältarbetare inom socialtjänsten",
        ),
        heading("Vi söker idéer"),
        paragraph(
            "Det finns inga snabba lösningar, men det finns mycket kunskap utanför kommunhuset. "
            "Vi vill höra från dig som är ung själv, från föräldrar, idrottsföreningar, "
            "arbetsgivare som kan erbjuda sommarjobb och forskare som vet vad som fungerar. Hur "
            "når vi unga innan någon annan gör det?",
        ),
        call_to_action(
            "Dela din idé",
            "Idéfasen är öppen. Skapa ett konto, beskriv din idé och berätta vad du själv kan "
            "bidra med.",
            "Läs hur det går till",
            page=links.get("how"),
        ),
    ]


def _youth_body_en(img, links):
    return [
        heading("Background"),
        paragraph(
            "Since 2018 the municipality, the police, local businesses and civil society have "
            "worked together in Umeå växer tryggt och säkert (Umeå grows safely and securely, "
            "UVTS). The work began when the police noticed a worrying trend in Ersboda, "
            "Mariehem, Ålidhem and parts of Tomtebo. Umebrå, the municipal crime and drug "
            "prevention council, coordinates it.",
            "Crime in Umeå has changed shape. It is more organised today, with links to networks "
            "elsewhere in Sweden, and ever younger people are drawn in as errand runners, not "
            "least in the drug trade. For 2024–2026 UVTS therefore focuses on one thing: "
            "keeping young people out of gang crime.",
        ),
        facts(
            "What we know",
            ("2018", "the year the Umeå växer tryggt och säkert partnership began", "Umebrå"),
            ("2024–2026", "the period of the new focus on gang recruitment", "Umebrå"),
            ("16–23", "the ages Ersboda Ungdomens Hus (youth house) is for", "UVTS"),
            (
                "+50%",
                "rise in reports of concern about children between 2018 and 2019",
                "Umeå municipality",
            ),
        ),
        heading("What is already happening"),
        bullets(
            "Ersboda Ungdomens Hus, a meeting place for young people aged 16 to 23.",
            "Fritidsbanken in Ålidhem, where children and adults borrow sports and outdoor gear "
            "for free.",
            "More community police officers and more activities during school holidays.",
            "Partnership with the police, ICA, Coop, Diös, Bostaden, Region Västerbotten and "
            "Umeå Fritid.",
        ),
        image(
            img["sports"],
            caption="A pitch, a ball and an adult who cares go a long way. Sports clubs are "
            "important partners.",
            alt="Illustration: a football pitch seen from above, with players in different "
            "colours and spectators along the sides.",
        ),
        quote(
            "The young people we lose are rarely bored. They have no adult asking where they "
            "have been.",
            "Street outreach worker, social services",
        ),
        heading("We are looking for ideas"),
        paragraph(
            "There are no quick fixes, but there is a great deal of knowledge outside the town "
            "hall. We want to hear from young people themselves, from parents, sports clubs, "
            "employers who can offer summer jobs and researchers who know what works. How do we "
            "reach young people before someone else does?",
        ),
        call_to_action(
            "Share your idea",
            "The idea phase is open. Create an account, describe your idea and tell us what you "
            "can contribute yourself.",
            "How it works",
            page=links.get("how_en") or links.get("how"),
        ),
    ]


def _alidhem_body(img, links):
    return [
        heading("Ett avtal för hela centrumet"),
        paragraph(
            "Runt Ålidhem centrum möts studenter, barnfamiljer, äldre och alla som handlar, "
            "tränar eller tar bussen. Under några år ökade otryggheten här, med skadegörelse, "
            "öppen droghandel och hot mot personal i butikerna.",
            "Kommunen har därför slutit ett trygghetsavtal där polis, skola, kommun, handlare och "
            "fastighetsägare lovar att arbeta nära varandra. Avtalet är en modell som kommunen "
            "vill kunna använda i fler stadsdelar.",
        ),
        facts(
            "Ålidhem centrum",
            (
                "5",
                "parter i trygghetsavtalet: polis, skola, kommun, handlare och fastighetsägare",
                "Umeå kommun",
            ),
            ("1", "Fritidsbank på Ålidhem med gratis lån av utrustning", "UVTS"),
        ),
        heading("Det här gör teamet nu"),
        bullets(
            "Trygghetsvandringar med boende varannan månad, med kvällar och helger i fokus.",
            "Bättre belysning och färre skymda hörn längs gångvägarna mot centrumet.",
            "Pop up-aktiviteter på torget tillsammans med föreningar och butiker.",
            "Gemensam lägesbild: parterna ses varje månad och delar det de ser.",
        ),
        image(
            img["lamps"],
            caption="Bättre belysning längs gångvägarna mot centrumet var en av de första "
            "åtgärderna.",
        ),
        quote(
            "Förut stängde vi tidigt på vintern. Nu känner vi grannarna i huset och vet vem vi "
            "ringer när något händer.",
            "Butiksägare vid Ålidhem centrum",
        ),
        heading("Hur du kan hjälpa till"),
        paragraph(
            "Genomförandet pågår, men teamet tar gärna emot erbjudanden: en förening som vill "
            "arrangera något på torget, en elektriker som kan se över belysningen eller en "
            "student som vill hjälpa till att följa upp trygghetsvandringarna.",
        ),
        call_to_action(
            "Erbjud din hjälp",
            "Logga in och berätta vad du eller din organisation kan bidra med.",
            "Så fungerar det",
            page=links.get("how"),
        ),
    ]


def _umecom_body(img, links):
    return [
        heading("Vad var medborgarverkstaden?"),
        paragraph(
            "Umecom medborgarverkstad var Umeås sätt att pröva hur kommunen kan lösa svåra "
            "frågor tillsammans med dem den finns till för. Arbetet var en del av "
            "innovationsplattformen Social Progress Innovation Sweden.",
            "I stället för att kommunen tar fram en lösning och sedan frågar vad invånarna "
            "tycker, började vi med frågan och bjöd in företag, föreningar, forskare och "
            "frifräsare att arbeta med den från start.",
        ),
        facts(
            "Metoden i korthet",
            (
                "3",
                "arbetssätt: utmaningsdrivet, samarbetsbaserat och utforskande",
                "Social Progress Innovation Sweden",
            ),
            (
                "6",
                "globala megatrender som förändrar kommunens uppdrag, från klimat till "
                "digitalisering",
                "Umeå kommun",
            ),
            (
                "50 år",
                "tillbaka i tiden: så länge sedan kommunens uppdrag såg helt annorlunda ut",
                "Umeå kommun",
            ),
        ),
        heading("Vad vi lärde oss"),
        bullets(
            "Att börja i medborgarnas vardag och arbeta inåt i organisationen, inte tvärtom.",
            "Att arbeta över gränser: mellan förvaltningar, kompetenser och perspektiv.",
            "Att det krävs mod att pröva i liten skala och att våga misslyckas.",
            "Att idéer behöver kopplas ihop med kunskap, människor, verktyg och beslutsmakt för "
            "att bli verklighet.",
        ),
        image(
            img["segregation"],
            caption="I verkstaden satt boende, föreningar, företag och forskare vid samma bord.",
        ),
        quote(
            "Vi ville bygga en plats där en bra idé inte stannar vid en post-it-lapp, utan "
            "hittar rätt människor och rätt beslut.",
            "Projektledare, Social Progress Innovation Sweden",
        ),
        heading("Resultatet"),
        paragraph(
            "Medborgarverkstaden är avslutad, men erfarenheterna lever vidare i den här "
            "plattformen. Utmaningar, faser, team och öppna resultat är alla lärdomar från "
            "verkstaden.",
        ),
        call_to_action(
            "Läs mer om Umecom",
            "Hur plattformen kom till och vem som står bakom den.",
            "Om Umecom",
            page=links.get("about"),
        ),
    ]


def _future_body(img, links):
    return [
        heading("Ett mål lika viktigt som tillväxten"),
        paragraph(
            "Umeå ska växa till 200 000 invånare år 2050. Kommunledningen vill att ett annat mål "
            "ska väga lika tungt: att inget område i kommunen ska bli ett så kallat utsatt "
            "område enligt polisens definition. I dag är Umeå den största svenska staden som "
            "inte har något sådant område.",
        ),
        facts(
            "Målbilden",
            ("200 000", "invånare i Umeå år 2050", "Umeå kommun"),
            ("0", "utsatta områden enligt polisens definition, i dag och framöver", "Umeå kommun"),
            ("10–15 år", "tidshorisonten som trygghetsarbetet behöver planeras för", "Umeå kommun"),
        ),
        image(
            img["alidhem"],
            caption="Hur ser en stad ut som växer utan att dras isär?",
        ),
        heading("Vad vi kommer att fråga"),
        bullets(
            "Hur planerar vi nya stadsdelar med blandade boendeformer och naturliga mötesplatser?",
            "Hur kan skola, fritid och socialtjänst fånga upp barn som riskerar att hamna fel "
            "tidigare?",
            "Vad kan kultur- och idrottslivet göra, och vad behöver det av kommunen?",
            "Hur gör vi boende och föreningar delaktiga på riktigt, inte bara tillfrågade?",
        ),
        quote(
            "Ingen enskild förvaltning kan lösa det här. Det är ett tillsammansarbete som "
            "kräver hela staden.",
            "Strateg, avdelningen för strategisk utveckling",
        ),
        call_to_action(
            "Var med från start",
            "Utmaningen öppnar snart för idéer. Skapa ett konto redan nu så får du veta när.",
            "Så fungerar det",
            page=links.get("how"),
        ),
    ]


CHALLENGES = [
    ChallengeSpec(
        slug="jamlikt-umea-utan-segregation",
        title="Ett jämlikt Umeå utan segregation",
        summary="Hur kan vi tillsammans göra Umeå till en jämlik kommun utan segregation, där "
        "alla känner sig trygga och delaktiga? 93 intervjuer och fyra arbetsträffar har gett "
        "konkreta förslag. Nu bildas team.",
        department="Kommunledningskontoret, avdelningen för strategisk utveckling",
        contact_name="Samordnare för medborgardialog",
        contact_email="dialog@umea.example",
        image="night",
        themes=["segregation-och-inkludering", "medskapande-och-demokrati"],
        districts=["ersboda", "mariehem", "alidhem", "tomtebo", "centrum"],
        deadline=-15,
        phases=[
            PhaseSpec(
                IDEAS,
                -75,
                -15,
                "Intervjuer och fyra arbetsträffar med förslag.",
                "Interviews and four workshops with proposals.",
            ),
            PhaseSpec(
                TEAMS,
                -14,
                20,
                "Team bildas kring de starkaste förslagen.",
                "Teams form around the strongest proposals.",
            ),
            PhaseSpec(
                IMPL,
                21,
                200,
                "Teamen prövar förslagen i praktiken.",
                "The teams try the proposals out in practice.",
            ),
            PhaseSpec(
                RESULTS,
                201,
                260,
                "Resultaten redovisas öppet och utvärderas.",
                "The results are published openly and evaluated.",
            ),
        ],
        actor_types=[ActorType.CITIZEN, ActorType.ASSOCIATION, ActorType.RESEARCHER],
        skills=["samtalsledning", "föreningsliv", "integration", "utvärdering"],
        body=_segregation_body,
        expected_status="teams",
        english={
            "title": "An equal Umeå without segregation",
            "summary": "How can we together make Umeå an equal municipality without "
            "segregation, where everyone feels safe and included? 93 interviews and four "
            "workshops have produced concrete proposals. Teams are forming now.",
            "department": "Municipal Executive Office, Strategic Development Unit",
            "contact_name": "Citizen dialogue coordinator",
            "body": _segregation_body_en,
        },
    ),
    ChallengeSpec(
        slug="unga-och-gangkriminalitet",
        title="Hur når vi unga innan gängen gör det?",
        summary="Allt yngre personer lockas in i gängkriminalitet. Inom Umeå växer tryggt och "
        "säkert söker vi idéer 2024–2026 som ger unga en meningsfull fritid och vuxna som finns "
        "där.",
        department="Umebrå, Umeå kommuns brotts- och drogförebyggande råd",
        contact_name="Samordnare, Umebrå",
        contact_email="umebra@umea.example",
        image="youth",
        themes=["trygghet", "unga-och-fritid", "kultur-och-idrott"],
        districts=["ersboda", "mariehem", "alidhem", "tomtebo"],
        deadline=40,
        phases=[
            PhaseSpec(
                IDEAS,
                -20,
                40,
                "Alla kan lämna idéer och erbjudanden.",
                "Anyone can submit ideas and offers.",
            ),
            PhaseSpec(
                TEAMS,
                41,
                75,
                "Team bildas kring de idéer som valts ut.",
                "Teams form around the selected ideas.",
            ),
            PhaseSpec(
                IMPL,
                76,
                400,
                "Idéerna prövas i stadsdelarna.",
                "The ideas are tried out in the districts.",
            ),
            PhaseSpec(
                RESULTS, 401, 460, "Vi redovisar vad som fungerade.", "We report what worked."
            ),
        ],
        actor_types=[
            ActorType.CITIZEN,
            ActorType.ASSOCIATION,
            ActorType.COMPANY,
            ActorType.RESEARCHER,
        ],
        skills=[
            "ungdomsarbete",
            "idrottsledarskap",
            "mentorskap",
            "sommarjobb",
            "brottsförebyggande arbete",
        ],
        body=_youth_body,
        expected_status="open",
        english={
            "title": "How do we reach young people before the gangs do?",
            "summary": "Ever younger people are being drawn into gang crime. As part of Umeå "
            "växer tryggt och säkert we are collecting ideas for 2024–2026 that give young "
            "people a meaningful life outside school and adults who are there for them.",
            "department": "Umebrå, Umeå municipality's crime and drug prevention council",
            "contact_name": "Coordinator, Umebrå",
            "body": _youth_body_en,
        },
    ),
    ChallengeSpec(
        slug="trygghet-alidhem-centrum",
        title="Tryggt och levande kring Ålidhem centrum",
        summary="Polis, skola, kommun, handlare och fastighetsägare har slutit ett "
        "trygghetsavtal för Ålidhem centrum. Nu genomförs åtgärderna tillsammans med de boende.",
        department="Kommunledningskontoret, trygghetssamordning",
        contact_name="Trygghetssamordnare",
        contact_email="trygghet@umea.example",
        image="alidhem",
        themes=["trygghet", "stadsutveckling"],
        districts=["alidhem"],
        deadline=-141,
        phases=[
            PhaseSpec(IDEAS, -200, -141, "Boende och näringsidkare lämnade förslag."),
            PhaseSpec(TEAMS, -140, -101, "Parterna i trygghetsavtalet bildade ett team."),
            PhaseSpec(IMPL, -100, 120, "Trygghetsvandringar, belysning och aktiviteter."),
            PhaseSpec(RESULTS, 121, 180, "Uppföljning och beslut om fler stadsdelar."),
        ],
        actor_types=[ActorType.CITIZEN, ActorType.COMPANY, ActorType.ASSOCIATION],
        skills=["trygghetsvandring", "belysning", "evenemang", "fastighetsförvaltning"],
        body=_alidhem_body,
        expected_status="in_progress",
    ),
    ChallengeSpec(
        slug="umecom-medborgarverkstad",
        title="Umecom medborgarverkstad",
        summary="Hur kan kommunen arbeta utmaningsdrivet, samarbetsbaserat och utforskande "
        "tillsammans med umeborna? Medborgarverkstaden prövade metoden som blev Umecom.",
        department="Innovationsplattformen Social Progress Innovation Sweden",
        contact_name="Innovationsteamet",
        contact_email="umecom@umea.example",
        image="umecom",
        themes=["medskapande-och-demokrati"],
        districts=["centrum"],
        deadline=-480,
        phases=[
            PhaseSpec(IDEAS, -540, -480, "Öppen inbjudan till medborgare och organisationer."),
            PhaseSpec(TEAMS, -479, -440, "Tvärdisciplinära team sattes samman."),
            PhaseSpec(IMPL, -439, -120, "Teamen prövade idéer i verkstaden."),
            PhaseSpec(RESULTS, -119, -30, "Lärdomarna samlades och blev plattformen Umecom."),
        ],
        actor_types=[
            ActorType.CITIZEN,
            ActorType.COMPANY,
            ActorType.RESEARCHER,
            ActorType.ASSOCIATION,
            ActorType.MUNICIPALITY,
        ],
        skills=["tjänstedesign", "innovation", "facilitering"],
        body=_umecom_body,
        expected_status="completed",
    ),
    ChallengeSpec(
        slug="umea-200000-utan-utsatta-omraden",
        title="200 000 umebor – och inga utsatta områden",
        summary="Umeå ska växa till 200 000 invånare år 2050 utan att några utsatta områden "
        "växer fram. Utmaningen öppnar snart för idéer om planering, skola, fritid och "
        "delaktighet.",
        department="Stadsbyggnadskontoret och avdelningen för strategisk utveckling",
        contact_name="Strateg för social hållbarhet",
        contact_email="hallbarhet@umea.example",
        image="future",
        themes=["stadsutveckling", "segregation-och-inkludering", "trygghet"],
        districts=["centrum", "holmsund", "teg", "tomtebo"],
        deadline=90,
        phases=[
            PhaseSpec(IDEAS, 30, 90, "Idéer om hur staden kan växa tryggt."),
            PhaseSpec(TEAMS, 91, 120, "Team bildas kring utvalda idéer."),
            PhaseSpec(IMPL, 121, 365, "Idéerna prövas i planeringen."),
            PhaseSpec(RESULTS, 366, 420, "Resultaten förs in i översiktsplanen."),
        ],
        actor_types=[
            ActorType.CITIZEN,
            ActorType.COMPANY,
            ActorType.RESEARCHER,
            ActorType.ASSOCIATION,
        ],
        skills=["stadsplanering", "dataanalys", "arkitektur", "socialt hållbar utveckling"],
        body=_future_body,
        expected_status="upcoming",
    ),
]
