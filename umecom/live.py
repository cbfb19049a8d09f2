"""Base for websocket consumers: live updates while the channel layer (Redis) may be down.

The channel layer is a helper, not a store of record. When it fails, a consumer tells its
client `{"type": "reconnecting"}` and closes with 4013 ("try again later"), instead of
raising into Daphne, which would log a traceback for every socket. The client keeps the page
as it is, says it is reconnecting, and connects again with back-off; after reconnecting it
fetches what it missed over HTTP (STYLE.md, "clients catch up by id"). While the circuit
breaker (umecom/resilience.py) says the layer is down, new sockets get the same answer at
once, without waiting on a dead server.
"""

from __future__ import annotations

from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from redis.exceptions import RedisError

from umecom.resilience import channel_layer_breaker

# RFC 6455's 1013 "Try Again Later" in the application range: Daphne (autobahn) lets an
# application close only with 1000 or 3000-4999, and 4401 already means "sign in".
TRY_AGAIN_LATER = 4013
LAYER_ERRORS = (RedisError, OSError)  # OSError covers timeouts and refused connections


class LiveConsumer(AsyncJsonWebsocketConsumer):
    accepted = False
    closed_for_outage = False

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        except LAYER_ERRORS as error:
            # The layer's receive loop or a handler lost Redis mid-session.
            channel_layer_breaker.failed(error)
            await self.close_for_outage()

    async def accept(self, subprotocol=None, headers=None):
        await super().accept(subprotocol, headers)
        self.accepted = True

    async def join(self, *groups: str) -> bool:
        """Join the groups; False (and the socket closed for the outage) if the layer is down."""
        if not channel_layer_breaker.allows():
            await self.close_for_outage()
            return False
        try:
            for group in groups:
                await self.channel_layer.group_add(group, self.channel_name)
        except LAYER_ERRORS as error:
            channel_layer_breaker.failed(error)
            await self.close_for_outage()
            return False
        channel_layer_breaker.succeeded()
        self.groups = [*self.groups, *groups]  # left again on disconnect
        return True

    async def close_for_outage(self) -> None:
        if self.closed_for_outage:  # the receive loop fails too once join() has given up
            return
        self.closed_for_outage = True
        try:
            if not self.accepted:
                # Accepted first, so the client gets a close code it can act on rather
                # than a refused handshake it cannot tell from a 403.
                await self.accept()
            await self.send_json({"type": "reconnecting"})
            await self.close(code=TRY_AGAIN_LATER)
        except Exception:  # noqa: S110 - the client may already be gone; nothing to tell
            pass

    async def websocket_disconnect(self, message):
        try:
            for group in self.groups:
                await self.channel_layer.group_discard(group, self.channel_name)
        except LAYER_ERRORS as error:
            # Redis forgets the membership itself when the group key expires.
            channel_layer_breaker.failed(error)
        await self.disconnect(message["code"])
        raise StopConsumer()
