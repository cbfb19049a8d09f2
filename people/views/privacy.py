"""Mina data: see what Umecom keeps, download it, or delete the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.forms.privacy import DeleteAccountForm
from people.services.privacy import (
    AccountDeletionRefused,
    account_delete,
    organisations_needing_new_admin,
    user_data_export,
)
from people.services.profiles import profile_ensure


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    consents = request.user.consents.order_by("-created_at")[:20]
    return render(
        request, "people/privacy_my_data.html", {"profile": profile, "consents": consents}
    )


@login_required
@require_POST
def download_my_data(request: HttpRequest) -> HttpResponse:
    # POST so that no link prefetcher or crawler builds an export without the member asking.
    response = HttpResponse(user_data_export(user=request.user), content_type="application/zip")
    filename = f"umecom-mina-data-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    blocking = organisations_needing_new_admin(user=request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not blocking and form.is_valid():
        user = request.user
        try:
            account_delete(user=user)
        except AccountDeletionRefused as refused:
            blocking = refused.organisations  # someone changed roles in between
        else:
            logout(request)
            messages.success(
                request,
                _("Ditt konto och dina uppgifter är raderade. Tack för att du var med i Umecom."),
            )
            return redirect("/")
    return render(
        request, "people/privacy_delete.html", {"form": form, "blocking_organisations": blocking}
    )
