"""Registers the ideas and projects admin (projects/admin/), and keeps challenges people have
contributed to from being deleted (projects/admin/challenge_delete.py)."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from .admin import challenge_delete
from .admin.moderation import ModerationViewSet
from .admin.policy import IdeaAdminPolicy
from .admin.review import IdeaViewSet
from .admin.teams import ProjectAdminPolicy, ProjectViewSet
from .models import Idea, Project

# Registered at import time, before Wagtail creates a fallback policy for the model.
register_permission_policy(Idea, IdeaAdminPolicy(Idea))
register_permission_policy(Project, ProjectAdminPolicy(Project))


@hooks.register("register_admin_viewset")
def register_idea_viewsets():
    return [IdeaViewSet(), ModerationViewSet(), ProjectViewSet()]


@hooks.register("before_delete_page")
def keep_contributed_challenges(request, page):
    parent = page.get_parent()
    back = reverse("wagtailadmin_explore", args=[parent.pk]) if parent else "/admin/"
    return challenge_delete.refuse_if_contributed(request, [page], back)


@hooks.register("before_bulk_action")
def keep_contributed_challenges_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return None
    pages = [obj for obj in objects if isinstance(obj, Page)]
    back = get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root")
    return challenge_delete.refuse_if_contributed(request, pages, back)
