from umecom.live import LiveConsumer


class PresenceConsumer(LiveConsumer):
    """A minimal socket that proves the ASGI/Channels stack end to end.

    Signed-in users join the "presence" group. Each gets a welcome through the channel layer
    (to its own channel), and everybody in the group hears that *someone* joined (a group
    message), so a round trip exercises the configured layer (Redis in production) both ways
    threads will need. Nobody is told who else is here: a member may not see other members'
    ids (hidden profiles exist), so group events carry no identity at all. The discussion
    threads consumer will follow the same pattern: authenticate, check permission, call a
    service, and send each receiver only what it may see.
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
        await self.channel_layer.send(
            self.channel_name, {"type": "presence.welcome", "user_id": user.pk}
        )
        await self.channel_layer.group_send(self.group_name, {"type": "presence.joined"})

    async def presence_welcome(self, event):
        # Sent to this socket's own channel only: the member's own id, which it already knows.
        await self.send_json({"type": "welcome", "user_id": event["user_id"]})

    async def presence_joined(self, event):
        await self.send_json({"type": "joined"})
