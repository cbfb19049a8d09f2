from django import template

from umecom.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """Unread count for the header: nothing to read for visitors (selectors.unread_count)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return unread_count(user=user) if user is not None else 0
