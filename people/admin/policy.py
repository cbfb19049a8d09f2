"""Who may open the people admin: one permission policy that defers to people/permissions.py."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.permission_policies import BasePermissionPolicy

from people import permissions
from people.models import Profile


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

    def user_has_permission_for_instance(self, user, action, instance):
        # A hidden profile does not exist for staff who may not see it (edit, inspect, …).
        if isinstance(instance, Profile) and not permissions.can_view_profile(user, instance):
            return False
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" in actions:
            rule = permissions.people_admin_users_q(manage=False)
        elif self.manage_actions.intersection(actions):
            rule = permissions.people_admin_users_q(manage=True)
        else:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(rule).distinct()
