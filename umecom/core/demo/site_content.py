"""Texts for the home page, the challenge index and the content pages (about, how it works,
privacy policy, accessibility statement). Written for Umecom; facts from public sources."""

from django.conf import settings

from .blocks import bullets, call_to_action, facts, heading, image, paragraph, quote

HOME = {
    "title": "Umecom",
    "hero_heading": "Tillsammans löser vi Umeås utmaningar",
    "hero_text": "Umecom är kommunens öppna verkstad för svåra samhällsfrågor. Här möts umebor, "
    "föreningar, företag och forskare kring utmaningar som ingen kan lösa på egen hand.",
}

HOME_EN = {
    "title": "Umecom",
    "hero_heading": "Solving Umeå's challenges together",
    "hero_text": "Umecom is the municipality's open workshop for hard social questions. "
    "Residents, associations, companies and researchers meet here around challenges that no "
    "one can solve alone.",
}


def home_how_it_works(links):
    # No call to action here: the home template links to the how-it-works page itself.
    return [
        heading("Kommunen beskriver en utmaning", "h3"),
        paragraph(
            "En förvaltning formulerar en fråga den inte kan lösa själv, med fakta, tidsplan och "
            "vilka kompetenser som behövs."
        ),
        heading("Du bidrar med idéer och erbjudanden", "h3"),
        paragraph(
            "Medan utmaningen är öppen kan alla lämna idéer. Organisationer och enskilda kan "
            "erbjuda tid, kunskap, lokaler eller data."
        ),
        heading("Team bildas", "h3"),
        paragraph(
            "De bästa idéerna får ett team. Vill du kan du låta andra hitta dig via dina "
            "kompetenser, men bara om du själv har sagt ja till det."
        ),
        heading("Idéerna prövas och resultatet delas", "h3"),
        paragraph(
            "Teamen prövar idéerna i verkligheten. Resultaten redovisas öppet, även när något "
            "inte fungerade."
        ),
    ]


def home_how_it_works_en(links):
    return [
        heading("The municipality describes a challenge", "h3"),
        paragraph(
            "A department puts forward a question it cannot answer alone, with facts, a "
            "timeline and the skills it needs."
        ),
        heading("You contribute ideas and offers", "h3"),
        paragraph(
            "While a challenge is open, anyone can submit ideas. Organisations and individuals "
            "can offer time, knowledge, premises or data."
        ),
        heading("Teams form", "h3"),
        paragraph(
            "The strongest ideas get a team. If you wish, others can find you through your "
            "skills, but only if you have said yes to that yourself."
        ),
        heading("Ideas are tested and results shared", "h3"),
        paragraph(
            "The teams try the ideas out in real life. The results are published openly, "
            "including when something did not work."
        ),
    ]


INDEX = {
    "title": "Utmaningar",
    "intro": "Här samlar Umeå kommun de samhällsfrågor där vi behöver fler perspektiv än våra "
    "egna. Varje utmaning går igenom fyra faser: idéer, team, genomförande och resultat. Välj "
    "en utmaning och se hur du kan vara med.",
}

INDEX_EN = {
    "title": "Challenges",
    "intro": "Umeå municipality gathers here the social questions where we need more "
    "perspectives than our own. Every challenge passes through four phases: ideas, teams, "
    "implementation and results. Pick a challenge and see how you can take part.",
}


