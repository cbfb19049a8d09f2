"""Keep the challenge page's cached project list fresh: any saved or deleted project,
membership or role (from the services, the admin or the demo) drops it after commit."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from .models import Project, ProjectMembership, ProjectRole
from .views.challenge_projects import forget_on_commit


def _project_changed(sender, instance, **kwargs):
    forget_on_commit(instance.challenge_id)


def _child_changed(sender, instance, **kwargs):
    challenge_id = (
        Project.objects.filter(pk=instance.project_id)
        .values_list("challenge_id", flat=True)
        .first()
    )
    forget_on_commit(challenge_id)


def connect() -> None:
    post_save.connect(_project_changed, sender=Project, dispatch_uid="projects_list_project_save")
    post_delete.connect(_project_changed, sender=Project, dispatch_uid="projects_list_project_del")
    for model in (ProjectMembership, ProjectRole):
        post_save.connect(
            _child_changed, sender=model, dispatch_uid=f"projects_list_{model.__name__}_s"
        )
        post_delete.connect(
            _child_changed, sender=model, dispatch_uid=f"projects_list_{model.__name__}_d"
        )
