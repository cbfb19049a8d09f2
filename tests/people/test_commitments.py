"""Joining challenges, withdrawing, the innovation team's answer, and "Med i utmaningen"."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from people.models import Commitment, CommitmentStatus, MembershipRole, Visibility
from people.selectors.commitments import challenge_participants
from people.services import commitments as services
from tests.factories import challenges as challenge_pages
from tests.factories.people import (
    CommitmentFactory,
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
    login,
    signed_in,
    staff_user,
)
from umecom.roles import INNOVATION_TEAM

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return challenge_pages.challenge(title="Trygga stråk på Ålidhem", plan="open")


@pytest.fixture
def person(client):
    return signed_in(client, "Ali Hassan")


def join_url(challenge):
    return reverse("people:challenge_join", args=[challenge.pk])


def test_person_joins_an_open_challenge(client, person, challenge):
    response = client.post(
        join_url(challenge), {"offers": ["volunteers", "expertise"], "message": "Jag kan hjälpa."}
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.user == person and commitment.organisation is None
    assert commitment.offers == ["expertise", "volunteers"]  # in OfferKind order
    assert commitment.status == CommitmentStatus.PENDING
    assert commitment.language == "sv"


def test_joining_in_english_remembers_the_language(client, person, challenge):
    from django.utils import translation

    try:
        client.post("/en" + join_url(challenge), {"offers": ["data"]})
    finally:
        # The request leaves English active in this thread; later reverse() calls would
        # otherwise produce /en/ paths.
        translation.activate("sv")
    assert Commitment.objects.get().language == "en"


def test_member_joins_for_their_organisation(client, challenge):
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    login(client, membership.user)
    org = membership.organisation
    page = client.get(join_url(challenge)).content.decode()
    assert org.name in page  # offered as a choice
    client.post(join_url(challenge), {"participant": str(org.pk), "offers": ["premises"]})
    commitment = Commitment.objects.get()
    assert commitment.organisation == org and commitment.user == membership.user


def test_second_live_commitment_gets_a_clear_message(client, person, challenge):
    client.post(join_url(challenge), {"offers": ["data"]})
    response = client.post(join_url(challenge), {"offers": ["funding"], "message": "Igen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Du är redan med i den här utmaningen." in html
    assert "Igen" in html  # the message typed is kept
    assert Commitment.objects.count() == 1


def test_organisation_cannot_join_twice_even_through_another_member(challenge):
    org = OrganisationFactory(name="Idrottsklubben IK")
    first = MembershipFactory(organisation=org).user
    second = MembershipFactory(organisation=org).user
    services.commitment_create(challenge=challenge, user=first, organisation=org, offers=["data"])
    with pytest.raises(services.CommitmentError, match="Idrottsklubben IK är redan med"):
        services.commitment_create(
            challenge=challenge, user=second, organisation=org, offers=["funding"]
        )


def test_closed_challenge_refuses_with_a_message(client, person):
    closed = challenge_pages.challenge(title="Klar utmaning", plan="completed")
    page = client.get(join_url(closed))
    assert "tar inte emot nya deltagare" in page.content.decode()
    response = client.post(join_url(closed), {"offers": ["data"]}, follow=True)
    assert "tar inte emot nya deltagare" in response.content.decode()
    assert not Commitment.objects.exists()


def test_forming_teams_still_accepts_commitments(client, person):
    teams = challenge_pages.challenge(title="Team bildas", plan="teams")
    client.post(join_url(teams), {"offers": ["mentoring"]})
    assert Commitment.objects.filter(challenge=teams).exists()


def test_joining_without_any_offer_is_refused(client, person, challenge):
    response = client.post(join_url(challenge), {"message": "Hej"})
    assert "Välj minst en sak som du erbjuder." in response.content.decode()
    assert not Commitment.objects.exists()


def test_unknown_or_unpublished_challenge_is_404(client, person):
    draft = challenge_pages.challenge(title="Utkast", plan="open", publish=False)
    assert client.get(reverse("people:challenge_join", args=[999999])).status_code == 404
    assert client.get(join_url(draft)).status_code == 404


def test_person_withdraws_and_may_join_again(client, person, challenge):
    client.post(join_url(challenge), {"offers": ["data"]})
    commitment = Commitment.objects.get()
    client.post(reverse("people:commitment_withdraw", args=[commitment.pk]))
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.WITHDRAWN
    client.post(join_url(challenge), {"offers": ["funding"]})
    assert Commitment.objects.filter(status=CommitmentStatus.PENDING).count() == 1


# --- The innovation team answers in the Wagtail admin ---------------------------------------


@pytest.fixture
def team(client):
    user = staff_user(INNOVATION_TEAM, display_name="Innovationsteamet Umeå")
    login(client, user)
    return user


def decide_url(commitment):
    return reverse("deltagare_ataganden:decide", args=[commitment.pk])


def test_team_accepts_and_the_participant_gets_an_email_after_commit(
    client, team, challenge, django_capture_on_commit_callbacks
):
    commitment = CommitmentFactory(challenge=challenge)
    assert client.get(decide_url(commitment)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            decide_url(commitment), {"decision": "accept", "reason": "Välkommen!"}
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.ACCEPTED and commitment.decided_by == team
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [commitment.user.email]
    assert "Trygga stråk på Ålidhem" in message.subject
    assert "Välkommen!" in message.body and "accepterat" in message.body


def test_declining_needs_a_reason_which_is_emailed(
    client, team, challenge, django_capture_on_commit_callbacks
):
    commitment = CommitmentFactory(challenge=challenge)
    response = client.post(decide_url(commitment), {"decision": "decline", "reason": " "})
    assert response.status_code == 200
    assert "Skriv en motivering" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(commitment), {"decision": "decline", "reason": "Fullt i år."})
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DECLINED
    assert commitment.decision_reason == "Fullt i år."
    assert "Fullt i år." in mail.outbox[0].body


def test_no_email_is_sent_if_the_transaction_rolls_back(
    challenge, django_capture_on_commit_callbacks
):
    from django.db import transaction

    commitment = CommitmentFactory(challenge=challenge)
    team_user = staff_user(INNOVATION_TEAM)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.commitment_decide(commitment=commitment, by=team_user, accept=True)
        raise RuntimeError
    assert callbacks == []
    assert mail.outbox == []
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.PENDING


def test_email_follows_the_participants_language(challenge, django_capture_on_commit_callbacks):
    from django.utils import translation

    commitment = CommitmentFactory(challenge=challenge, language="en")
    seen = []
    original = services.render_to_string

    def spy(*args, **kwargs):
        seen.append(translation.get_language())
        return original(*args, **kwargs)

    services.render_to_string = spy
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.commitment_decide(
                commitment=commitment, by=staff_user(INNOVATION_TEAM), accept=True
            )
    finally:
        services.render_to_string = original
    assert seen == ["en"]
    assert len(mail.outbox) == 1


# --- "Med i utmaningen" ---------------------------------------------------------------------


def accepted(challenge, **kwargs):
    return CommitmentFactory(challenge=challenge, status=CommitmentStatus.ACCEPTED, **kwargs)


@pytest.fixture
def participants(challenge):
    from people.models import Profile

    def person(name, actor_type, visibility):
        profile = ProfileFactory(display_name=name, visibility=visibility)
        Profile.objects.filter(pk=profile.pk).update(actor_type=actor_type)
        return profile.user

    accepted(challenge, user=person("Maja Öberg", "citizen", Visibility.PUBLIC))
    accepted(challenge, user=person("Dr. Lena Ek", "researcher", Visibility.PUBLIC))
    accepted(challenge, user=person("Dold Person", "company", Visibility.HIDDEN))
    accepted(challenge, user=person("Medlemsprofil", "citizen", Visibility.MEMBERS))
    CommitmentFactory(challenge=challenge, user=person("Väntande", "citizen", Visibility.PUBLIC))
    for name, kind in [
        ("Bostäder i Norr AB", "company"),
        ("Ungdomsföreningen Framåt", "association"),
        ("Umeå universitet, forskargruppen", "research"),
        ("Fritid Umeå", "municipal"),
    ]:
        org = OrganisationFactory(name=name, kind=kind)
        accepted(challenge, user=MembershipFactory(organisation=org).user, organisation=org)
    return challenge


def names_by_group(groups):
    return {g.key: [p.name for p in g.participants] for g in groups}


def test_participants_are_grouped_by_kind_and_only_accepted_ones_show(participants):
    groups = challenge_participants(challenge=participants, viewer=AnonymousUser())
    by_group = names_by_group(groups)
    assert [g.key for g in groups] == [
        "citizen",
        "company",
        "researcher",
        "association",
        "municipality",
    ]
    assert by_group["company"] == ["Bostäder i Norr AB"]
    assert by_group["researcher"] == ["Dr. Lena Ek", "Umeå universitet, forskargruppen"]
    assert by_group["association"] == ["Ungdomsföreningen Framåt"]
    assert by_group["municipality"] == ["Fritid Umeå"]
    assert "Väntande" not in str(by_group)


def test_hidden_profiles_appear_as_an_anonymous_citizen(participants):
    anonymous = names_by_group(
        challenge_participants(challenge=participants, viewer=AnonymousUser())
    )
    assert anonymous["citizen"] == ["Maja Öberg", "En medborgare", "En medborgare"]
    assert "Dold Person" not in str(anonymous)
    signed_in = names_by_group(
        challenge_participants(challenge=participants, viewer=ProfileFactory().user)
    )
    # Members-only profiles are named to signed-in people; hidden ones never.
    assert signed_in["citizen"] == ["Maja Öberg", "En medborgare", "Medlemsprofil"]
    team_view = names_by_group(
        challenge_participants(challenge=participants, viewer=staff_user(INNOVATION_TEAM))
    )
    assert "Dold Person" not in str(team_view)


def test_participants_selector_takes_one_query_however_many_join(
    participants, django_assert_num_queries
):
    from challenges.selectors import challenge_family_ids

    viewer = AnonymousUser()
    challenge_family_ids(participants)  # the page's translations: cached until a page is saved
    with django_assert_num_queries(1):
        challenge_participants(challenge=participants, viewer=viewer)
    for _ in range(5):
        accepted(participants)
    with django_assert_num_queries(1):
        groups = challenge_participants(challenge=participants, viewer=viewer)
    assert sum(len(g.participants) for g in groups) == 13


def _render_participation(page, request) -> str:
    """The "Med i utmaningen" panel as people registers it into the challenge page."""
    from people.panels import participation_panel

    panel = participation_panel(request=request, page=page)
    return Template('{% include "people/includes/challenge_participants.html" %}').render(
        Context({"panel": panel, "request": request})
    )


def test_participation_include_renders_groups_and_the_join_link(participants):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = _render_participation(participants, request)
    assert "Med i utmaningen" in html
    assert "Företag" in html and "Bostäder i Norr AB" in html
    assert "Dold Person" not in html
    assert reverse("people:challenge_join", args=[participants.pk]) in html


def test_participation_include_has_no_join_link_when_closed():
    closed = challenge_pages.challenge(title="Stängd", plan="completed")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = _render_participation(closed, request)
    assert "Ingen har gått med ännu." in html
    assert reverse("people:challenge_join", args=[closed.pk]) not in html


def test_english_translation_shares_commitments_with_the_swedish_page(client, person, challenge):
    from django.utils import translation
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = challenge.copy_for_translation(english, copy_parents=True)
    translated.save_revision().publish()
    translated.refresh_from_db()
    try:
        client.post(reverse("people:challenge_join", args=[translated.pk]), {"offers": ["data"]})
    finally:
        translation.activate("sv")
    commitment = Commitment.objects.get()
    assert commitment.challenge_id == challenge.pk  # attached to the Swedish original
    Commitment.objects.filter(pk=commitment.pk).update(status=CommitmentStatus.ACCEPTED)
    groups = challenge_participants(challenge=translated, viewer=person)
    assert [p.name for g in groups for p in g.participants] == ["Ali Hassan"]


def test_join_page_says_so_when_everyone_the_user_speaks_for_has_joined(client, person, challenge):
    client.post(join_url(challenge), {"offers": ["data"]})
    html = client.get(join_url(challenge)).content.decode()
    assert "redan med i utmaningen" in html
    assert 'name="offers"' not in html
    assert "Återkalla min anmälan" in html


# --- Who joins: always asked (issue 12) ----------------------------------------------------


def test_a_member_who_already_joined_is_asked_before_joining_for_the_organisation(
    client, challenge
):
    """Issue 12: with only the organisation left to offer, the form dropped the question and
    a second submit joined in the organisation's name without anyone choosing it."""
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    org = membership.organisation
    login(client, membership.user)
    client.post(join_url(challenge), {"participant": "jag", "offers": ["data"]})

    page = client.get(join_url(challenge)).content.decode()
    response = client.post(join_url(challenge), {"offers": ["funding"], "message": "Igen"})

    assert 'name="participant"' in page
    assert f'value="{org.pk}"' in page and "checked" not in page.split('name="offers"')[0]
    assert response.status_code == 200
    assert "Välj om du går med själv eller för en organisation." in response.content.decode()
    assert not Commitment.objects.filter(organisation=org).exists()


