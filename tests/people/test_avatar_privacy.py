"""Avatars are personal data: stored outside MEDIA_ROOT and served only to those who may see
the profile."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from people.models import Visibility
from tests.factories.people import ProfileFactory

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def profile_with_avatar(visibility):
    profile = ProfileFactory(visibility=visibility)
    profile.avatar.save("ansikte.png", ContentFile(png_bytes()))
    return profile


def test_avatar_files_are_stored_outside_the_public_media_folder(settings):
    profile = profile_with_avatar(Visibility.PUBLIC)
    path = profile.avatar.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize(
    ("visibility", "viewer", "expected"),
    [
        (Visibility.PUBLIC, "anonymous", 200),
        (Visibility.MEMBERS, "anonymous", 404),
        (Visibility.MEMBERS, "member", 200),
        (Visibility.HIDDEN, "member", 404),
        (Visibility.HIDDEN, "owner", 200),
    ],
)
def test_avatar_is_served_only_to_those_who_may_see_the_profile(
    client, django_user_model, visibility, viewer, expected
):
    profile = profile_with_avatar(visibility)
    if viewer == "member":
        client.force_login(ProfileFactory().user)
    elif viewer == "owner":
        client.force_login(profile.user)

    response = client.get(f"/personer/{profile.pk}/profilbild/")

    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == profile.avatar.open("rb").read()
        assert response["Content-Type"] == "image/png"
        assert "private" in response["Cache-Control"]


def test_the_avatar_is_not_reachable_under_media(client):
    profile = profile_with_avatar(Visibility.HIDDEN)
    assert client.get(f"/media/{profile.avatar.name}").status_code == 404
