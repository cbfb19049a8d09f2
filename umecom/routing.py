"""Websocket routes of every app, gathered in one place (the discussion threads land here)."""

from django.urls import path

from umecom.core.consumers import PresenceConsumer
from umecom.notifications.consumers import NotificationConsumer

websocket_urlpatterns = [
    path("ws/presence/", PresenceConsumer.as_asgi()),
    path("ws/notiser/", NotificationConsumer.as_asgi()),
]