def test_a_member_of_an_organisation_must_choose_even_at_the_first_join(client, challenge):
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    login(client, membership.user)

    page = client.get(join_url(challenge)).content.decode()
    response = client.post(join_url(challenge), {"offers": ["data"]})

    assert "Jag själv" in page and membership.organisation.name in page
    assert response.status_code == 200
    assert not Commitment.objects.exists()
    client.post(join_url(challenge), {"participant": "jag", "offers": ["data"]})
    assert Commitment.objects.get().organisation is None


def test_someone_without_organisations_is_shown_who_joins(client, person, challenge):
    page = client.get(join_url(challenge)).content.decode()

    assert 'name="participant"' in page and "Jag själv" in page
    client.post(join_url(challenge), {"offers": ["data"]})
    assert Commitment.objects.get().organisation is None


def test_join_form_offers_only_organisations_the_user_may_act_for(client, challenge):
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    stranger_org = OrganisationFactory(name="Främmande AB")
    login(client, membership.user)

    page = client.get(join_url(challenge)).content.decode()
    response = client.post(
        join_url(challenge), {"participant": str(stranger_org.pk), "offers": ["data"]}
    )

    assert "Främmande AB" not in page
    assert response.status_code == 403
    assert not Commitment.objects.exists()


def test_the_challenge_page_reads_your_sign_ups_with_the_participants(
    challenge, django_assert_num_queries
):
    """One query for both panels: who is in, and the viewer's own (and their organisations')
    pending and accepted sign-ups; nobody else's pending ones."""
    from people.selectors.commitments import challenge_commitments

    viewer = ProfileFactory(display_name="Ali").user
    organisation = OrganisationFactory(name="Ålidhems IK")
    MembershipFactory(organisation=organisation, user=viewer)
    own = CommitmentFactory(challenge=challenge, user=viewer, status=CommitmentStatus.PENDING)
    for_org = CommitmentFactory(
        challenge=challenge,
        user=ProfileFactory().user,
        organisation=organisation,
        status=CommitmentStatus.ACCEPTED,
    )
    CommitmentFactory(challenge=challenge, user=ProfileFactory().user, status="pending")
    CommitmentFactory(challenge=challenge, user=ProfileFactory().user, status="withdrawn")
    someone = CommitmentFactory(
        challenge=challenge, user=ProfileFactory(display_name="Bo").user, status="accepted"
    )
    from challenges.selectors import challenge_family_ids

    challenge_family_ids(challenge)  # cached until a page is saved
    with django_assert_num_queries(1):
        result = challenge_commitments(challenge=challenge, viewer=viewer)
    assert [c.pk for c in result.signups] == [own.pk, for_org.pk]
    names = [p.name for g in result.participants for p in g.participants]
    assert "Ålidhems IK" in names and len(names) == 2
    assert someone.pk not in [c.pk for c in result.signups]
    other = challenge_commitments(challenge=challenge, viewer=ProfileFactory().user)
    assert other.signups == []
    assert challenge_commitments(challenge=challenge, viewer=AnonymousUser()).signups == []
