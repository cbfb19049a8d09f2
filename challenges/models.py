"""City challenges as Wagtail pages. Pages stay thin: rules live in `phases.py` and selectors."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from umecom.taxonomy.models import ActorType

from . import phases as rules
from .blocks import BodyBlock
from .phases import ChallengeStatus, PhaseKind


class ChallengeIndexPage(Page):
    intro = models.TextField(_("ingress"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    # parent_page_types: set by the site shell (umecom.core.models), the layer above.
    subpage_types = ["challenges.ChallengePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("utmaningsregister")
        verbose_name_plural = _("utmaningsregister")

    def get_context(self, request, *args, **kwargs):
        from .page_context import challenge_index_context  # keeps the page model thin

        context = super().get_context(request, *args, **kwargs)
        context.update(challenge_index_context(request=request, index_page=self))
        return context


class ChallengeSkillTag(TaggedItemBase):
    """Skills a challenge looks for; the same tag vocabulary as people's skills."""

    content_object = ParentalKey(
        "challenges.ChallengePage", related_name="skill_items", on_delete=models.CASCADE
    )


class ChallengePageForm(WagtailAdminPageForm):
    wanted_actor_types = forms.MultipleChoiceField(
        label=_("Vilka slags deltagare söker vi?"),
        choices=ActorType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        phases = [
            f.cleaned_data
            for f in self.formsets["phases"].forms
            if f.is_valid() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        dated = sorted(
            (p for p in phases if p.get("start_date") and p.get("end_date")),
            key=lambda p: p["start_date"],
        )
        for earlier, later in zip(dated, dated[1:], strict=False):
            if later["start_date"] <= earlier["end_date"]:
                raise ValidationError(
                    _("Faserna får inte överlappa varandra. Kontrollera datumen.")
                )
        deadline = cleaned.get("idea_deadline")
        idea_phases = [p for p in dated if p.get("kind") == PhaseKind.IDEAS]
        if deadline and dated and not idea_phases:
            # Ideas are taken only while an ideas phase runs: a deadline alone would show a
            # date nobody could submit by.
            self.add_error("idea_deadline", _("Sista dag för idéer kräver en idéfas."))
        elif deadline and idea_phases and deadline > idea_phases[-1]["end_date"]:
            self.add_error(
                "idea_deadline", _("Sista dag för idéer kan inte ligga efter idéfasens slut.")
            )
        elif deadline and idea_phases and deadline < idea_phases[0]["start_date"]:
            self.add_error(
                "idea_deadline", _("Sista dag för idéer kan inte ligga före idéfasens start.")
            )
        return cleaned


class ChallengePage(Page):
    summary = models.TextField(
        _("sammanfattning"),
        max_length=300,
        help_text=_("En eller två meningar som visas i listor och sökresultat."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("huvudbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)
    department = models.CharField(_("ansvarig förvaltning"), max_length=120)
    contact_name = models.CharField(_("kontaktperson"), max_length=120, blank=True)
    contact_email = models.EmailField(
        _("kontaktens e-post"), blank=True, help_text=_("Använd gärna en funktionsadress.")
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("teman"), blank=True, related_name="challenges"
    )
    districts = ParentalManyToManyField(
        "taxonomy.District", verbose_name=_("stadsdelar"), blank=True, related_name="challenges"
    )
    idea_deadline = models.DateField(_("sista dag för idéer"), null=True, blank=True)
    wanted_actor_types = models.JSONField(_("sökta deltagare"), default=list, blank=True)
    wanted_skills = ClusterTaggableManager(
        through=ChallengeSkillTag,
        blank=True,
        verbose_name=_("sökta kompetenser"),
        help_text=_(
            "Kompetenser som behövs, till exempel ungdomsarbete, stadsplanering, dataanalys."
        ),
    )

    base_form_class = ChallengePageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [InlinePanel("phases", label=_("Fas"), min_num=1), FieldPanel("idea_deadline")],
            heading=_("Tidslinje"),
        ),
        MultiFieldPanel(
            [FieldPanel("wanted_actor_types"), FieldPanel("wanted_skills")],
            heading=_("Vilka vi söker"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("districts", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Teman och stadsdelar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("department"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
            ],
            heading=_("Ansvarig"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("department"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("districts", [index.SearchField("name")]),
        index.FilterField("idea_deadline"),
    ]
    parent_page_types = ["challenges.ChallengeIndexPage"]
    subpage_types = []
    # Loaded with the page when the site shell serves it from a remembered route.
    serve_select_related = ("hero_image",)

    class Meta:
        verbose_name = _("utmaning")
        verbose_name_plural = _("utmaningar")

    def phase_list(self) -> list["ChallengePhase"]:
        # Status, deadline and permission checks all ask for the phases while one page renders;
        # keep the sorted list on the instance (selectors fill `phases` by prefetch anyway).
        cached = self.__dict__.get("_phase_list")
        if cached is None:
            cached = sorted(self.phases.all(), key=lambda p: p.start_date)
            self.__dict__["_phase_list"] = cached
        return cached

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("_phase_list", None)
        self.__dict__.pop("_effective_idea_deadline", None)
        super().refresh_from_db(*args, **kwargs)

    def status_on(self, day=None) -> ChallengeStatus:
        return rules.derive_status(self.phase_list(), day or timezone.localdate())

    @property
    def status(self) -> ChallengeStatus:
        # Lists annotate `status_rank` in SQL (selectors); fall back to the phases otherwise.
        rank = getattr(self, "status_rank", None)
        return rules.status_of_rank(rank) if rank is not None else self.status_on()

    def phase_in_effect(self, day=None):
        return rules.phase_in_effect(self.phase_list(), day or timezone.localdate())

    @property
    def effective_idea_deadline(self):
        """`rules.idea_deadline`; lists annotate it in SQL under the same name."""
        if "_effective_idea_deadline" not in self.__dict__:
            self.__dict__["_effective_idea_deadline"] = rules.idea_deadline(self)
        return self.__dict__["_effective_idea_deadline"]

    @effective_idea_deadline.setter
    def effective_idea_deadline(self, value):
        self.__dict__["_effective_idea_deadline"] = value

    @property
    def is_open_for_ideas(self) -> bool:
        return rules.is_open_for_ideas(self, timezone.localdate())

    def get_context(self, request, *args, **kwargs):
        from .page_context import challenge_page_context  # keeps the page model thin

        context = super().get_context(request, *args, **kwargs)
        context.update(challenge_page_context(request=request, page=self))
        return context


class ChallengePhase(Orderable):
    page = ParentalKey(
        ChallengePage, related_name="phases", on_delete=models.CASCADE, verbose_name=_("utmaning")
    )
    kind = models.CharField(_("fas"), max_length=20, choices=PhaseKind.choices)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"))
    description = models.CharField(_("vad händer"), max_length=250, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("fas")
        verbose_name_plural = _("faser")

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Slutdatum kan inte vara före startdatum.")})

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_date}–{self.end_date}"
