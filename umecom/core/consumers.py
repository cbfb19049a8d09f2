from umecom.live import LiveConsumer


class PresenceConsumer(LiveConsumer):
    """A minimal socket that proves the ASGI/Channels stack end to end.

    Signed-in users join the "presence" group and get a greeting through the channel layer,
    so a round trip exercises the configured layer (Redis in production). The discussion
    threads consumer will follow the same pattern: authenticate, check permission, call a service.
    """

    group_name = "presence"

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        if not await self.join(self.group_name):
            return
        await self.accept()
        await self.channel_layer.group_send(
            self.group_name, {"type": "presence.joined", "user_id": user.pk}
        )

    async def presence_joined(self, event):
        await self.send_json({"type": "joined", "user_id": event["user_id"]})
