"""Staff roles, shared by every app. The groups themselves are created in a migration
(umecom/core/migrations) so that every environment has the same permissions.

Each role exists in two forms side by side: `has_role(user, groups)` for one user and
`role_q(groups)` for a query over users (permission policies list "who may"). An active
superuser holds every role. tests/core/test_roles.py checks that both forms agree.
Apps do not ask these helpers directly in views: they ask their own permissions module
(people/permissions.py), which is built on them.
"""

from django.db.models import Q

INNOVATION_TEAM = (
    "Innovationsteamet"  # curates challenges, approves publishing, verifies organisations
)
MODERATORS = "Moderatorer"  # moderates what members submit; drafts pages but cannot publish
EDITORS = "Redaktörer"  # municipal staff who write challenges and submit them for approval

#: Every staff group; members of any of them work in the Wagtail admin.
STAFF_GROUPS = (INNOVATION_TEAM, EDITORS, MODERATORS)


def in_group(user, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    # Cache per request-user object: permission checks run many times per page.
    cache = user.__dict__.setdefault("_umecom_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user.__dict__["_umecom_groups"] = cache
    return name in cache


def has_role(user, groups) -> bool:
    """An active superuser, or an active member of any of `groups`."""
    if bool(getattr(user, "is_superuser", False)) and getattr(user, "is_active", False):
        return True
    return any(in_group(user, name) for name in groups)


def role_q(groups, *, prefix: str = "") -> Q:
    """The query form of `has_role`, over the user model (or through `prefix`, e.g. "user__")."""
    return Q(**{f"{prefix}is_active": True}) & (
        Q(**{f"{prefix}is_superuser": True}) | Q(**{f"{prefix}groups__name__in": list(groups)})
    )


def staff_q(*, prefix: str = "") -> Q:
    """Users who work in the admin in any staff role."""
    return role_q(STAFF_GROUPS, prefix=prefix)


def is_innovation_team(user) -> bool:
    return has_role(user, [INNOVATION_TEAM])


def may_use_admin(user) -> bool:
    """Whether `user` may enter the Wagtail admin (Wagtail's own `access_admin` permission,
    which the staff groups hold and superusers have implicitly)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
    )
