"""Registers the ideas and projects admin (projects/admin/); nothing else lives here."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

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
