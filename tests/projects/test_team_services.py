"""Project teams through their services: starting from an idea, asking to join, invitations,
leaving, handing over the lead, partners, status — with the history and the notifications
each step leaves, and the rules bad input runs into."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.models import (
    IdeaStatus,
    JoinRequest,
    MemberRole,
    PartnerStatus,
    ProjectEvent,
    ProjectEventKind,
    ProjectInvitation,
    ProjectMembership,
    ProjectStatus,
    RequestStatus,
)
from projects.services import teams as services
from tests.factories import challenges as challenge_pages
from tests.factories.ideas import IdeaFactory, accepted_coauthor
from tests.factories.people import (
    CommitmentFactory,
    OrganisationFactory,
    ProfileFactory,
    staff_user,
)
from tests.factories.people import MembershipFactory as OrgMembershipFactory
from tests.factories.teams import (
    MembershipFactory,
    ProjectFactory,
    ProjectRoleFactory,
    invitable_user,
)
from umecom.notifications.models import Notification
from umecom.roles import INNOVATION_TEAM

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Trygga stråk", plan="teams")


@pytest.fixture
def lead():
    return ProfileFactory(display_name="Lea Ledare").user


@pytest.fixture
def project(challenge, lead):
    return ProjectFactory(challenge=challenge, lead=lead, max_team_size=3)


@pytest.fixture
def team():
    return staff_user(INNOVATION_TEAM)


def kinds(project):
    return list(ProjectEvent.objects.filter(project=project).values_list("kind", flat=True))


def notified(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind).count()


# --- starting ---------------------------------------------------------------------------------


def test_a_shortlisted_idea_becomes_a_project_with_its_text_authors_and_tags(challenge, team):
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.SHORTLISTED)
    idea.tags.add("belysning", "cykel")
    coauthor = accepted_coauthor(idea)
    project = services.project_from_idea(idea=idea, by=team)
    idea.refresh_from_db()
    assert idea.project == project
    assert (project.title, project.goal, project.description) == (
        idea.title,
        idea.summary,
        idea.description,
    )
    assert sorted(t.name for t in project.needed_skills.all()) == ["belysning", "cykel"]
    roles = dict(project.memberships.values_list("user_id", "role"))
    assert roles == {idea.author_id: MemberRole.LEAD, coauthor.user_id: MemberRole.MEMBER}
    assert notified(idea.author, "project_started") == 1
    assert ProjectEventKind.CREATED in kinds(project)


def test_an_idea_that_is_not_shortlisted_or_already_a_project_cannot_start_one(challenge, team):
    published = IdeaFactory(challenge=challenge, status=IdeaStatus.PUBLISHED)
    with pytest.raises(PermissionDenied):
        services.project_from_idea(idea=published, by=team)
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.SHORTLISTED)
    services.project_from_idea(idea=idea, by=idea.author)  # the author may start it
    with pytest.raises((PermissionDenied, ValidationError)):
        services.project_from_idea(idea=idea, by=team)


def test_only_the_innovation_team_starts_a_project_directly(challenge, lead, team):
    with pytest.raises(PermissionDenied):
        services.project_create(challenge=challenge, by=lead, title="X", goal="Y")
    project = services.project_create(
        challenge=challenge,
        by=team,
        title="Mötesplats <b>Ålidhem</b>",
        goal="Unga träffas",
        description="<script>alert(1)</script>Hej",
        wanted_actor_mix={"researcher": 1, "hacker": 3, "association": "x"},
        lead=lead,
    )
    assert project.title == "Mötesplats <b>Ålidhem</b>"  # plain text, escaped when shown
    assert "<script>" not in project.description
    assert project.wanted_actor_mix == {"researcher": 1}
    assert services.perms.is_project_lead(lead, project)


# --- asking to join ---------------------------------------------------------------------------


def test_a_person_asks_for_a_role_and_the_lead_accepts(project, lead):
    role = ProjectRoleFactory(project=project, title="Kommunikatör")
    person = ProfileFactory().user
    join_request = services.join_request_create(
        project=project, user=person, role=role, message="Jag skriver gärna."
    )
    assert notified(lead, "project_join_request") == 1
    services.join_request_answer(join_request=join_request, by=lead, accept=True)
    membership = ProjectMembership.objects.get(project=project, user=person)
    role.refresh_from_db()
    assert membership.project_role == role and not role.is_open and role.filled_by == person
    assert notified(person, "project_request_answered") == 1
    assert kinds(project)[-3:] == ["request_sent", "request_accepted", "joined"] or set(
        kinds(project)
    ) >= {"request_sent", "request_accepted", "joined"}


def test_a_declined_request_adds_nobody(project, lead):
    person = ProfileFactory().user
    join_request = services.join_request_create(project=project, user=person, message="Hej")
    services.join_request_answer(join_request=join_request, by=lead, accept=False)
    assert not ProjectMembership.objects.filter(user=person).exists()
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.DECLINED and join_request.decided_by == lead


def test_nobody_asks_twice_or_joins_twice(project, lead):
    person = ProfileFactory().user
    first = services.join_request_create(project=project, user=person, message="Hej")
    with pytest.raises(ValidationError):
        services.join_request_create(project=project, user=person, message="Hej igen")
    services.join_request_answer(join_request=first, by=lead, accept=True)
    with pytest.raises(ValidationError):
        services.join_request_create(project=project, user=person, message="En gång till")
    with pytest.raises(ValidationError):
        services.join_request_create(project=project, user=lead, message="Jag leder")


def test_a_message_is_needed_and_only_live_projects_take_requests(project, lead):
    person = ProfileFactory().user
    with pytest.raises(ValidationError):
        services.join_request_create(project=project, user=person, message="   ")
    project.status = ProjectStatus.COMPLETED
    project.save()
    with pytest.raises(PermissionDenied):
        services.join_request_create(project=project, user=person, message="Hej")


def test_only_the_lead_answers_a_request(project):
    person = ProfileFactory().user
    join_request = services.join_request_create(project=project, user=person, message="Hej")
    member = MembershipFactory(project=project).user
    for someone in (person, member, ProfileFactory().user):
        with pytest.raises(PermissionDenied):
            services.join_request_answer(join_request=join_request, by=someone, accept=True)
    assert not ProjectMembership.objects.filter(user=person).exists()


def test_a_full_team_refuses_the_next_accept_and_closes_waiting_requests(project, lead):
    # max_team_size=3: the lead and two more.
    people = [ProfileFactory().user for _ in range(3)]
    asks = [services.join_request_create(project=project, user=p, message="Hej") for p in people]
    services.join_request_answer(join_request=asks[0], by=lead, accept=True)
    services.join_request_answer(join_request=asks[1], by=lead, accept=True)
    asks[2].refresh_from_db()
    assert asks[2].status == RequestStatus.EXPIRED  # the team filled up
    with pytest.raises(ValidationError, match="redan besvarad"):
        services.join_request_answer(join_request=asks[2], by=lead, accept=True)
    assert project.memberships.count() == 3


def test_a_person_at_the_project_limit_cannot_join_another(challenge, project, settings):
    settings.UMECOM_MAX_ACTIVE_PROJECTS = 1
    person = ProfileFactory().user
    MembershipFactory(project=ProjectFactory(challenge=challenge), user=person)
    with pytest.raises(ValidationError, match="pågående projekt"):
        services.join_request_create(project=project, user=person, message="Hej")


# --- invitations ------------------------------------------------------------------------------


def test_the_lead_invites_and_the_invited_person_accepts(project, lead):
    invitee = invitable_user()
    invitation = services.invite(lead, project, invitee, message="Vill du vara med?")
    assert notified(invitee, "project_invitation") == 1
    services.invitation_answer(invitation=invitation, user=invitee, accept=True)
    assert services.perms.is_project_member(invitee, project)
    assert notified(lead, "project_invitation_answered") == 1
    assert {"invited", "invitation_accepted", "joined"} <= set(kinds(project))


def test_only_people_who_allow_invitations_are_invited(project, lead):
    with pytest.raises(ValidationError, match="tar inte emot"):
        services.invite(lead, project, ProfileFactory(invitable_to_teams=False).user)


@pytest.mark.parametrize("invitable", [True, False])
def test_the_lead_hears_the_most_specific_reason_an_invitation_is_refused(project, lead, invitable):
    member = MembershipFactory(project=project, user=invitable_user(invitable_to_teams=invitable))
    with pytest.raises(ValidationError, match="redan med i teamet"):
        services.invite(lead, project, member.user)
    asking = invitable_user(invitable_to_teams=invitable)
    JoinRequest.objects.create(project=project, user=asking, message="Hej")
    with pytest.raises(ValidationError, match="redan bett om att få vara med"):
        services.invite(lead, project, asking)
    assert not ProjectInvitation.objects.filter(project=project).exists()


def test_nobody_invites_themselves_or_invites_without_leading(project, lead):
    with pytest.raises(ValidationError):
        services.invite(lead, project, lead)
    member = MembershipFactory(project=project).user
    with pytest.raises(PermissionDenied):
        services.invite(member, project, invitable_user())
    with pytest.raises(PermissionDenied):
        services.invite(ProfileFactory().user, project, invitable_user())


def test_nobody_answers_someone_elses_invitation(project, lead):
    invitation = services.invite(lead, project, invitable_user())
    for someone in (lead, ProfileFactory().user):
        with pytest.raises(PermissionDenied):
            services.invitation_answer(invitation=invitation, user=someone, accept=True)
    invitation.refresh_from_db()
    assert invitation.status == RequestStatus.PENDING


def test_one_pending_invitation_per_person_and_invitations_are_rate_limited(
    project, lead, settings
):
    invitee = invitable_user()
    services.invite(lead, project, invitee)
    with pytest.raises(ValidationError, match="redan inbjuden"):
        services.invite(lead, project, invitee)
    settings.PROJECT_RATE_LIMITS = {"project_invite": "1/h/user"}
    with pytest.raises(ValidationError, match="många inbjudningar"):
        services.invite(lead, project, invitable_user())


def test_a_declined_invitation_adds_nobody_and_can_be_renewed(project, lead):
    invitee = invitable_user()
    first = services.invite(lead, project, invitee)
    services.invitation_answer(invitation=first, user=invitee, accept=False)
    assert not services.perms.is_project_member(invitee, project)
    second = services.invite(lead, project, invitee)
    assert second.pk != first.pk


# --- leaving and the lead ---------------------------------------------------------------------


def test_a_member_leaves_and_their_role_opens_again(project, lead):
    role = ProjectRoleFactory(project=project, is_open=False)
    member = MembershipFactory(project=project, project_role=role).user
    services.member_leave(project=project, user=member)
    role.refresh_from_db()
    assert role.is_open and not services.perms.is_project_member(member, project)
    assert notified(lead, "project_member_left") == 1


def test_the_lead_hands_over_before_leaving(project, lead):
    member = MembershipFactory(project=project).user
    with pytest.raises(ValidationError, match="Lämna över"):
        services.member_leave(project=project, user=lead)
    services.lead_hand_over(project=project, by=lead, to=member)
    roles = dict(project.memberships.values_list("user_id", "role"))
    assert roles == {lead.pk: MemberRole.MEMBER, member.pk: MemberRole.LEAD}
    services.member_leave(project=project, user=lead)
    assert project.memberships.count() == 1


def test_the_lead_role_goes_only_to_a_member(project, lead):
    with pytest.raises(ValidationError):
        services.lead_hand_over(project=project, by=lead, to=ProfileFactory().user)
    member = MembershipFactory(project=project).user
    with pytest.raises(PermissionDenied):
        services.lead_hand_over(project=project, by=member, to=member)


# --- status -----------------------------------------------------------------------------------


def test_completing_a_project_closes_what_is_pending_and_tells_the_team(project, lead, team):
    member = MembershipFactory(project=project).user
    asker = ProfileFactory().user
    services.join_request_create(project=project, user=asker, message="Hej")
    services.project_set_status(project=project, by=lead, status=ProjectStatus.COMPLETED)
    assert JoinRequest.objects.get(user=asker).status == RequestStatus.EXPIRED
    assert notified(member, "project_status") == 1
    with pytest.raises(PermissionDenied):  # only the innovation team reopens
        services.project_set_status(project=project, by=lead, status=ProjectStatus.ACTIVE)
    services.project_set_status(project=project, by=team, status=ProjectStatus.ACTIVE)


# --- partners ---------------------------------------------------------------------------------


def test_an_organisation_becomes_a_partner_only_when_its_admin_says_yes(challenge, project, lead):
    organisation = OrganisationFactory(name="Bostäder i Norr")
    admin = ProfileFactory().user
    OrgMembershipFactory(organisation=organisation, user=admin, role="admin")
    commitment = CommitmentFactory(
        challenge=challenge, user=admin, organisation=organisation, status="accepted"
    )
    partner = services.partner_propose(project=project, by=lead, organisation=organisation)
    assert partner.status == PartnerStatus.PENDING and partner.commitment == commitment
    assert notified(admin, "project_partner_request") == 1
    with pytest.raises(PermissionDenied):  # the lead cannot answer for the organisation
        services.partner_answer(partner=partner, by=lead, accept=True)
    services.partner_answer(partner=partner, by=admin, accept=True)
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.ACCEPTED


def test_an_organisation_without_a_commitment_to_the_challenge_is_no_partner(project, lead):
    with pytest.raises(ValidationError, match="inte anmält"):
        services.partner_propose(project=project, by=lead, organisation=OrganisationFactory())
