"""Helpers for posting Wagtail's page edit form the way a browser would."""

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield


def page_edit_form(client, page):
    """URL and POST data of the page edit form exactly as the admin renders it."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
    # The StreamField editor is built by JavaScript, so its inputs are not in the HTML.
    for key, value in nested_form_data({"body": streamfield([])}).items():
        data[key] = value
    return url, data
