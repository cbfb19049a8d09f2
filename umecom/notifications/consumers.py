"""The header's unread counter, live: `/ws/notiser/`.

Each signed-in person's sockets join one group of their own. Services do not put counts or
texts on the layer: they say "your notifications changed" after commit
(`services.notify`, `services.mark_read`), and the socket reads the count from the database,
the store of record. A socket that missed events (Redis was down, the laptop slept) is
correct again as soon as it reconnects, because the count is sent on every connect.
"""

from __future__ import annotations

from channels.db import database_sync_to_async

from umecom.live import LiveConsumer

from .selectors import unread_count


def user_group(user_id: int) -> str:
    return f"notifications.user.{user_id}"


class NotificationConsumer(LiveConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        if not await self.join(user_group(user.pk)):
            return
        await self.accept()
        await self.send_count()

    async def notifications_changed(self, event):
        await self.send_count()

    async def send_count(self):
        count = await database_sync_to_async(self._count)()
        await self.send_json({"type": "unread", "count": count})

    def _count(self) -> int:
        user = self.scope["user"]
        user.__dict__.pop("_umecom_unread", None)  # the selector's per-request memo
        return unread_count(user=user)
