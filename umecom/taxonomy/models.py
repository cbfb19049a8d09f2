"""Shared vocabularies at the bottom of the import graph: every other app may use them."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ActorType(models.TextChoices):
    """Kinds of participants; challenges ask for them and profiles declare one."""

    CITIZEN = "citizen", _("Medborgare")
    COMPANY = "company", _("Företag")
    RESEARCHER = "researcher", _("Forskare")
    ASSOCIATION = "association", _("Förening")
    MUNICIPALITY = "municipality", _("Kommunen")


class BilingualNameMixin(models.Model):
    """Swedish name with an optional English one; shared by every locale of the site."""

    name = models.CharField(_("namn (svenska)"), max_length=80, unique=True)
    name_en = models.CharField(_("namn (engelska)"), max_length=80, blank=True)
    slug = models.SlugField(
        _("kortnamn i adresser"), max_length=80, unique=True, allow_unicode=False
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if (get_language() or "sv").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Theme(BilingualNameMixin, index.Indexed):
    description = models.TextField(_("beskrivning"), blank=True, max_length=500)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.AutocompleteField("name"),
    ]

    class Meta(BilingualNameMixin.Meta):
        verbose_name = _("tema")
        verbose_name_plural = _("teman")


class District(BilingualNameMixin, index.Indexed):
    municipality = models.CharField(_("kommun"), max_length=80, default="Umeå")

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("municipality"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(BilingualNameMixin.Meta):
        verbose_name = _("stadsdel")
        verbose_name_plural = _("stadsdelar")
