"""The matchmaking service and pages on the database: who may see suggestions, opt-outs,
explanations, one-click invitations, the team builder, "Projekt som behöver dig", the
findable switch, freshness after changes, and the suggestion page's query count."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from projects.matchmaking import index as mindex
from projects.models import (
    JoinRequest,
    ProjectInvitation,
    ProjectStatus,
    ProjectVisibility,
    RequestStatus,
)
from projects.services import matchmaking
from tests.factories import challenges as challenge_pages
from tests.factories.base import DistrictFactory
from tests.factories.people import OrganisationFactory, ProfileFactory, login, staff_user
from tests.factories.teams import MembershipFactory, ProjectFactory, ProjectRoleFactory
from umecom.roles import INNOVATION_TEAM

pytestmark = pytest.mark.django_db


def opted_in(name, skills=(), **kwargs):
    kwargs.setdefault("findable_for_projects", True)
    kwargs.setdefault("invitable_to_teams", True)
    profile = ProfileFactory(display_name=name, **kwargs)
    if skills:
        profile.skills.add(*skills)
    return profile


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Trygga stråk", plan="teams")


@pytest.fixture
def alidhem():
    return DistrictFactory(name="Ålidhem", name_en="Ålidhem", slug="alidhem")


@pytest.fixture
def lead():
    return ProfileFactory(display_name="Lea Ledare", languages="svenska").user


@pytest.fixture
def project(challenge, lead, alidhem):
    project = ProjectFactory(
        challenge=challenge,
        lead=lead,
        needed_skills=["GIS", "ekonomi"],
        wanted_actor_mix={"researcher": 1},
    )
    project.districts.add(alidhem)
    return project


def names(suggestions):
    return [s.display_name for s in suggestions]


def test_suggestions_rank_by_need_and_explain_why(project, lead, alidhem):
    rita = opted_in("Rita Forskare", ["gis", "ekonomi"], actor_type="researcher",
                    languages="svenska, engelska", hours_per_month=10)  # fmt: skip
    rita.districts.add(alidhem)
    opted_in("Bo Bred", ["ekonomi"])
    opted_in("Ulla Ointresserad", ["juridik"])
    result = matchmaking.suggest_people(lead, project, fair=False)
    assert names(result) == ["Rita Forskare", "Bo Bred"]
    reasons = result[0].reasons
    assert "delar kompetenserna gis och ekonomi som teamet saknar" in reasons
    assert "tillför forskarperspektivet som teamet saknar" in reasons
    assert "finns i Ålidhem" in reasons
    assert "talar svenska" in reasons
    assert "har tid: 10 timmar i månaden" in reasons
    with translation.override("en"):
        english = matchmaking.suggest_people(lead, project, fair=False)[0].reasons
    assert "brings the researcher's perspective the team lacks" in english
    assert "is in Ålidhem" in english


def test_only_the_lead_and_the_innovation_team_see_suggestions(project, lead):
    opted_in("Rita", ["gis"])
    member = ProfileFactory().user
    MembershipFactory(project=project, user=member)
    for user in (member, ProfileFactory().user):
        with pytest.raises(PermissionDenied):
            matchmaking.suggest_people(user, project)
        with pytest.raises(PermissionDenied):
            matchmaking.build_teams(user, project, 2)
    assert names(matchmaking.suggest_people(staff_user(INNOVATION_TEAM), project)) == ["Rita"]


def test_opt_outs_members_declined_invited_and_people_at_their_limit(project, lead, challenge):
    opted_in("Synlig", ["gis"])
    opted_in("Inte sökbar", ["gis"], findable_for_projects=False)
    opted_in("Inte inbjudningsbar", ["gis"], invitable_to_teams=False)
    opted_in("Dold", ["gis"], visibility="hidden")
    member = opted_in("Medlem", ["juridik"]).user
    MembershipFactory(project=project, user=member)
    declined = opted_in("Tackade nej", ["gis"]).user
    ProjectInvitation.objects.create(project=project, user=declined, invited_by=lead,
                                     status=RequestStatus.DECLINED)  # fmt: skip
    busy = opted_in("Upptagen", ["gis"]).user
    for _ in range(3):
        MembershipFactory(project=ProjectFactory(challenge=challenge), user=busy)
    shown = names(matchmaking.suggest_people(lead, project, fair=False))
    assert sorted(shown) == ["Inte inbjudningsbar", "Synlig"]
    # The innovation team may see hidden profiles; the team builder only invitable people.
    team = staff_user(INNOVATION_TEAM)
    assert "Dold" in names(matchmaking.suggest_people(team, project, fair=False))
    picked = {s.display_name for t in matchmaking.build_teams(lead, project, 3) for s in t.members}
    assert "Inte inbjudningsbar" not in picked and "Synlig" in picked


def test_suggestions_for_one_open_role(project, lead):
    role = ProjectRoleFactory(project=project, skills=["foto"], hours_per_month=20)
    opted_in("Fotograf", ["foto"], hours_per_month=20)
    opted_in("Kartnörd", ["gis"])
    mindex.reset_local()
    assert names(matchmaking.suggest_people(lead, project, role=role, fair=False))[0] == "Fotograf"


def test_index_stays_fresh_after_changes(project, lead, django_capture_on_commit_callbacks):
    assert matchmaking.suggest_people(lead, project) == []
    with django_capture_on_commit_callbacks(execute=True):
        late = opted_in("Sen", [])
    with django_capture_on_commit_callbacks(execute=True):
        late.skills.add("gis")
    assert names(matchmaking.suggest_people(lead, project)) == ["Sen"]
    assert mindex.stats["patches"] >= 1  # patched in place, not rebuilt
    with django_capture_on_commit_callbacks(execute=True):
        matchmaking.set_findable(late.user, False)
    assert matchmaking.suggest_people(lead, project) == []
    with django_capture_on_commit_callbacks(execute=True):
        project.needed_skills.set(["juridik"])
        opted_in("Jurist", ["juridik"])
    assert names(matchmaking.suggest_people(lead, project)) == ["Jurist"]


def test_suggestion_page_invites_in_one_click_with_pinned_queries(
    client, project, lead, django_assert_max_num_queries
):
    for n in range(12):
        opted_in(f"Person med GIS {n}", ["gis"])
    rita = opted_in("Rita", ["gis", "ekonomi"], actor_type="researcher")
    login(client, lead)
    url = reverse("projects:suggestions", args=[project.pk])
    client.get(url)  # builds the index
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rita" in page and "tillför forskarperspektivet som teamet saknar" in page
    response = client.post(
        reverse("projects:suggestion_invite", args=[project.pk]), {"user": rita.user.pk}
    )
    assert response.status_code == 302
    invitation = ProjectInvitation.objects.get(project=project, user=rita.user)
    assert invitation.via_suggestion and invitation.status == RequestStatus.PENDING
    mindex.reset_local()
    assert "Rita" not in names(matchmaking.suggest_people(lead, project))  # invited already


@pytest.mark.parametrize("who", ["member", "asking"])
def test_inviting_from_suggestions_says_why_for_a_member_or_someone_already_asking(
    client, project, lead, who
):
    # Neither takes invitations: the lead must still hear the specific reason, not that.
    person = ProfileFactory(display_name="Pia", invitable_to_teams=False).user
    if who == "member":
        MembershipFactory(project=project, user=person)
        expected = "Pia är redan med i teamet."
    else:
        JoinRequest.objects.create(project=project, user=person, message="Får jag vara med?")
        expected = "Pia har redan bett om att få vara med i teamet. Svara på förfrågan i stället."
    login(client, lead)
    response = client.post(
        reverse("projects:suggestion_invite", args=[project.pk]),
        {"user": person.pk},
        follow=True,
    )
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [expected]
    assert "tar inte emot inbjudningar" not in response.content.decode()
    assert not ProjectInvitation.objects.filter(project=project, user=person).exists()


def test_pages_are_for_the_lead_only(client, project):
    stranger = ProfileFactory().user
    login(client, stranger)
    for name in ("suggestions", "team_builder"):
        assert client.get(reverse(f"projects:{name}", args=[project.pk])).status_code == 403
    response = client.post(
        reverse("projects:suggestion_invite", args=[project.pk]), {"user": stranger.pk}
    )
    assert response.status_code == 403


def test_team_builder_page(client, project, lead):
    opted_in("Kartnörd", ["gis"])
    opted_in("Ekonom", ["ekonomi"])
    opted_in("Forskare", ["juridik"], actor_type="researcher")
    login(client, lead)
    response = client.get(reverse("projects:team_builder", args=[project.pk]) + "?storlek=3")
    assert response.status_code == 200
    teams = response.context["teams"]
    assert teams[0].mix_met and not teams[0].uncovered
    assert {s.display_name for s in teams[0].members} == {"Kartnörd", "Ekonom", "Forskare"}
    html = response.content.decode()
    assert "Förslag 1" in html and "passar projektet just nu" not in html
    # Asked for more people than fit: the page says so rather than leaving a gap unexplained.
    response = client.get(reverse("projects:team_builder", args=[project.pk]) + "?storlek=5")
    assert "Bara 3 personer som tar emot inbjudningar passar projektet just nu." in (
        response.content.decode()
    )
    project.status = ProjectStatus.ACTIVE
    project.save()
    assert matchmaking.build_teams(lead, project, 3) == []


def test_projects_that_need_you_skip_team_only_and_own_projects(client, challenge, lead):
    me = opted_in("Jag", ["gis"])
    public = ProjectFactory(challenge=challenge, title="Öppet projekt", needed_skills=["gis"])
    ProjectFactory(challenge=challenge, title="Hemligt projekt", needed_skills=["gis"],
                   visibility=ProjectVisibility.TEAM)  # fmt: skip
    mine = ProjectFactory(challenge=challenge, title="Mitt projekt", needed_skills=["gis"])
    MembershipFactory(project=mine, user=me.user)
    found = [s.project.title for s in matchmaking.suggest_projects_for(me.user)]
    assert found == ["Öppet projekt"]
    login(client, me.user)
    page = client.get(reverse("projects:for_you")).content.decode()
    assert "Öppet projekt" in page and "Hemligt projekt" not in page
    assert "Visa mig inte i förslag" in page and "Varför föreslås jag?" in page
    assert public.pk


def test_findable_switch(client):
    me = opted_in("Jag", ["gis"])
    login(client, me.user)
    response = client.post(reverse("projects:findable_switch"), {"findable": "0"}, follow=True)
    me.refresh_from_db()
    assert not me.findable_for_projects
    assert "du visas inte längre i förslag" in response.content.decode()
    client.post(reverse("projects:findable_switch"), {"findable": "1"})
    me.refresh_from_db()
    assert me.findable_for_projects


def test_projects_for_an_organisation_match_its_offers(challenge):
    organisation = OrganisationFactory()
    organisation.offers.add("GIS")
    ProjectFactory(challenge=challenge, title="Kartprojekt", needed_skills=["gis"])
    ProjectFactory(challenge=challenge, title="Annat", needed_skills=["sång"])
    found = matchmaking.suggest_projects_for_organisation(organisation)
    assert [s.project.title for s in found] == ["Kartprojekt"]
    assert "erbjuder gis som projektet behöver" in found[0].reasons


def test_open_challenges_matching_skills_and_interests():
    from tests.factories.base import ThemeFactory

    klimat = ThemeFactory(name="Klimat", slug="klimat")
    wanted = challenge_pages.challenge(title="Kartlägg stråken", plan="open")
    wanted.wanted_skills.add("gis")
    wanted.save_revision().publish()
    themed = challenge_pages.challenge(title="Klimatsmart vardag", plan="teams", themes=[klimat])
    challenge_pages.challenge(title="Inget för mig", plan="open")  # nothing in common
    me = opted_in("Jag", ["gis"])
    me.interests.add("klimat")
    found = [c.title for c in matchmaking.suggest_challenges_for(me.user)]
    assert found == ["Kartlägg stråken", "Klimatsmart vardag"]
    assert themed.pk


def test_a_translated_challenge_is_suggested_once_in_the_visitors_language():
    from django.utils import translation
    from wagtail.models import Locale

    wanted = challenge_pages.challenge(title="Kartlägg stråken", plan="open")
    wanted.wanted_skills.add("gis")
    wanted.save_revision().publish()
    english = wanted.copy_for_translation(
        Locale.objects.get_or_create(language_code="en")[0], copy_parents=True
    )
    english.title = "Map the paths"
    english.save_revision().publish()
    me = opted_in("Jag", ["gis"])
    assert [c.title for c in matchmaking.suggest_challenges_for(me.user)] == ["Kartlägg stråken"]
    with translation.override("en"):
        assert [c.title for c in matchmaking.suggest_challenges_for(me.user)] == ["Map the paths"]


def test_organisation_page_shows_its_members_projects_that_need_its_offers(client, challenge):
    from tests.factories.people import MembershipFactory as OrgMembershipFactory

    organisation = OrganisationFactory()
    organisation.offers.add("GIS")
    ProjectFactory(challenge=challenge, title="Kartprojekt", needed_skills=["gis"])
    member = ProfileFactory().user
    OrgMembershipFactory(organisation=organisation, user=member)
    url = reverse("people:organisation_detail", args=[organisation.slug])
    login(client, ProfileFactory().user)
    assert "Kartprojekt" not in client.get(url).content.decode()
    login(client, member)
    page = client.get(url).content.decode()
    assert "Projekt som behöver det ni erbjuder" in page and "Kartprojekt" in page
