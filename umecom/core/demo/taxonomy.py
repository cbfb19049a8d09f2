"""Themes and districts for the demo: Umeå's districts from the seed texts, and only Umeå's."""

from django.db.models import Q

from umecom.taxonomy.models import District, Theme

THEMES = [
    (
        "segregation-och-inkludering",
        "Segregation och inkludering",
        "Segregation and inclusion",
        "Hur vi motverkar att staden delas upp efter inkomst och bakgrund, och hur fler får "
        "möjlighet att vara med fullt ut i skola, arbete och föreningsliv.",
    ),
    (
        "trygghet",
        "Trygghet",
        "Safety",
        "Att kunna röra sig fritt i sin stadsdel oavsett tid på dygnet, och att förebygga brott "
        "innan de händer.",
    ),
    (
        "unga-och-fritid",
        "Unga och fritid",
        "Young people and leisure",
        "Mötesplatser, lovaktiviteter och vuxna som finns där: en meningsfull fritid är en av de "
        "starkaste skyddsfaktorerna för barn och unga.",
    ),
    (
        "medskapande-och-demokrati",
        "Medskapande och demokrati",
        "Co-creation and democracy",
        "Nya sätt för umebor, föreningar, företag och forskare att forma kommunens beslut och "
        "arbetssätt tillsammans med oss.",
    ),
    (
        "stadsutveckling",
        "Stadsutveckling",
        "Urban development",
        "Hur Umeå växer: bostäder, offentliga rum, kollektivtrafik och naturliga platser där "
        "människor möts.",
    ),
    (
        "kultur-och-idrott",
        "Kultur och idrott",
        "Culture and sport",
        "Kulturliv, idrottsföreningar och spontanidrott som bygger gemenskap över gränserna "
        "mellan stadsdelar.",
    ),
]

# (slug, name, English name, municipality)
DISTRICTS = [
    ("ersboda", "Ersboda", "Ersboda", "Umeå"),
    ("mariehem", "Mariehem", "Mariehem", "Umeå"),
    ("alidhem", "Ålidhem", "Ålidhem", "Umeå"),
    ("tomtebo", "Tomtebo", "Tomtebo", "Umeå"),
    ("centrum", "Centrum", "City centre", "Umeå"),
    ("holmsund", "Holmsund", "Holmsund", "Umeå"),
    ("teg", "Teg", "Teg", "Umeå"),
]


def _upsert(model, *, slug: str, name: str, **fields):
    # Match on name too: an editor may already have created "Trygghet" with another slug,
    # and both columns are unique.
    obj = model.objects.filter(Q(slug=slug) | Q(name=name)).order_by("pk").first()
    obj = obj or model(slug=slug)
    obj.name = name
    for key, value in fields.items():
        setattr(obj, key, value)
    obj.save()
    return obj


def ensure_taxonomy() -> tuple[dict[str, Theme], dict[str, District]]:
    themes = {
        slug: _upsert(Theme, slug=slug, name=name, name_en=name_en, description=description)
        for slug, name, name_en, description in THEMES
    }
    districts = {
        slug: _upsert(District, slug=slug, name=name, name_en=name_en, municipality=municipality)
        for slug, name, name_en, municipality in DISTRICTS
    }
    return themes, districts
