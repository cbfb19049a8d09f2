"""Staff roles from the groups migration: who may edit, submit, approve and publish challenges."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowState

from challenges.models import ChallengePage
from tests.challenges.admin_forms import page_edit_form
from tests.factories import challenges as build
from tests.factories.base import UserFactory
from umecom import roles

pytestmark = pytest.mark.django_db


def member_of(group_name: str, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor():
    return member_of(roles.EDITORS)


@pytest.fixture
def innovation_member():
    return member_of(roles.INNOVATION_TEAM)


@pytest.fixture
def moderator():
    return member_of(roles.MODERATORS)


@pytest.fixture
def draft():
    return build.challenge(title="Hur kan fler unga hitta sommarjobb?", publish=False)


def test_migration_creates_our_groups_and_removes_wagtails_defaults():
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.EDITORS, roles.INNOVATION_TEAM, roles.MODERATORS} <= names
    assert not names & {"Editors", "Moderators"}
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_challenges_use_the_innovation_team_approval_workflow(draft):
    workflow = draft.get_workflow()
    assert workflow.name == "Publicering av utmaningar"
    [task] = [t.specific for t in workflow.tasks]
    assert task.name == "Godkännande av innovationsteamet"
    assert list(task.groups.values_list("name", flat=True)) == [roles.INNOVATION_TEAM]


@pytest.mark.parametrize(
    ("group", "can_edit", "can_publish", "can_lock"),
    [
        (roles.EDITORS, True, False, False),
        (roles.MODERATORS, True, False, False),
        (roles.INNOVATION_TEAM, True, True, True),
    ],
)
def test_page_permissions_of_each_group(draft, group, can_edit, can_publish, can_lock):
    perms = draft.permissions_for_user(member_of(group))
    assert perms.can_edit() is can_edit
    assert perms.can_publish() is can_publish
    assert perms.can_lock() is can_lock


@pytest.mark.parametrize("group", [roles.EDITORS, roles.MODERATORS, roles.INNOVATION_TEAM])
def test_every_staff_group_can_open_the_admin(client, group):
    client.force_login(member_of(group))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_member_without_a_group_cannot_open_the_admin(client):
    client.force_login(UserFactory())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302


def test_anonymous_visitor_is_sent_to_log_in_from_the_admin(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_only_the_innovation_team_manages_themes_and_districts(
    editor, innovation_member, moderator
):
    for perm in ("taxonomy.add_theme", "taxonomy.change_district"):
        assert innovation_member.has_perm(perm)
        assert not editor.has_perm(perm)
        assert not moderator.has_perm(perm)


def test_moderators_and_innovation_team_may_change_organisations(
    editor, innovation_member, moderator
):
    assert innovation_member.has_perm("people.change_organisation")
    assert moderator.has_perm("people.view_commitment")
    assert not editor.has_perm("people.view_organisation")


def test_editor_can_submit_for_moderation_and_the_innovation_team_approves(
    draft, editor, innovation_member
):
    workflow = draft.get_workflow()
    draft.save_revision(user=editor)
    state = workflow.start(draft, editor)
    task_state = state.current_task_state
    task = task_state.task.specific

    # The editor submitted but may not approve their own challenge.
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert task.get_actions(draft, editor) == []
    assert [name for name, _label, _modal in task.get_actions(draft, innovation_member)] == [
        "reject",
        "approve",
        "approve",
    ]
    assert not ChallengePage.objects.get(pk=draft.pk).live

    task_state.approve(user=innovation_member)

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page = ChallengePage.objects.get(pk=draft.pk)
    assert page.live
    assert page.title == "Hur kan fler unga hitta sommarjobb?"


def test_editor_pressing_publish_in_the_admin_does_not_publish(client, draft, editor):
    """Through the real edit view: the editor's POST saves a draft, the page stays unpublished."""
    client.force_login(editor)
    url, data = page_edit_form(client, draft)
    data["action-publish"] = "action-publish"
    client.post(url, data)
    assert not Page.objects.get(pk=draft.pk).live


def test_editor_can_submit_through_the_admin(client, draft, editor):
    client.force_login(editor)
    url, data = page_edit_form(client, draft)
    data["action-submit"] = "action-submit"
    response = client.post(url, data)
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    assert not Page.objects.get(pk=draft.pk).live
