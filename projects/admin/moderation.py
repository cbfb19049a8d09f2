"""Moderators' queue: ideas with open reports or hidden by them, and the decision (hide or
restore, with a reason the authors read)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from .. import permissions
from ..models import Idea, IdeaFlag, Moderation
from ..selectors.ideas import ideas_for_admin
from ..services import ideas as services


class FlaggedIndexView(IndexView):
    page_title = gettext_lazy("Anmälda idéer")  # not the model's "Idéer": this is the queue

    def get_base_queryset(self):
        return (
            ideas_for_admin(user=self.request.user)
            .annotate(open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
            .filter(Q(open_flags__gt=0) | Q(moderation=Moderation.PENDING))
            .select_related("challenge")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if permissions.can_moderate_idea(self.request.user):
            buttons.append(
                ListingButton(
                    _("Bestäm"),
                    url=reverse("ideer_moderering:moderate", args=[instance.pk]),
                    icon_name="warning",
                    priority=5,
                )
            )
        return buttons


class ModerationViewSet(ModelViewSet):
    model = Idea
    pk_path_converter = "id"
    index_view_class = FlaggedIndexView
    icon = "warning"
    menu_label = gettext_lazy("Anmälda idéer")
    menu_order = 245
    name = "ideer_moderering"
    url_prefix = "ideer-moderering"
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["title"]
    list_display = [
        "title",
        Column("challenge", label=gettext_lazy("Utmaning"), accessor="challenge.title"),
        Column("moderation", label=gettext_lazy("Moderering"), accessor="get_moderation_display"),
        Column("open_flags", label=gettext_lazy("Öppna anmälningar"), sort_key="open_flags"),
        DateColumn("updated_at", label=gettext_lazy("Ändrad"), sort_key="updated_at"),
    ]
    search_fields = ["title", "summary"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/bestam/", moderate_view, name="moderate"),
        ]


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Beslut"),
        choices=[
            ("restore", gettext_lazy("Återställ: idén följer reglerna")),
            ("hide", gettext_lazy("Dölj: idén bryter mot reglerna")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Motivering (förslagsställaren ser den)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def moderate_view(request, pk: int):
    if not permissions.can_moderate_idea(request.user):
        raise PermissionDenied
    idea = get_object_or_404(ideas_for_admin(user=request.user).select_related("challenge"), pk=pk)
    form = ModerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_moderate(
                idea=idea,
                by=request.user,
                hide=form.cleaned_data["decision"] == "hide",
                reason=form.cleaned_data["reason"],
            )
        except services.IdeaError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Beslutet om ”%(title)s” är sparat.") % {"title": idea.title}
            )
            return redirect("ideer_moderering:index")
    flags = IdeaFlag.objects.filter(idea=idea, resolved_at__isnull=True).order_by("created_at")
    return TemplateResponse(
        request,
        "projects/admin/idea_moderate.html",
        {"idea": idea, "form": form, "flags": list(flags)},
    )