def about_page(img, links):
    return {
        "slug": "om-umecom",
        "title": "Om Umecom",
        "intro": "Umecom är en mötesplats där Umeå kommun, umebor, föreningar, företag och "
        "forskare tar sig an stadens svåraste frågor tillsammans.",
        "body": [
            heading("Varför Umecom finns"),
            paragraph(
                "Klimatförändringar, migration, urbanisering och digitalisering förändrar vad en "
                "kommun behöver kunna. Många av frågorna går inte att lösa inom en förvaltning, "
                "eller ens inom kommunen. De kräver att fler är med, och att de är med tidigt.",
                "Umecom växte fram ur Umecom medborgarverkstad, ett arbete inom "
                "innovationsplattformen Social Progress Innovation Sweden. Där prövade Umeå att "
                "arbeta utmaningsdrivet, samarbetsbaserat och utforskande, över gränser mellan "
                "organisationer, kompetenser och perspektiv.",
            ),
            image(
                img["umecom"],
                caption="Umecom kopplar ihop idéer med kunskap, människor, verktyg och beslut.",
            ),
            heading("Vem kan vara med?"),
            bullets(
                "Umebor i alla åldrar och från alla stadsdelar.",
                "Föreningar och andra delar av civilsamhället.",
                "Företag, stora som små.",
                "Forskare och studenter.",
                "Frifräsare: du som inte passar in i någon av kategorierna men har en idé.",
            ),
            heading("Vem står bakom?"),
            paragraph(
                "Umecom drivs av Umeå kommun. Innovationsteamet granskar utmaningar innan de "
                "publiceras, redaktörer på förvaltningarna skriver dem och moderatorer ser till "
                "att samtalen håller god ton.",
            ),
            quote(
                "Vi vill att det ska vara lika lätt att ge kommunen en bra idé som att lämna en "
                "synpunkt, och att idén ska leda någonstans.",
                "Innovationsteamet, Umeå kommun",
            ),
            call_to_action(
                "Se aktuella utmaningar",
                "Några är öppna för idéer just nu.",
                "Till utmaningarna",
                page=links.get("index"),
            ),
        ],
    }


def how_page(img, links):
    return {
        "slug": "sa-fungerar-det",
        "title": "Så fungerar det",
        "intro": "Från en fråga till ett prövat resultat: så går en utmaning till på Umecom, och "
        "så kan du vara med.",
        "body": [
            heading("Fyra faser"),
            facts(
                "En utmaning från start till mål",
                ("1", "Idéer: alla kan lämna idéer och erbjudanden fram till sista dag.", ""),
                ("2", "Team: team bildas kring de idéer som valts ut.", ""),
                ("3", "Genomförande: teamen prövar idéerna i verkligheten.", ""),
                ("4", "Resultat: vi redovisar öppet vad som hände och vad vi lärde oss.", ""),
            ),
            heading("Så kan du bidra"),
            bullets(
                "Lämna en idé när en utmaning är öppen.",
                "Erbjud det du eller din organisation har: tid, kompetens, lokaler, utrustning "
                "eller data.",
                "Gå med i ett team när teamen bildas.",
            ),
            heading("Att bli hittad, bara om du vill"),
            paragraph(
                "Umecom kan föreslå personer till ett team utifrån kompetenser och intressen. Det "
                "gäller bara dig som uttryckligen har sagt ja till att andra får hitta dig, och du "
                "kan ändra dig när som helst under Min profil.",
            ),
            image(
                img["segregation"],
                caption="Bra team blandar erfarenheter: boende, "
                "föreningar, företag och tjänstepersoner.",
            ),
            heading("Goda samtal"),
            paragraph(
                "Vi vill att alla ska kunna delta utan att känna sig otrygga. Var saklig, visa "
                "respekt för andras erfarenheter och skriv inte om enskilda personer på ett sätt "
                "som kan kränka dem. Moderatorerna tar bort inlägg som bryter mot reglerna och "
                "berättar varför.",
            ),
            heading("Vem gör vad i kommunen?"),
            bullets(
                "Redaktörer på förvaltningarna skriver och uppdaterar utmaningar.",
                "Innovationsteamet granskar och publicerar utmaningar och verifierar "
                "organisationer.",
                "Moderatorer följer samtalen och hanterar anmälningar.",
            ),
            call_to_action(
                "Hitta en utmaning",
                "Se vilka utmaningar som är öppna för idéer just nu.",
                "Till utmaningarna",
                page=links.get("index"),
            ),
        ],
    }


