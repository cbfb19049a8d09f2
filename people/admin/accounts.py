"""Deleting a user in the Wagtail admin goes through the privacy service."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def delete_user_through_the_privacy_service(request, user):
    """Deleting a user in the admin takes the same path as "Radera mitt konto": personal data
    removed, contributions anonymised, a DeletionLog without personal data. Returning a
    response stops Wagtail from deleting the row itself."""
    from people.services.privacy import AccountDeletionRefused, account_delete

    if request.method != "POST":
        return None
    try:
        account_delete(user=user)
    except AccountDeletionRefused as refused:
        messages.error(
            request,
            _(
                "Kontot kan inte raderas: personen är enda administratör för %(orgs)s. "
                "Ge någon annan administratörsrollen först."
            )
            % {"orgs": ", ".join(o.name for o in refused.organisations)},
        )
        return redirect("wagtailusers_users:edit", user.pk)
    messages.success(request, _("Kontot har raderats och personens bidrag har anonymiserats."))
    return redirect("wagtailusers_users:index")
