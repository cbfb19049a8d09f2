"""StreamField blocks for challenge bodies (and content pages, which reuse them)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Rubrik"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Nivå"),
        choices=[("h2", "H2"), ("h3", "H3")],
        default="h2",
        help_text=_("H2 för avsnitt, H3 för underavsnitt: håll rubrikerna i ordning."),
    )

    class Meta:
        icon = "title"
        template = "challenges/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        max_length=200,
        required=False,
        help_text=_("Beskriv bilden för den som inte ser den. Lämna tom för bildens standardtext."),
    )
    caption = blocks.CharBlock(label=_("Bildtext"), max_length=250, required=False)
    credit = blocks.CharBlock(label=_("Foto/illustration"), max_length=120, required=False)

    class Meta:
        icon = "image"
        template = "challenges/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citat"), max_length=600)
    attribution = blocks.CharBlock(label=_("Vem sa det"), max_length=150, required=False)

    class Meta:
        icon = "openquote"
        template = "challenges/blocks/quote.html"


class FactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(
        label=_("Siffra"), max_length=30, help_text=_("Till exempel 93 eller 200 000")
    )
    label = blocks.CharBlock(label=_("Förklaring"), max_length=160)
    source = blocks.CharBlock(label=_("Källa"), max_length=160, required=False)


class FactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Rubrik"), max_length=120, required=False)
    facts = blocks.ListBlock(FactBlock(), label=_("Fakta"), min_num=1, max_num=6)

    class Meta:
        icon = "list-ol"
        template = "challenges/blocks/facts.html"


class ExternalMediaBlock(blocks.StructBlock):
    """Video or other media hosted elsewhere, shown as a link card.

    Deliberately not an iframe: an embedded player would make every visitor's browser contact a
    third party (and set its cookies) before they chose to. The visitor decides by clicking.
    """

    url = blocks.URLBlock(label=_("Adress"))
    title = blocks.CharBlock(label=_("Titel"), max_length=160)
    description = blocks.TextBlock(label=_("Beskrivning"), max_length=400, required=False)
    provider = blocks.CharBlock(
        label=_("Tjänst"), max_length=60, required=False, help_text=_("Till exempel YouTube")
    )

    class Meta:
        icon = "media"
        label = _("Media (visas som länk)")
        template = "challenges/blocks/external_media.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Rubrik"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=400, required=False)
    button_label = blocks.CharBlock(label=_("Knapptext"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Sida"), required=False)
    url = blocks.URLBlock(label=_("eller adress"), required=False)

    class Meta:
        icon = "pick"
        template = "challenges/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.ValidationError(_("Välj en sida eller ange en adress."))
                }
            )
        return value


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(label=_("Rubrik"))
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="challenges/blocks/paragraph.html"
    )
    image = CaptionedImageBlock(label=_("Bild med bildtext"))
    quote = QuoteBlock(label=_("Citat"))
    facts = FactsBlock(label=_("Fakta och siffror"))
    media = ExternalMediaBlock()
    call_to_action = CallToActionBlock(label=_("Uppmaning"))
