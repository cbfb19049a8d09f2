"""Staff roles, shared by every app. The groups themselves are created in a migration
(umecom/core/migrations) so that every environment has the same permissions."""

INNOVATION_TEAM = (
    "Innovationsteamet"  # curates challenges, approves publishing, verifies organisations
)
MODERATORS = "Moderatorer"  # moderates what members submit; drafts pages but cannot publish
EDITORS = "Redaktörer"  # municipal staff who write challenges and submit them for approval


def in_group(user, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    # Cache per request-user object: permission checks run many times per page.
    cache = user.__dict__.setdefault("_umecom_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user.__dict__["_umecom_groups"] = cache
    return name in cache


def is_innovation_team(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or in_group(
        user, INNOVATION_TEAM
    )


def may_use_admin(user) -> bool:
    """Whether `user` may enter the Wagtail admin (Wagtail's own `access_admin` permission,
    which the staff groups hold and superusers have implicitly)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
    )
