"""The team models' database rules: one membership per person, one lead, one pending request
and invitation per person and project."""

import pytest
from django.db import IntegrityError, transaction

from projects.models import JoinRequest, MemberRole, ProjectMembership
from tests.factories import challenges as challenge_pages
from tests.factories.people import ProfileFactory
from tests.factories.teams import InvitationFactory, MembershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(challenge=challenge_pages.challenge(title="Trygga stråk", plan="teams"))


def test_a_project_has_its_lead_from_the_factory(project):
    assert project.memberships.get().role == MemberRole.LEAD
    assert project.memberships.get().user == project.lead_user


def test_the_database_refuses_a_second_lead(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(project=project, role=MemberRole.LEAD)


def test_the_database_refuses_a_second_membership(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectMembership.objects.create(project=project, user=project.lead_user)


def test_one_pending_request_and_invitation_per_person(project):
    user = ProfileFactory().user
    JoinRequest.objects.create(project=project, user=user, status="declined")
    JoinRequest.objects.create(project=project, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequest.objects.create(project=project, user=user)
    invitation = InvitationFactory(project=project)
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(project=project, user=invitation.user)
