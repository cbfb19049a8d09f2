"""Projects in the Wagtail admin for the innovation team: a list with filters and export, an
inspect view, create and edit forms that go through projects/services/teams.py (so every
change is in the project's history), and the "Vems röster saknas?" dashboard per challenge.

Team-only projects: the innovation team sees every project's team here (they manage them);
nobody else has access to this admin (ProjectAdminPolicy).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.forms.models import modelform_factory
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy

from challenges.models import ChallengePage
from umecom.core.admin_charts import bar_chart
from umecom.core.admin_display import EMPTY, ReadableExportMixin, ReadableInspectView
from umecom.roles import INNOVATION_TEAM
from umecom.taxonomy.models import ActorType

from .. import permissions_teams as perms
from ..models import Project, ProjectStatus, ProjectVisibility
from ..selectors.teams import voices_dashboard
from ..services import teams as services
from .review import SafeModelChoiceField, SafeModelChoiceFilter

LABEL_WIDTH = 210
CHART_WIDTH = 600


class ProjectAdminPolicy(BasePermissionPolicy):
    """The innovation team looks, adds and edits (through the services); nobody deletes a
    project here — a project ends by being completed, its history kept."""

    def user_has_permission(self, user, action):
        return action in ("view", "add", "change") and perms.can_view_projects_admin(user)

    def users_with_any_permission(self, actions):
        if not set(actions) & {"view", "add", "change"}:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=INNOVATION_TEAM), is_active=True)
            .distinct()
        )


class ProjectFilterSet(WagtailFilterSet):
    challenge = SafeModelChoiceFilter(
        label=gettext_lazy("Utmaning"),
        queryset=ChallengePage.objects.filter(locale__language_code="sv").order_by("title"),
    )
    status = ChoiceFilter(label=gettext_lazy("Status"), choices=ProjectStatus.choices)
    visibility = ChoiceFilter(
        label=gettext_lazy("Vem ser teamets sidor"), choices=ProjectVisibility.choices
    )

    class Meta:
        model = Project
        fields = ["challenge", "status", "visibility"]


class ProjectIndexView(ReadableExportMixin, IndexView):
    template_name = "projects/admin/project_index.html"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("challenge")
            .annotate(
                member_count=Count("memberships", distinct=True),
                open_role_count=Count("roles", filter=Q(roles__is_open=True), distinct=True),
            )
        )

    def to_row_dict(self, item):
        # The labels staff read in the listing, not the stored codes ("forming", "team").
        values = {
            "challenge": item.challenge.title,
            "status": item.get_status_display(),
            "visibility": item.get_visibility_display(),
        }
        return {
            field: values[field] if field in values else getattr(item, field)
            for field in self.list_export
        }


class ProjectInspectView(ReadableInspectView):
    def get_field_display_value(self, field_name, field):
        if field_name == "wanted_actor_mix":
            labels = dict(ActorType.choices)
            mix = self.object.wanted_actor_mix or {}
            return (
                ", ".join(
                    _("%(type)s: minst %(n)s") % {"type": labels.get(key, key), "n": n}
                    for key, n in mix.items()
                )
                or EMPTY
            )
        return super().get_field_display_value(field_name, field)


def _challenges_to_start_under():
    """Live challenge pages in the default language: a project belongs to the Swedish page
    (its translations share it), and a draft nobody has published has no one to join it."""
    return (
        ChallengePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("title")
    )


class ProjectAdminForm(WagtailAdminModelForm):
    """What the create and edit views share: the team size the services accept (1–50), said
    in the form rather than clamped on save."""

    max_team_size = forms.IntegerField(
        label=gettext_lazy("Största antal i teamet"),
        min_value=1,
        max_value=services.MAX_TEAM_SIZE,
        initial=8,
        error_messages={
            "min_value": services.TEAM_SIZE_MESSAGE,
            "max_value": services.TEAM_SIZE_MESSAGE,
        },
    )


class ProjectCreateForm(ProjectAdminForm):
    """A new project always starts as forming (project_create), so there is no status here."""

    challenge = SafeModelChoiceField(
        label=gettext_lazy("Utmaning"), queryset=ChallengePage.objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = _challenges_to_start_under()


class ProjectEditForm(ProjectAdminForm):
    """The challenge is shown, not editable: moving a project between challenges is not
    supported (project_update keeps it), and a disabled field ignores what is POSTed."""

    challenge = SafeModelChoiceField(
        label=gettext_lazy("Utmaning"),
        queryset=ChallengePage.objects.none(),
        disabled=True,
        help_text=gettext_lazy("Ett projekt kan inte flyttas till en annan utmaning."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = ChallengePage.objects.filter(
            pk=self.instance.challenge_id
        )


CREATE_FIELDS = [
    "challenge", "title", "goal", "description", "needed_skills", "districts", "themes",
    "visibility", "max_team_size",
]  # fmt: skip
EDIT_FIELDS = [
    "challenge", "title", "goal", "description", "needed_skills", "districts", "themes",
    "status", "visibility", "max_team_size",
]  # fmt: skip


def _project_fields(data) -> dict:
    """What the create and edit forms hand to the services, from the form's cleaned data."""
    return {
        **{n: data[n] for n in ("title", "goal", "description", "visibility", "max_team_size")},
        "needed_skills": [t.name if hasattr(t, "name") else str(t) for t in data["needed_skills"]],
        "districts": list(data["districts"]),
        "themes": list(data["themes"]),
    }


