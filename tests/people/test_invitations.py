"""Membership needs consent (issue 13): an organisation admin invites an address, the person
accepts or declines, by the e-mail's link or under "Mina organisationer".

Services are tested as function calls and over HTTP; the permission table for invite, accept,
decline and withdraw is in test_permissions.py.
"""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from people.models import MembershipRole, OrganisationInvitation, OrganisationMembership
from people.selectors.organisations import invitations_for_user
from people.services import invitations as services
from tests.factories.people import (
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
    login,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_state():
    translation.activate("sv")
    cache.clear()  # allauth's rate-limit counters
    yield
    translation.activate("sv")
    cache.clear()


@pytest.fixture
def org_admin(client):
    membership = MembershipFactory(
        role=MembershipRole.ADMIN, organisation=OrganisationFactory(name="Cykelköket")
    )
    login(client, membership.user)
    return membership


@pytest.fixture
def invite(client, django_capture_on_commit_callbacks):
    """POST the members page's invitation form, running what waits for the commit (the mail):
    the test's own transaction never commits."""

    def post(organisation, email, role="member", language="sv"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("people:organisation_members", args=[organisation.slug]),
                {"email": email, "role": role, "language": language},
                follow=True,
            )

    return post


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


# --- Inviting ------------------------------------------------------------------------------


def test_inviting_adds_nobody_and_shows_only_the_address(client, org_admin, invite):
    """Before: the account was added at once and the table showed its name, hidden or not."""
    hidden = ProfileFactory(display_name="Hemliga Hanna", visibility="hidden")

    response = invite(org_admin.organisation, hidden.user.email)

    page = response.content.decode()
    assert not OrganisationMembership.objects.filter(user=hidden.user).exists()
    assert hidden.user.email in page
    assert "Hemliga Hanna" not in page
    assert OrganisationInvitation.objects.get().email == hidden.user.email


def test_the_answer_and_the_email_are_the_same_with_or_without_an_account(
    client, org_admin, invite
):
    """No enumeration: the admin learns nothing, the e-mail does not differ."""
    org = org_admin.organisation
    known = ProfileFactory().user
    member = MembershipFactory(organisation=org).user

    said = {}
    for label, email in [
        ("account", known.email),
        ("none", "ingen.alls@example.org"),
        ("member", member.email),
    ]:
        response = invite(org, email.upper())
        said[label] = [
            str(m).replace(email.lower(), "ADDRESS") for m in response.context["messages"]
        ]

    assert said["account"] == said["none"] == said["member"]
    assert said["none"] == [
        "Inbjudan är skickad till ADDRESS. Personen blir medlem när hen tackar ja."
    ]
    assert len(mail.outbox) == 3
    bodies = {re.sub(r"https?://\S+", "LINK", m.body) for m in mail.outbox}
    subjects = {m.subject for m in mail.outbox}
    assert len(bodies) == 1 and subjects == {"[Umecom] Inbjudan till Cykelköket"}
    assert org.memberships.count() == 2  # the admin and the member; nobody added


def test_the_email_is_queued_only_after_commit(django_capture_on_commit_callbacks):
    org = OrganisationFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.invitation_create(organisation=org, email="a@example.org")
    assert len(mail.outbox) == 0
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_the_email_is_written_in_the_language_the_admin_chose(client, org_admin, invite):
    invite(org_admin.organisation, "eve@example.org", language="en")

    [message] = mail.outbox
    assert message.subject == "[Umecom] Invitation to Cykelköket"
    assert "has invited you" in message.body
    assert "/en/organisationer/inbjudan/" in link_in(message)


def test_inviting_again_renews_but_mails_at_most_once_an_hour(client, org_admin, invite):
    org = org_admin.organisation
    first = invite(org, "a@example.org")
    second = invite(org, "a@example.org", role="admin")

    assert [str(m) for m in first.context["messages"]] == [
        str(m) for m in second.context["messages"]
    ]
    assert len(mail.outbox) == 1
    assert OrganisationInvitation.objects.get().role == "admin"
    OrganisationInvitation.objects.update(sent_at=timezone.now() - timedelta(hours=2))
    invite(org, "a@example.org")
    assert len(mail.outbox) == 2
    # A new mail carries a new link; the old one stops working.
    assert client.get(path_of(link_in(mail.outbox[0]))).status_code == 404
    assert client.get(path_of(link_in(mail.outbox[1]))).status_code == 200


def test_a_bad_address_keeps_what_was_typed(client, org_admin, invite):
    response = invite(org_admin.organisation, "inte en adress")
    assert response.status_code == 200
    assert 'value="inte en adress"' in response.content.decode()
    assert not OrganisationInvitation.objects.exists()


def test_open_invitations_per_organisation_are_limited(org_admin):
    org = org_admin.organisation
    for n in range(services.MAX_OPEN_INVITATIONS):
        services.invitation_create(organisation=org, email=f"p{n}@example.org")
    with pytest.raises(services.InvitationError, match="obesvarade inbjudningar"):
        services.invitation_create(organisation=org, email="en.till@example.org")


# --- Answering -----------------------------------------------------------------------------


def test_invitee_accepts_through_the_email_link(client, org_admin, invite):
    invitee = ProfileFactory(display_name="Ines").user
    invite(org_admin.organisation, invitee.email, role="admin")
    url = path_of(link_in(mail.outbox[0]))
    client.logout()

    anonymous_page = client.get(url).content.decode()
    assert "Cykelköket" in anonymous_page and "Logga in" in anonymous_page

    login(client, invitee)
    page = client.get(url).content.decode()
    assert "Tacka ja" in page
    invitation = OrganisationInvitation.objects.get()
    response = client.post(
        reverse("people:invitation_answer", args=[invitation.pk]), {"action": "accept"}
    )

    assert response.status_code == 302
    membership = OrganisationMembership.objects.get(user=invitee)
    assert membership.role == MembershipRole.ADMIN
    assert not OrganisationInvitation.objects.exists()
    assert client.get(url).status_code == 404  # the link is spent


def test_invitee_declines_on_mina_organisationer_and_the_address_is_forgotten(client, org_admin):
    invitee = ProfileFactory().user
    services.invitation_create(organisation=org_admin.organisation, email=invitee.email)
    login(client, invitee)

    page = client.get(reverse("people:my_organisations")).content.decode()
    assert "Tacka nej till Cykelköket" in page
    profile_page = client.get(reverse("people:my_profile")).content.decode()
    assert "inbjudan till en organisation som väntar på svar" in profile_page
    invitation = OrganisationInvitation.objects.get()
    client.post(reverse("people:invitation_answer", args=[invitation.pk]), {"action": "decline"})

    assert not OrganisationMembership.objects.filter(user=invitee).exists()
    assert not OrganisationInvitation.objects.exists()


def test_someone_else_cannot_accept_even_with_the_link(client, org_admin, invite):
    invitee = ProfileFactory().user
    other = ProfileFactory().user
    invite(org_admin.organisation, invitee.email)
    url = path_of(link_in(mail.outbox[0]))
    invitation = OrganisationInvitation.objects.get()
    login(client, other)

    page = client.get(url).content.decode()
    response = client.post(
        reverse("people:invitation_answer", args=[invitation.pk]), {"action": "accept"}
    )

    assert "Tacka ja" not in page and "inte bekräftad på kontot" in page
    assert response.status_code == 404
    assert not OrganisationMembership.objects.filter(user=other).exists()
    with pytest.raises(services.InvitationError):
        services.invitation_accept(invitation=invitation, user=other)


def test_an_unverified_address_on_the_account_is_not_enough(client):
    invitee = ProfileFactory().user
    EmailAddress.objects.filter(user=invitee).update(verified=False)
    invitation = services.invitation_create(organisation=OrganisationFactory(), email=invitee.email)

    with pytest.raises(services.InvitationError):
        services.invitation_accept(invitation=invitation, user=invitee)
    assert list(invitations_for_user(user=invitee)) == []


def test_an_expired_invitation_cannot_be_accepted(client, org_admin, invite):
    invitee = ProfileFactory().user
    invite(org_admin.organisation, invitee.email)
    url = path_of(link_in(mail.outbox[0]))
    invitation = OrganisationInvitation.objects.get()
    OrganisationInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    login(client, invitee)

    assert client.get(url).status_code == 404
    assert "Cykelköket" not in client.get(reverse("people:my_organisations")).content.decode()
    response = client.post(
        reverse("people:invitation_answer", args=[invitation.pk]),
        {"action": "accept"},
        follow=True,
    )
    assert "Inbjudan har gått ut" in response.content.decode()
    assert not OrganisationMembership.objects.filter(user=invitee).exists()


def test_invitations_expire_after_fourteen_days():
    invitation = services.invitation_create(organisation=OrganisationFactory(), email="a@b.se")
    lifetime = invitation.expires_at - invitation.sent_at
    assert lifetime == timedelta(days=14)


def test_a_withdrawn_invitation_link_stops_working(client, org_admin, invite):
    invite(org_admin.organisation, "a@example.org")
    url = path_of(link_in(mail.outbox[0]))
    invitation = OrganisationInvitation.objects.get()

    response = client.post(
        reverse(
            "people:organisation_invitation_withdraw",
            args=[org_admin.organisation.slug, invitation.pk],
        ),
        follow=True,
    )

    assert "är tillbakadragen" in response.content.decode()
    assert not OrganisationInvitation.objects.exists()
    assert client.get(url).status_code == 404


def test_an_invitation_is_honoured_when_the_address_signs_up_and_verifies(
    client, org_admin, invite, django_capture_on_commit_callbacks
):
    """The address had no account: after sign-up and e-mail verification it can accept."""
    invite(org_admin.organisation, "Ny.Person@example.org")
    invitation_url = path_of(link_in(mail.outbox[0]))
    client.logout()
    password = "ett-langt-losenord-2026"

    with django_capture_on_commit_callbacks(execute=True):  # allauth's mail is queued
        client.post(
            reverse("account_signup") + "?next=" + invitation_url,
            {
                "email": "ny.person@example.org",
                "password1": password,
                "password2": password,
                "privacy_policy": "on",
            },
        )
    confirm = path_of(link_in(mail.outbox[-1]))
    assert "/konto/confirm-email/" in confirm
    client.post(confirm)
    client.post(reverse("account_login"), {"login": "ny.person@example.org", "password": password})

    page = client.get(invitation_url).content.decode()
    assert "Tacka ja" in page
    mine = client.get(reverse("people:my_organisations")).content.decode()
    assert "Tacka ja till Cykelköket" in mine
    invitation = OrganisationInvitation.objects.get()
    client.post(reverse("people:invitation_answer", args=[invitation.pk]), {"action": "accept"})
    assert org_admin.organisation.memberships.filter(user__email="ny.person@example.org").exists()


def test_accepting_as_an_existing_member_never_lowers_the_role(org_admin):
    admin = org_admin.user
    invitation = services.invitation_create(
        organisation=org_admin.organisation, email=admin.email, role="member"
    )

    services.invitation_accept(invitation=invitation, user=admin)

    org_admin.refresh_from_db()
    assert org_admin.role == MembershipRole.ADMIN


def test_a_member_can_leave_from_mina_organisationer(client):
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    login(client, membership.user)

    page = client.get(reverse("people:my_organisations")).content.decode()

    leave = reverse("people:organisation_leave", args=[membership.organisation.slug])
    assert leave in page
    client.post(leave)
    assert not OrganisationMembership.objects.filter(pk=membership.pk).exists()


def test_an_unknown_or_absurd_token_is_a_plain_404(client):
    for token in ["finns-inte", "x" * 500, "%00"]:
        assert client.get(f"/organisationer/inbjudan/{token}/").status_code == 404


def test_invitations_for_user_takes_two_queries(django_assert_num_queries):
    user = ProfileFactory().user
    for _ in range(5):
        services.invitation_create(organisation=OrganisationFactory(), email=user.email)

    with django_assert_num_queries(2):
        rows = [i.organisation.name for i in invitations_for_user(user=user)]

    assert len(rows) == 5


def test_the_organisation_page_still_names_only_accepted_members(client, org_admin):
    invitee = ProfileFactory(display_name="Inbjudna Ingrid", visibility="public").user
    services.invitation_create(organisation=org_admin.organisation, email=invitee.email)
    client.logout()

    page = client.get(
        reverse("people:organisation_detail", args=[org_admin.organisation.slug])
    ).content.decode()

    assert "Inbjudna Ingrid" not in page and invitee.email not in page


def test_inviting_is_rate_limited_with_a_clear_message_that_keeps_the_address(
    client, org_admin, invite, settings
):
    settings.PEOPLE_RATE_LIMITS = {"organisation_invite": "2/h/user"}
    organisation = org_admin.organisation
    for n in range(2):
        invite(organisation, f"person{n}@example.org")
    response = invite(organisation, "person9@example.org")
    html = response.content.decode()
    assert "Vänta en stund och försök igen" in html
    assert 'value="person9@example.org"' in html
    assert not OrganisationInvitation.objects.filter(email="person9@example.org").exists()
    assert OrganisationInvitation.objects.count() == 2
