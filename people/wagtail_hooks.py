"""Registers the people admin (people/admin/) with Wagtail; the code lives in that package."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ViewSetGroup
from wagtail.permissions import register_permission_policy

from people import permissions
from people.admin import accounts, dashboard
from people.admin.commitments import CommitmentViewSet
from people.admin.organisations import OrganisationViewSet
from people.admin.policy import PeopleAdminPolicy
from people.admin.profiles import ProfileViewSet
from people.models import Commitment, Organisation, Profile

# Registered at import time, before Wagtail creates a fallback policy for these models.
# Profiles are never added or deleted here: accounts own their profile, and deletion goes
# through the GDPR flow. Commitments change only through "Svara" (so the e-mail is sent).
register_permission_policy(Profile, PeopleAdminPolicy(Profile, manage_actions={"change"}))
register_permission_policy(
    Organisation, PeopleAdminPolicy(Organisation, manage_actions={"add", "change", "delete"})
)
register_permission_policy(Commitment, PeopleAdminPolicy(Commitment, manage_actions=()))


class ParticipantsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Deltagare")
    menu_icon = "group"
    menu_order = 250
    items = (ProfileViewSet, OrganisationViewSet, CommitmentViewSet)


@hooks.register("register_admin_viewset")
def register_participants_viewsets():
    return ParticipantsGroup()


@hooks.register("construct_homepage_panels")
def add_participation_panel(request, panels):
    if permissions.can_decide_commitment(request.user):
        panels.append(dashboard.PendingCommitmentsPanel())
    if permissions.can_view_people_admin(request.user):
        panels.append(dashboard.ParticipationPanel())


hooks.register("before_delete_user", accounts.delete_user_through_the_privacy_service)