def _add_service_error(form, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names when the form has that field,
    above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceErrorsOnTheForm:
    """The services say no with a ValidationError (projects/services/teams.py); the form
    comes back with it and with what was typed, instead of a 500. Wagtail saves inside
    transaction.atomic, so a refusal halfway (the edit, then the status) leaves nothing."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            _add_service_error(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ProjectCreateView(ServiceErrorsOnTheForm, CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.project_create(
            challenge=data["challenge"],
            by=self.request.user,
            **_project_fields(data),
        )


class ProjectEditView(ServiceErrorsOnTheForm, EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        project = services.project_update(
            project=Project.objects.get(pk=self.object.pk),
            by=self.request.user,
            **_project_fields(data),
        )
        if data["status"] != project.status:
            services.project_set_status(
                project=project, by=self.request.user, status=data["status"]
            )
        return project


class ProjectViewSet(ModelViewSet):
    model = Project
    pk_path_converter = "id"
    icon = "group"
    menu_label = gettext_lazy("Projekt")
    menu_order = 245
    name = "projekt"
    url_prefix = "projekt"
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = ProjectIndexView
    add_view_class = ProjectCreateView
    edit_view_class = ProjectEditView
    inspect_view_enabled = True
    inspect_view_class = ProjectInspectView
    inspect_view_fields = [
        "challenge", "idea", "title", "goal", "status", "visibility", "max_team_size",
        "wanted_actor_mix", "created_at", "updated_at",
    ]  # fmt: skip
    form_fields = EDIT_FIELDS
    list_display = [
        "title",
        Column("challenge", label=gettext_lazy("Utmaning"), accessor="challenge.title"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column(
            "visibility", label=gettext_lazy("Teamets sidor"), accessor="get_visibility_display"
        ),
        Column("member_count", label=gettext_lazy("I teamet"), sort_key="member_count"),
        Column("open_role_count", label=gettext_lazy("Öppna roller"), sort_key="open_role_count"),
        DateColumn("created_at", label=gettext_lazy("Skapat"), sort_key="created_at"),
    ]
    filterset_class = ProjectFilterSet
    search_fields = ["title", "goal"]
    list_export = ["title", "challenge", "status", "visibility", "goal", "created_at"]
    export_headings = {
        "title": gettext_lazy("Namn"),
        "challenge": gettext_lazy("Utmaning"),
        "status": gettext_lazy("Status"),
        "visibility": gettext_lazy("Teamets sidor"),
        "goal": gettext_lazy("Mål"),
        "created_at": gettext_lazy("Skapat"),
    }
    export_filename = "umecom-projekt"

    def get_form_class(self, for_update=False):
        if for_update:
            return modelform_factory(self.model, form=ProjectEditForm, fields=EDIT_FIELDS)
        return modelform_factory(self.model, form=ProjectCreateForm, fields=CREATE_FIELDS)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("roster/", voices_view, name="voices"),
        ]


def voices_view(request):
    """ "Vems röster saknas?": per challenge, the teams' mix beside everyone who joined."""
    if not perms.can_view_projects_admin(request.user):
        raise PermissionDenied
    challenges = list(
        ChallengePage.objects.filter(locale__language_code="sv")
        .annotate(project_count=Count("projects"))
        .order_by("title")
        .only("title")
    )
    raw = request.GET.get("utmaning", "")
    chosen = None
    if raw.isdigit() and len(raw) <= 18:
        chosen = next((c for c in challenges if c.pk == int(raw)), None)
    # Without a choice, the challenge with the most projects: the first one alphabetically
    # may have no teams at all, and then the page has nothing to compare.
    chosen = chosen or max(challenges, key=lambda c: c.project_count, default=None)
    data = voices_dashboard(challenge=chosen) if chosen else {"charts": []}
    charts = [
        bar_chart(chart, chart_width=CHART_WIDTH, label_width=LABEL_WIDTH)
        for chart in data["charts"]
    ]
    return TemplateResponse(
        request,
        "projects/admin/voices.html",
        {"challenges": challenges, "chosen": chosen, "charts": charts, "data": data},
    )
