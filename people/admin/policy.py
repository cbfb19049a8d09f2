"""Who may open the people admin: one permission policy that defers to people/permissions.py."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from people import permissions
from umecom.roles import INNOVATION_TEAM, MODERATORS


class PeopleAdminPolicy(BasePermissionPolicy):
    """Moderators may look; the innovation team may also do `manage_actions`."""

    def __init__(self, model, *, manage_actions=()):
        super().__init__(model)
        self.manage_actions = frozenset(manage_actions)

    def user_has_permission(self, user, action):
        if action == "view":
            return permissions.can_view_people_admin(user)
        if action in self.manage_actions:
            return permissions.can_manage_people_admin(user)
        return False

    def users_with_any_permission(self, actions):
        groups = [INNOVATION_TEAM]
        if "view" in actions:
            groups.append(MODERATORS)
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name__in=groups), is_active=True)
            .distinct()
        )
