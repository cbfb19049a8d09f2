"""Each staff role in umecom/roles.py has a Python form and a query form; they must agree."""

import pytest
from django.contrib.auth import get_user_model

from people import permissions
from tests.factories.people import ProfileFactory, staff_user
from umecom.roles import (
    EDITORS,
    INNOVATION_TEAM,
    MODERATORS,
    STAFF_GROUPS,
    has_role,
    role_q,
    staff_q,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    superuser = ProfileFactory().user
    superuser.is_superuser = True
    superuser.save()
    retired = staff_user(INNOVATION_TEAM)
    retired.is_active = False
    retired.save()
    inactive_superuser = ProfileFactory().user
    inactive_superuser.is_superuser = True
    inactive_superuser.is_active = False
    inactive_superuser.save()
    return [
        superuser,
        retired,
        inactive_superuser,
        staff_user(INNOVATION_TEAM),
        staff_user(EDITORS),
        staff_user(MODERATORS),
        ProfileFactory().user,
    ]


ROLES = [(INNOVATION_TEAM,), (MODERATORS,), (EDITORS,), (INNOVATION_TEAM, MODERATORS), STAFF_GROUPS]


@pytest.mark.parametrize("groups", ROLES)
def test_role_query_selects_exactly_the_users_the_python_rule_accepts(people, groups):
    User = get_user_model()
    from_query = set(User.objects.filter(role_q(groups)).values_list("pk", flat=True))
    from_python = {u.pk for u in User.objects.all() if has_role(u, groups)}
    assert from_query == from_python
    assert from_query, "the table must contain someone who holds the role"


def test_staff_query_is_every_staff_group_and_active_superusers(people):
    User = get_user_model()
    staff = set(User.objects.filter(staff_q()).distinct().values_list("pk", flat=True))
    assert staff == {u.pk for u in people if u.is_active and (u.is_superuser or u.groups.exists())}


@pytest.mark.parametrize("manage", [True, False])
def test_people_admin_query_agrees_with_its_checks(people, manage):
    User = get_user_model()
    check = permissions.can_manage_people_admin if manage else permissions.can_view_people_admin
    from_query = set(
        User.objects.filter(permissions.people_admin_users_q(manage=manage)).values_list(
            "pk", flat=True
        )
    )
    assert from_query == {u.pk for u in User.objects.all() if check(u)}
