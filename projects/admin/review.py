"""The review queue: ideas per challenge with filters and search, checkboxes for bulk
actions (publish, shortlist, decline with a template reason) that POST to one view calling
the services, CSV/XLSX export, and a per-idea review page (return, merge, archive…).

Wagtail 8's ModelViewSet has no bulk actions for plain models: the checkboxes are a column
whose inputs belong (HTML `form` attribute) to a form outside the listing, so Wagtail's AJAX
refresh of the results never loses the form.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_filters import ChoiceFilter, ModelChoiceFilter
from django_filters.fields import ModelChoiceField
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from challenges.models import ChallengePage
from umecom.converters import MAX_ID
from umecom.core.admin_display import EMPTY, ReadableExportMixin, ReadableInspectView

from .. import permissions
from ..models import ACTIVE_STATUSES, Idea, IdeaStatus, Moderation
from ..selectors.ideas import idea_history, ideas_for_admin
from ..services import ideas as services
from .dashboard import dashboard_view

# Reasons the team picks from when declining many ideas at once (the author reads it).
DECLINE_REASONS = [
    ("duplicate", gettext_lazy("Idén finns redan i en liknande form. Stöd gärna den i stället.")),
    ("scope", gettext_lazy("Idén ligger utanför vad utmaningen frågar efter.")),
    ("rules", gettext_lazy("Idén följer inte reglerna för Umecom.")),
    ("incomplete", gettext_lazy("Idén beskriver för lite för att vi ska kunna ta ställning.")),
]
BULK_ACTIONS = [
    ("publish", gettext_lazy("Publicera")),
    ("shortlist", gettext_lazy("Välj ut")),
    ("decline", gettext_lazy("Avböj (med vald motivering)")),
]


class SafeIdMixin:
    """A model choice by id that refuses ids a 64-bit column cannot hold before any query:
    SQLite raises OverflowError (a 500) on them. They are an invalid choice like any other."""

    def to_python(self, value):
        if value not in self.empty_values:
            text = str(value)
            if not text.isdigit() or len(text) > 18:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdField(SafeIdMixin, ModelChoiceField):
    """For listing filters (django-filter's field)."""


class SafeModelChoiceField(SafeIdMixin, forms.ModelChoiceField):
    """For forms: a select of objects whose POSTed id may be anything."""


class SafeModelChoiceFilter(ModelChoiceFilter):
    field_class = IdField


class IdeaFilterSet(WagtailFilterSet):
    challenge = SafeModelChoiceFilter(
        label=gettext_lazy("Utmaning"),
        queryset=ChallengePage.objects.filter(locale__language_code="sv").order_by("title"),
    )
    status = ChoiceFilter(label=gettext_lazy("Status"), choices=IdeaStatus.choices)
    moderation = ChoiceFilter(
        label=gettext_lazy("Moderering"), choices=[c for c in Moderation.choices if c[0]]
    )

    class Meta:
        model = Idea
        fields = ["challenge", "status", "moderation"]


class CheckboxColumn(Column):
    cell_template_name = "projects/admin/checkbox_cell.html"

    def __init__(self):
        super().__init__("select", label=gettext_lazy("Välj"))


def _authors(idea) -> str:
    names = [idea.author_name]
    names += [c.user.profile.display_name for c in getattr(idea, "accepted_coauthors", [])]
    return ", ".join(names)


class IdeaIndexView(ReadableExportMixin, IndexView):
    template_name = "projects/admin/idea_index.html"

    def get_base_queryset(self):
        from django.db.models import Prefetch

        from ..models import CoAuthorStatus, IdeaCoAuthor

        accepted = IdeaCoAuthor.objects.filter(status=CoAuthorStatus.ACCEPTED).select_related(
            "user__profile"
        )
        return (
            ideas_for_admin(user=self.request.user)
            .select_related("challenge", "author__profile")
            .prefetch_related(
                "themes",
                "districts",
                Prefetch("coauthors", queryset=accepted, to_attr="accepted_coauthors"),
            )
            .annotate(open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        )

    def dispatch(self, request, *args, **kwargs):
        if request.GET.get("export") and not permissions.can_review_idea(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and permissions.can_review_idea(self.request.user)

    def to_row_dict(self, item):
        values = {
            "challenge": item.challenge.title,
            "authors": _authors(item),
            "status": item.get_status_display(),
            "themes": ", ".join(t.name for t in item.themes.all()),
            "districts": ", ".join(d.name for d in item.districts.all()),
        }
        return {
            field: values[field] if field in values else getattr(item, field)
            for field in self.list_export
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bulk_actions"] = BULK_ACTIONS
        context["decline_reasons"] = DECLINE_REASONS
        context["can_review"] = permissions.can_review_idea(self.request.user)
        context["bulk_url"] = reverse("ideer:bulk")
        context["dashboard_url"] = reverse("ideer:dashboard")
        return context

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if permissions.can_review_idea(self.request.user):
            buttons.append(
                ListingButton(
                    _("Granska"),
                    url=reverse("ideer:review", args=[instance.pk]),
                    icon_name="edit",
                    priority=5,
                )
            )
        return buttons


class IdeaInspectView(ReadableInspectView):
    """One idea as staff see it; moderators only reach the ideas they moderate."""

    def get_object(self, queryset=None):
        # The route's <id:…> converter has already refused what cannot be an id.
        return get_object_or_404(ideas_for_admin(user=self.request.user), pk=int(self.pk))

    def get_field_label(self, field_name, field):
        if field_name == "attachments":
            return _("Bilagor")
        return super().get_field_label(field_name, field)

    def get_attachments_display_value(self):
        items = list(self.object.attachments.all())
        if not items:
            return EMPTY
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({}, {})</li>',
                (
                    (
                        reverse("projects:attachment", args=[self.object.pk, a.pk]),
                        a.name,
                        a.type_label,
                        filesizeformat(a.size),
                    )
                    for a in items
                ),
            ),
        )


class IdeaViewSet(ModelViewSet):
    model = Idea
    pk_path_converter = "id"
    index_view_class = IdeaIndexView
    icon = "pick"
    menu_label = gettext_lazy("Idéer")
    menu_order = 240
    name = "ideer"
    url_prefix = "ideer"
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = IdeaInspectView
    inspect_view_fields = [
        "challenge", "title", "summary", "status", "status_reason", "moderation",
        "moderation_reason", "support_count", "attachments", "created_at", "submitted_at",
        "published_at",
    ]  # fmt: skip
    form_fields = ["title"]  # never used: the policy grants no add or change
    list_display = [
        CheckboxColumn(),
        "title",
        Column("challenge", label=gettext_lazy("Utmaning"), accessor="challenge.title"),
        Column("authors", label=gettext_lazy("Förslagsställare"), accessor=_authors),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("support_count", label=gettext_lazy("Stöd"), sort_key="support_count"),
        Column("open_flags", label=gettext_lazy("Anmälningar"), sort_key="open_flags"),
        DateColumn("created_at", label=gettext_lazy("Skapad"), sort_key="created_at"),
    ]
    filterset_class = IdeaFilterSet
    search_fields = ["title", "summary"]
    list_export = [
        "title", "challenge", "authors", "status", "summary", "themes", "districts",
        "support_count", "comment_count", "created_at", "published_at",
    ]  # fmt: skip
    export_headings = {
        "title": gettext_lazy("Rubrik"),
        "challenge": gettext_lazy("Utmaning"),
        "authors": gettext_lazy("Förslagsställare"),
        "status": gettext_lazy("Status"),
        "summary": gettext_lazy("Sammanfattning"),
        "themes": gettext_lazy("Teman"),
        "districts": gettext_lazy("Stadsdelar"),
        "support_count": gettext_lazy("Stöd"),
        "comment_count": gettext_lazy("Kommentarer"),
        "created_at": gettext_lazy("Skapad"),
        "published_at": gettext_lazy("Publicerad"),
    }
    export_filename = "umecom-ideer"

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("massatgard/", bulk_action_view, name="bulk"),
            path("oversikt/", dashboard_view, name="dashboard"),
            path("<id:pk>/granska/", review_view, name="review"),
        ]


def _ids(raw: list[str]) -> list[int]:
    ids = []
    for value in raw[:500]:
        if value.isdigit() and len(value) <= 19 and 0 < int(value) <= MAX_ID:
            ids.append(int(value))
    return ids


@require_POST
def bulk_action_view(request):
    if not permissions.can_review_idea(request.user):
        raise PermissionDenied
    action = request.POST.get("action", "")
    if action not in dict(BULK_ACTIONS):
        messages.error(request, _("Välj en åtgärd."))
        return redirect("ideer:index")
    reason = ""
    if action == "decline":
        reason = str(dict(DECLINE_REASONS).get(request.POST.get("reason_template", ""), ""))
        if not reason:
            messages.error(request, _("Välj en motivering när ni avböjer idéer."))
            return redirect("ideer:index")
    ideas = list(Idea.objects.filter(pk__in=_ids(request.POST.getlist("ids"))))
    if not ideas:
        messages.error(request, _("Markera minst en idé."))
        return redirect("ideer:index")
    done, refused = 0, []
    for idea in ideas:
        try:
            services.idea_transition(idea=idea, by=request.user, action=action, reason=reason)
            done += 1
        except services.IdeaError as error:
            refused.append(str(error))
    if done:
        messages.success(request, _("%(count)s idéer är uppdaterade.") % {"count": done})
    for text in refused[:10]:
        messages.warning(request, text)
    return redirect("ideer:index")


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Beslut"),
        choices=[
            ("publish", gettext_lazy("Publicera")),
            ("return", gettext_lazy("Skicka tillbaka till förslagsställaren")),
            ("decline", gettext_lazy("Avböj")),
            ("shortlist", gettext_lazy("Välj ut")),
            ("merge", gettext_lazy("Slå samman med en annan idé")),
            ("archive", gettext_lazy("Arkivera")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Motivering (förslagsställaren ser den)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    merge_into = forms.ModelChoiceField(
        label=gettext_lazy("Slå samman med"), queryset=Idea.objects.none(), required=False
    )

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = (
            Idea.objects.filter(challenge=idea.challenge, status__in=ACTIVE_STATUSES)
            .exclude(pk=idea.pk)
            .order_by("title")
        )


def review_view(request, pk: int):
    if not permissions.can_review_idea(request.user):
        raise PermissionDenied
    idea = get_object_or_404(Idea.objects.select_related("challenge", "author__profile"), pk=pk)
    form = ReviewForm(request.POST or None, idea=idea)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "merge":
                if data["merge_into"] is None:
                    raise services.IdeaError(_("Välj vilken idé den ska slås samman med."))
                services.idea_merge(
                    idea=idea, into=data["merge_into"], by=request.user, reason=data["reason"]
                )
            else:
                services.idea_transition(
                    idea=idea, by=request.user, action=data["action"], reason=data["reason"]
                )
        except services.IdeaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Beslutet om ”%(title)s” är sparat.") % {"title": idea.title}
            )
            return redirect("ideer:index")
    return TemplateResponse(
        request,
        "projects/admin/idea_review.html",
        {
            "idea": idea,
            "form": form,
            "history": list(idea_history(idea=idea)),
            "attachments": list(idea.attachments.all()),
        },
    )
