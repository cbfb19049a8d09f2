"""The notifications page and the one-click unsubscribe (no log-in: a signed token)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from people.models import EmailFrequency

from . import services
from .registry import render as render_notification
from .selectors import notifications_for


@login_required
def notification_list(request):
    if request.method == "POST":
        services.mark_read(user=request.user)
        messages.success(request, _("Alla notiser är markerade som lästa."))
        return redirect("notifications:list")
    page = Paginator(notifications_for(user=request.user), 30).get_page(
        request.GET.get("sida", "")[:20]
    )
    items = [{"n": n, "r": render_notification(n)} for n in page.object_list]
    response = render(request, "notifications/list.html", {"items": items, "page_obj": page})
    # Shown is read: the counter in the header goes down on the next page.
    services.mark_read(user=request.user, notification_ids=[i["n"].pk for i in items])
    return response


# Mail clients POST here without a session or CSRF token (RFC 8058 one-click); the signed
# token is the authentication, and the only effect is fewer e-mails.
@csrf_exempt
def unsubscribe(request, token: str):
    user = services.user_for_unsubscribe_token(token[:200])
    if user is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        services.set_email_frequency(user=user, frequency=EmailFrequency.NEVER)
        return render(request, "notifications/unsubscribe.html", {"done": True})
    return render(request, "notifications/unsubscribe.html", {"token": token})
