"""Registers the ideas admin (projects/admin/); nothing else lives here."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin.moderation import ModerationViewSet
from .admin.policy import IdeaAdminPolicy
from .admin.review import IdeaViewSet
from .models import Idea

# Registered at import time, before Wagtail creates a fallback policy for the model.
register_permission_policy(Idea, IdeaAdminPolicy(Idea))


@hooks.register("register_admin_viewset")
def register_idea_viewsets():
    return [IdeaViewSet(), ModerationViewSet()]