def privacy_page(img, links):
    version = settings.PRIVACY_POLICY_VERSION
    return {
        "slug": "integritetspolicy",
        "title": "Integritetspolicy",
        "intro": f"Så behandlar Umeå kommun dina personuppgifter när du använder Umecom. "
        f"Policyns version: {version}.",
        "body": [
            heading("Personuppgiftsansvarig"),
            paragraph(
                "Umeå kommun, genom kommunstyrelsen, är personuppgiftsansvarig för behandlingen av "
                "personuppgifter på Umecom. Har du frågor kan du skriva till "
                "dataskydd@umea.example. Kommunens dataskyddsombud nås på "
                "dataskyddsombud@umea.example.",
            ),
            heading("Varför vi behandlar dina uppgifter"),
            bullets(
                "För att du ska kunna skapa och använda ett konto.",
                "För att visa dina idéer, erbjudanden och inlägg i de utmaningar du deltar i.",
                "För att kunna kontakta dig om utmaningar och team du är med i.",
                "För att föreslå dig till team (matchning), men bara om du har sagt ja till det.",
                "För att skydda tjänsten mot missbruk och intrång.",
            ),
            heading("Rättslig grund"),
            paragraph(
                "Det mesta av behandlingen är nödvändig för att utföra en uppgift av allmänt "
                "intresse (artikel 6.1 e i dataskyddsförordningen): att låta invånare delta i "
                "kommunens utvecklingsarbete.",
                "Matchning, alltså att andra kan hitta dig för projekt och bjuda in dig till "
                "team, bygger på ditt samtycke (artikel 6.1 a). Samtycket är frivilligt och du "
                "kan återkalla det när som helst under Min profil. Det påverkar inte ditt "
                "konto i övrigt.",
                "Det du skickar till kommunen kan bli en allmän handling. Då gäller "
                "offentlighetsprincipen och arkivlagen, och kommunen kan vara skyldig att bevara "
                "handlingen.",
            ),
            heading("Vilka uppgifter vi sparar"),
            bullets(
                "E-postadress och lösenord (lösenordet lagras bara i krypterad, hashad form).",
                "Det du själv fyller i på din profil: visningsnamn, vilken sorts deltagare du är, "
                "presentation, kompetenser, intressen, stadsdelar, språk, hur mycket tid du har, "
                "profilbild och länkar.",
                "Organisationer du tillhör och din roll där.",
                "Idéer, erbjudanden, åtaganden och inlägg du skriver.",
                "När du lämnat eller återkallat samtycken och vilken version av policyn du "
                "godkände.",
                "Tekniska loggar med IP-adress, som behövs för säkerheten.",
            ),
            heading("Hur länge vi sparar uppgifterna"),
            paragraph(
                "Dina uppgifter sparas så länge du har ett konto. Raderar du kontot tas "
                "personuppgifterna bort direkt ur tjänsten och ur säkerhetskopiorna inom 35 "
                "dagar. Inlägg i gemensamma samtal visas därefter utan ditt namn. "
                "Säkerhetsloggar sparas i 90 dagar.",
            ),
            heading("Dina rättigheter"),
            bullets(
                "Få tillgång till dina uppgifter: under Mina data kan du ladda ner allt vi har "
                "sparat om dig som en fil.",
                "Rätta uppgifter: det mesta kan du ändra själv på din profil.",
                "Radera ditt konto: det gör du själv under Mina data.",
                "Återkalla samtycke till matchning när som helst.",
                "Invända mot behandling och begära att den begränsas.",
                "Få ut uppgifter du själv har lämnat i ett maskinläsbart format "
                "(dataportabilitet).",
                intro="Enligt dataskyddsförordningen har du rätt att:",
            ),
            paragraph(
                "Om du tycker att vi behandlar dina uppgifter fel kan du kontakta oss eller klaga "
                "hos Integritetsskyddsmyndigheten (IMY).",
            ),
            heading("Ingen delning, ingen spårning"),
            paragraph(
                "Vi säljer eller lämnar aldrig ut dina uppgifter till tredje part för deras egna "
                "syften. Tjänsten drivs på kommunens egna servrar i Sverige. Sidorna hämtar inget "
                "från andra webbplatser: inga typsnitt, inga inbäddade videor och inga "
                "analysverktyg.",
                "Vi använder bara de kakor som behövs för att tjänsten ska fungera: en "
                "sessionskaka när du är inloggad, en kaka som skyddar formulär mot förfalskade "
                "anrop och en som kommer ihåg ditt språkval. Inga kakor används för spårning "
                "eller reklam.",
            ),
            heading("Ändringar i policyn"),
            paragraph(
                f"Den här versionen ({version}) gäller från och med {version}. Om vi ändrar "
                "policyn på ett sätt som påverkar dig ber vi dig godkänna den nya versionen nästa "
                "gång du loggar in.",
            ),
        ],
    }


