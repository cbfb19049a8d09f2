"""`load_demo` adds projects in every state, with teams, open roles, partner organisations, a
waiting request and an invitation, and adds nothing more when run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from projects.models import (
    JoinRequest,
    MemberRole,
    Project,
    ProjectInvitation,
    ProjectMembership,
    ProjectPartner,
    ProjectRole,
    ProjectStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def counts():
    return [
        m.objects.count()
        for m in (
            Project, ProjectMembership, ProjectRole, ProjectPartner, JoinRequest,
            ProjectInvitation,
        )
    ]  # fmt: skip


def test_demo_projects_cover_every_state_and_load_twice_without_duplicates(client):
    call_command("load_demo", stdout=StringIO())
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first
    assert set(Project.objects.values_list("status", flat=True)) == set(ProjectStatus.values)
    for project in Project.objects.all():
        assert project.memberships.filter(role=MemberRole.LEAD).count() == 1
        assert client.get(reverse("projects:project_detail", args=[project.pk])).status_code == 200
    assert ProjectRole.objects.filter(is_open=True).count() >= 4
    assert ProjectPartner.objects.filter(status="accepted").count() >= 3
    assert JoinRequest.objects.filter(status="pending").exists()
    assert ProjectInvitation.objects.filter(status="pending").exists()
    assert Project.objects.filter(idea__isnull=False).count() == 3
