"""The 403 pages: a refused view and a failed CSRF check show the site's own page (header,
menu, Swedish first and English under /en/) instead of Django's bare English ones, and they
render even for a request without a user or a session."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.views.csrf import csrf_failure
from django.views.defaults import permission_denied

from projects.models import ProjectStatus
from tests.factories import challenges as challenge_pages
from tests.factories.people import ProfileFactory, login
from tests.factories.teams import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(challenge=challenge_pages.challenge(title="Trygga stråk", plan="teams"))


def _template_names(response) -> list[str]:
    return [t.name for t in response.templates]


@pytest.mark.parametrize("name", ["project_edit", "suggestions"])
def test_a_refused_page_is_the_sites_own_403_in_swedish(client, project, name):
    login(client, ProfileFactory().user)  # signed in, but not the lead
    response = client.get(reverse(f"projects:{name}", args=[project.pk]))
    html = response.content.decode()
    assert response.status_code == 403
    assert "403.html" in _template_names(response)
    assert '<html lang="sv">' in html and 'class="site-header"' in html
    assert "Du har inte tillgång till det här" in html
    assert "Mina projekt" in html  # the signed-in account menu is there
    assert "403 Forbidden" not in html


def test_a_refused_page_under_en_is_in_english(client, project):
    login(client, ProfileFactory().user)
    response = client.get("/en" + reverse("projects:project_edit", args=[project.pk]))
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="en">' in html
    assert "You do not have access to this" in html
    assert "Du har inte tillgång" not in html


def test_a_refused_post_is_the_sites_own_403(client, project):
    project.status = ProjectStatus.PAUSED
    project.save()
    login(client, ProfileFactory().user)
    response = client.post(
        reverse("projects:project_join", args=[project.pk]), {"message": "Får jag vara med?"}
    )
    assert response.status_code == 403
    assert "Du har inte tillgång till det här" in response.content.decode()


def test_an_anonymous_visitor_is_offered_to_log_in_and_come_back(rf):
    request = rf.get("/projekt/1/andra/")
    request.user = AnonymousUser()
    html = permission_denied(request, PermissionDenied()).content.decode()
    assert 'href="/konto/login/?next=/projekt/1/andra/"' in html
    assert "Du är inte inloggad" in html


def test_a_failed_csrf_check_is_the_sites_own_page(project):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/login/", {"login": "a@example.org", "password": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "403_csrf.html" in _template_names(response)
    assert '<html lang="sv">' in html and 'class="site-header"' in html
    assert "Formuläret kunde inte skickas" in html
    assert "CSRF verification failed" not in html
    response = client.post("/en/konto/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "The form could not be sent" in response.content.decode()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_403_pages_render_without_a_user_or_a_session(rf, language):
    # A request refused before the session and authentication middleware ran.
    request = rf.post("/konto/login/")
    assert not hasattr(request, "user") and not hasattr(request, "session")
    with translation.override(language):
        denied = permission_denied(request, PermissionDenied())
        csrf = csrf_failure(request, reason="CSRF cookie not set.")
    assert denied.status_code == csrf.status_code == 403
    assert 'class="site-header"' in denied.content.decode()
    assert 'class="site-header"' in csrf.content.decode()
    heading = "Du har inte tillgång" if language == "sv" else "You do not have access"
    assert heading in denied.content.decode()
    request.user = AnonymousUser()
    assert permission_denied(request, PermissionDenied()).status_code == 403
