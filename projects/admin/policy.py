from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from umecom.roles import INNOVATION_TEAM, MODERATORS

from .. import permissions


class IdeaAdminPolicy(BasePermissionPolicy):
    """Both staff groups may look; nobody adds, edits or deletes ideas as rows here: every
    change goes through the services (review and moderation views), so it is in the history."""

    def user_has_permission(self, user, action):
        if action == "view":
            return permissions.can_view_ideas_admin(user)
        return False

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(groups__name__in=[INNOVATION_TEAM, MODERATORS]),
                is_active=True,
            )
            .distinct()
        )
