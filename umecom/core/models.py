"""Site shell pages: the home page and plain content pages (about, privacy, accessibility)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from challenges.blocks import BodyBlock
from challenges.models import ChallengeIndexPage


class HomePage(Page):
    hero_heading = models.CharField(_("rubrik"), max_length=120)
    hero_text = models.TextField(_("ingress"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    how_it_works = StreamField(BodyBlock(), verbose_name=_("så fungerar det"), blank=True)
    featured_count = models.PositiveSmallIntegerField(_("antal utvalda utmaningar"), default=3)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Inledning"),
        ),
        FieldPanel("how_it_works"),
        FieldPanel("featured_count"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("startsida")

    def get_context(self, request, *args, **kwargs):
        from challenges.selectors import challenges_featured, challenges_recently_updated

        context = super().get_context(request, *args, **kwargs)
        context["featured_challenges"] = challenges_featured(
            locale=self.locale, limit=self.featured_count
        )
        context["latest_updates"] = challenges_recently_updated(locale=self.locale, limit=4)
        return context


class ContentPage(Page):
    """About, how it works, privacy policy, accessibility statement and similar pages."""

    intro = models.TextField(_("ingress"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["core.HomePage", "core.ContentPage"]

    class Meta:
        verbose_name = _("innehållssida")
        verbose_name_plural = _("innehållssidor")


# The challenge register hangs under the home page. Set here, in the upper layer, so that
# `challenges` need not name a page type of the site shell.
ChallengeIndexPage.parent_page_types = ["core.HomePage"]


@register_setting(icon="site")
class SiteFooter(ClusterableModel, BaseSiteSetting):
    """Editable site navigation: the main menu's pages, contact details and the footer links.

    (The name predates the menu; kept so that existing rows and references stay valid.)
    """

    contact_text = RichTextField(_("kontaktuppgifter"), blank=True, features=["bold", "link"])
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("integritetspolicy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("tillgänglighetsredogörelse"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    how_it_works_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("så fungerar det"),
        help_text=_("Startsidan och felsidorna länkar hit för att förklara hur Umecom fungerar."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("om Umecom"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        InlinePanel(
            "menu_items",
            heading=_("Huvudmeny"),
            label=_("Menysida"),
            help_text=_(
                "Sidorna i huvudmenyn, i ordning. Menyn visar sidans titel, på engelska "
                "titeln på sidans engelska översättning."
            ),
            max_num=6,
        ),
        FieldPanel("how_it_works_page"),
        FieldPanel("contact_text"),
        FieldPanel("about_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("meny och sidfot")


class SiteMenuItem(Orderable):
    """A page of the main menu, picked by editors in the site settings."""

    setting = ParentalKey(SiteFooter, related_name="menu_items", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("sida"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("menysida")
        verbose_name_plural = _("menysidor")