def accessibility_page(img, links):
    return {
        "slug": "tillganglighet",
        "title": "Tillgänglighetsredogörelse",
        "intro": "Umeå kommun står bakom Umecom. Vi vill att så många som möjligt ska kunna "
        "använda webbplatsen, oavsett funktionsförmåga. Här beskriver vi hur Umecom uppfyller "
        "lagen om tillgänglighet till digital offentlig service, kända brister och hur du "
        "rapporterar problem.",
        "body": [
            heading("Hur tillgänglig är webbplatsen?"),
            paragraph(
                "Umecom är delvis förenlig med lagen (2018:1937) om tillgänglighet till digital "
                "offentlig service. Målet är att uppfylla Web Content Accessibility Guidelines "
                "(WCAG) 2.1 på nivå AA, i enlighet med standarden EN 301 549. Bristerna vi känner "
                "till beskrivs nedan.",
            ),
            heading("Kända brister"),
            bullets(
                "Bilder som medlemmar laddar upp, till exempel profilbilder, kan sakna en "
                "beskrivande alternativtext.",
                "Dokument som bifogas utmaningar, till exempel äldre PDF-rapporter, är inte "
                "alltid tillgängliga. Kontakta oss så får du innehållet i ett annat format.",
                "När nya inlägg dyker upp i realtid i ett samtal kan en skärmläsare läsa upp dem "
                "mitt i det du håller på med.",
                "Diagrammen i kommunens administrationsgränssnitt har ännu ingen textversion. "
                "Det gäller bara kommunens personal, inte den publika webbplatsen.",
            ),
            heading("Så har vi testat webbplatsen"),
            paragraph(
                "Varje ändring av webbplatsen testas automatiskt med axe-core i en webbläsare. "
                "Dessutom går vi regelbundet igenom de viktigaste flödena (skapa konto, lämna en "
                "idé, gå med i ett team) med enbart tangentbord, med skärmläsare och med "
                "förstoring upp till 400 procent. Den senaste granskningen gjordes i november "
                "2026.",
            ),
            heading("Rapportera brister"),
            paragraph(
                "Om du stöter på något som hindrar dig från att använda Umecom, eller behöver "
                "innehåll i ett annat format, skriv till tillganglighet@umea.example eller ring "
                "kommunens kontaktcenter. Berätta gärna vilken sida det gäller och vilket "
                "hjälpmedel du använder. Vi svarar inom fem arbetsdagar.",
            ),
            heading("Tillsyn"),
            paragraph(
                "Myndigheten för digital förvaltning (DIGG) ansvarar för tillsynen av lagen om "
                "tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi "
                "hanterar dina synpunkter kan du anmäla det till DIGG.",
            ),
        ],
    }


# Language-neutral on purpose: the footer setting is shared by the Swedish and English site.
FOOTER_CONTACT = '<p><a href="mailto:umecom@umea.example">umecom@umea.example</a></p>'

CONTENT_PAGES = [about_page, how_page, privacy_page, accessibility_page]


# --- English translations of the content pages (same slugs under /en/) ------------------------


