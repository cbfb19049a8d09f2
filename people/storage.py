"""Where personal files live: outside MEDIA_ROOT, so no web server can hand them out directly.

Avatars are served by `people.views.profiles.avatar`, which applies the profile's visibility.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read from settings on each use (not cached), so overriding PRIVATE_MEDIA_ROOT works.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return "/private-media/"  # never routed: files go out through permission-checked views


def private_storage() -> FileSystemStorage:
    # A callable keeps the location out of migrations.
    return PrivateStorage()
