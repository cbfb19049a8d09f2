"""Keep the matchmaking index fresh: bump its versions after commits that change its inputs.

Connected in projects/apps.py. Taggit sends m2m_changed for `profile.skills.add(...)` and
friends with the through model as sender, like Django's own many-to-many fields.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import index

_M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}


def _profile_ids_changed(ids) -> None:
    ids = [i for i in ids if i is not None]
    if ids:
        transaction.on_commit(lambda: index.people_changed(ids))


def _projects_changed() -> None:
    transaction.on_commit(index.projects_changed)


def on_profile_saved(sender, instance, **kwargs):
    _profile_ids_changed([instance.pk])


def on_profile_m2m(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in _M2M_ACTIONS:
        return
    from people.models import Profile

    if isinstance(instance, Profile):
        _profile_ids_changed([instance.pk])
    elif pk_set:  # a tag or district changed from its side: the profiles are in pk_set
        _profile_ids_changed(list(pk_set))


def on_user_saved(sender, instance, **kwargs):
    # Deactivating an account takes the person out of the pool.
    profile_id = getattr(getattr(instance, "profile", None), "pk", None)
    if profile_id and kwargs.get("update_fields") != frozenset({"last_login"}):
        _profile_ids_changed([profile_id])


def on_project_input(sender, **kwargs):
    if kwargs.get("action", "post_add") in _M2M_ACTIONS:
        _projects_changed()


def connect() -> None:
    from django.contrib.auth import get_user_model

    from people.models import Profile, ProfileInterest, ProfileSkill
    from projects.models import (
        Project,
        ProjectMembership,
        ProjectRole,
        ProjectRoleSkill,
        ProjectSkill,
    )

    uid = "matchmaking"
    post_save.connect(on_profile_saved, sender=Profile, dispatch_uid=f"{uid}-profile")
    post_delete.connect(on_profile_saved, sender=Profile, dispatch_uid=f"{uid}-profile-del")
    post_save.connect(on_user_saved, sender=get_user_model(), dispatch_uid=f"{uid}-user")
    for through in (ProfileSkill, ProfileInterest, Profile.districts.through):
        m2m_changed.connect(on_profile_m2m, sender=through, dispatch_uid=f"{uid}-{through}")
    for model in (Project, ProjectRole, ProjectMembership):
        post_save.connect(on_project_input, sender=model, dispatch_uid=f"{uid}-s-{model}")
        post_delete.connect(on_project_input, sender=model, dispatch_uid=f"{uid}-d-{model}")
    for through in (ProjectSkill, ProjectRoleSkill, Project.themes.through,
                    Project.districts.through):  # fmt: skip
        m2m_changed.connect(on_project_input, sender=through, dispatch_uid=f"{uid}-m-{through}")