def about_page_en(img, links):
    return {
        "title": "About Umecom",
        "intro": "Umecom is a meeting place where Umeå municipality, residents, associations, "
        "companies and researchers take on the city's hardest questions together.",
        "body": [
            heading("Why Umecom exists"),
            paragraph(
                "Climate change, migration, urbanisation and digitalisation are changing what a "
                "municipality needs to be able to do. Many of the questions cannot be solved "
                "within one department, or even within the municipality. They need more people "
                "involved, and involved early.",
                "Umecom grew out of Umecom medborgarverkstad (the Umecom citizen workshop), part "
                "of the innovation platform Social Progress Innovation Sweden. There Umeå tried "
                "working in a challenge-driven, collaborative and exploratory way, across the "
                "boundaries between organisations, skills and perspectives.",
            ),
            image(
                img["umecom"],
                caption="Umecom connects ideas with knowledge, people, tools and decisions.",
                alt="Illustration: colourful dots joined by lines against a dark blue sky.",
            ),
            heading("Who can take part?"),
            bullets(
                "Residents of all ages and from every district.",
                "Associations and the rest of civil society.",
                "Companies, large and small.",
                "Researchers and students.",
                "Free spirits: anyone who fits none of these boxes but has an idea.",
            ),
            heading("Who is behind it?"),
            paragraph(
                "Umecom is run by Umeå municipality. The innovation team reviews challenges "
                "before they are published, editors in the departments write them and "
                "moderators make sure conversations stay respectful.",
            ),
            paragraph(
                "Most challenges are written in Swedish. You are welcome to take part in English; "
                "the people behind each challenge will answer you.",
            ),
            call_to_action(
                "See current challenges",
                "Some are open for ideas right now.",
                "Go to the challenges",
                page=links.get("index_en") or links.get("index"),
            ),
        ],
    }


def how_page_en(img, links):
    return {
        "title": "How it works",
        "intro": "From a question to a tested result: this is how a challenge runs on Umecom, "
        "and how you can take part.",
        "body": [
            heading("Four phases"),
            facts(
                "A challenge from start to finish",
                ("1", "Ideas: anyone can submit ideas and offers until the deadline.", ""),
                ("2", "Teams: teams form around the selected ideas.", ""),
                ("3", "Implementation: the teams try the ideas out in real life.", ""),
                ("4", "Results: we report openly what happened and what we learned.", ""),
            ),
            heading("How you can contribute"),
            bullets(
                "Submit an idea while a challenge is open.",
                "Offer what you or your organisation has: time, skills, premises, equipment or "
                "data.",
                "Join a team when teams are being formed.",
            ),
            heading("Being found, only if you want to"),
            paragraph(
                "Umecom can suggest people for a team based on their skills and interests. This "
                "only applies to people who have explicitly agreed that others may find them, and "
                "you can change your mind at any time under My profile.",
            ),
            image(
                img["segregation"],
                caption="Good teams mix experiences: residents, associations, companies and "
                "municipal staff.",
                alt="Illustration: figures in different colours gathered around a round table "
                "with notes.",
            ),
            heading("Good conversations"),
            paragraph(
                "We want everyone to be able to take part without feeling unsafe. Stick to the "
                "subject, respect other people's experiences and do not write about individuals "
                "in a way that may hurt them. Moderators remove posts that break these rules and "
                "explain why.",
            ),
            call_to_action(
                "Find a challenge",
                "See which challenges are open for ideas right now.",
                "Go to the challenges",
                page=links.get("index_en") or links.get("index"),
            ),
        ],
    }


