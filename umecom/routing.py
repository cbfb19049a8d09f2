"""Websocket routes of every app, gathered in one place (the discussion threads land here)."""

from django.urls import path

from umecom.core.consumers import PresenceConsumer

websocket_urlpatterns = [
    path("ws/presence/", PresenceConsumer.as_asgi()),
]
