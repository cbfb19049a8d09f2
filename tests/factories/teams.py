"""Factories for project teams (projects/models/teams.py). Projects need `challenge=` (see
tests/factories/challenges.py).

`ProjectFactory(challenge=c)` makes a forming project led by a new person;
`ProjectFactory(challenge=c, lead=user)` led by `user`; `lead=False` leaves it without a lead.
The project's lead is at `project.lead_user` after creation (None without one).
"""

import factory

from projects.models import (
    MemberRole,
    Project,
    ProjectInvitation,
    ProjectMembership,
    ProjectRole,
    ProjectStatus,
    ProjectVisibility,
    RequestStatus,
)
from tests.factories.people import ProfileFactory


def invitable_user(**kwargs):
    """A person who allows being found and invited (the matchmaking consents)."""
    kwargs.setdefault("findable_for_projects", True)
    kwargs.setdefault("invitable_to_teams", True)
    return ProfileFactory(**kwargs).user


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Projekt nummer {n}")
    goal = "Fler trygga mötesplatser för unga på kvällarna."
    description = "<p>Vi öppnar skolgårdarna på kvällarna.</p>"
    status = ProjectStatus.FORMING
    visibility = ProjectVisibility.PUBLIC
    max_team_size = 8

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        self.lead_user = None
        if not create or extracted is False:
            return
        user = extracted or ProfileFactory().user
        ProjectMembership.objects.create(project=self, user=user, role=MemberRole.LEAD)
        self.lead_user = user

    @factory.post_generation
    def needed_skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.needed_skills.add(*extracted)


class ProjectRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectRole
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Roll {n}")
    description = "Hjälp oss att nå ut."
    hours_per_month = 8
    is_open = True

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.add(*extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A project membership (not to be confused with tests.factories.people.MembershipFactory,
    an organisation's)."""

    class Meta:
        model = ProjectMembership

    project = factory.SubFactory(ProjectFactory)
    user = factory.LazyAttribute(lambda o: ProfileFactory().user)
    role = MemberRole.MEMBER


ProjectMembershipFactory = MembershipFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectInvitation

    project = factory.SubFactory(ProjectFactory)
    user = factory.LazyFunction(invitable_user)
    invited_by = factory.LazyAttribute(lambda o: o.project.lead_user)
    status = RequestStatus.PENDING