def privacy_page_en(img, links):
    version = settings.PRIVACY_POLICY_VERSION
    return {
        "title": "Privacy policy",
        "intro": f"How Umeå municipality processes your personal data when you use Umecom. "
        f"Policy version: {version}. The Swedish version is the legally binding one.",
        "body": [
            heading("Controller"),
            paragraph(
                "Umeå municipality, through the municipal executive board, is the controller for "
                "the personal data processed on Umecom. Questions: dataskydd@umea.example. The "
                "municipality's data protection officer: dataskyddsombud@umea.example.",
            ),
            heading("Why we process your data"),
            bullets(
                "So that you can create and use an account.",
                "To show your ideas, offers and posts in the challenges you take part in.",
                "To contact you about challenges and teams you belong to.",
                "To suggest you for teams (matchmaking), but only if you have agreed to it.",
                "To protect the service against abuse and intrusion.",
            ),
            heading("Legal basis"),
            paragraph(
                "Most processing is necessary for a task carried out in the public interest "
                "(Article 6(1)(e) GDPR): letting residents take part in the municipality's "
                "development work.",
                "Matchmaking, meaning that others can find you for projects and invite you to "
                "teams, is based on your consent (Article 6(1)(a)). Consent is voluntary and you "
                "can withdraw it at any time under My profile without affecting your account.",
                "What you send to the municipality may become an official document. The "
                "principle of public access and the Swedish Archives Act then apply, and the "
                "municipality may be required to keep it.",
            ),
            heading("What we store"),
            bullets(
                "E-mail address and password (the password only in hashed form).",
                "What you fill in on your profile: display name, type of participant, "
                "introduction, skills, interests, districts, languages, available time, "
                "profile picture and links.",
                "Organisations you belong to and your role in them.",
                "Ideas, offers, commitments and posts you write.",
                "When you gave or withdrew consent and which policy version you accepted.",
                "Technical logs with IP addresses, needed for security.",
            ),
            heading("How long we keep it"),
            paragraph(
                "Your data is kept as long as you have an account. If you delete your account, "
                "your personal data is removed from the service at once and from backups within "
                "35 days. Posts in shared conversations are then shown without your name. "
                "Security logs are kept for 90 days.",
            ),
            heading("Your rights"),
            bullets(
                "Access your data: under My data you can download everything we hold about you "
                "as a file.",
                "Correct your data: most of it you can edit yourself on your profile.",
                "Delete your account: you do this yourself under My data.",
                "Withdraw consent to matchmaking at any time.",
                "Object to processing and ask for it to be restricted.",
                "Receive data you provided in a machine-readable format (data portability).",
                intro="Under the GDPR you have the right to:",
            ),
            paragraph(
                "If you think we process your data incorrectly, contact us or complain to the "
                "Swedish Authority for Privacy Protection (IMY).",
            ),
            heading("No sharing, no tracking"),
            paragraph(
                "We never sell your data or hand it to third parties for their own purposes. The "
                "service runs on the municipality's own servers in Sweden. The pages load nothing "
                "from other websites: no fonts, no embedded videos and no analytics.",
                "We only use the cookies the service needs to work: a session cookie while you "
                "are logged in, one that protects forms against forged requests and one that "
                "remembers your language. No cookies are used for tracking or advertising.",
            ),
        ],
    }


def accessibility_page_en(img, links):
    return {
        "title": "Accessibility statement",
        "intro": "Umeå municipality is responsible for Umecom. We want as many people as possible "
        "to be able to use the website, whatever their abilities. This statement describes how "
        "Umecom complies with the Swedish Act on accessibility to digital public services, the "
        "known issues and how to report problems.",
        "body": [
            heading("How accessible is the website?"),
            paragraph(
                "Umecom partially complies with the Act (2018:1937) on accessibility to digital "
                "public services. Our aim is to meet the Web Content Accessibility Guidelines "
                "(WCAG) 2.1 at level AA, in line with the standard EN 301 549. The known issues "
                "are listed below.",
            ),
            heading("Known issues"),
            bullets(
                "Images uploaded by members, such as profile pictures, may lack a descriptive "
                "text alternative.",
                "Documents attached to challenges, such as older PDF reports, are not always "
                "accessible. Contact us and we will provide the content in another format.",
                "When new posts appear in real time in a conversation, a screen reader may read "
                "them out in the middle of what you are doing.",
                "The charts in the municipality's administration interface have no text version "
                "yet. This only affects municipal staff, not the public website.",
            ),
            heading("How we tested the website"),
            paragraph(
                "Every change to the website is tested automatically with axe-core in a browser. "
                "We also regularly go through the most important journeys (creating an account, "
                "submitting an idea, joining a team) using only a keyboard, with a screen reader "
                "and with magnification up to 400 per cent. The latest review was in November "
                "2026.",
            ),
            heading("Report a problem"),
            paragraph(
                "If something stops you from using Umecom, or you need content in another "
                "format, write to tillganglighet@umea.example or call the municipality's contact "
                "centre. Please tell us which page it concerns and which assistive technology "
                "you use. We reply within five working days.",
            ),
            heading("Enforcement"),
            paragraph(
                "The Agency for Digital Government (DIGG) supervises the Act on accessibility to "
                "digital public services. If you are not satisfied with how we handle your "
                "feedback, you can report it to DIGG.",
            ),
        ],
    }


CONTENT_PAGES_EN = {
    "about": about_page_en,
    "how": how_page_en,
    "privacy": privacy_page_en,
    "accessibility": accessibility_page_en,
}
