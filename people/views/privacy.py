"""Mina data: see what Umecom keeps, download it, or delete the account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.forms.privacy import DeleteAccountForm
from people.services.privacy import (
    account_delete,
    organisations_left_without_admin_by,
    readme_filename,
    user_data_export,
)
from people.services.profiles import profile_ensure


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    consents = request.user.consents.order_by("-created_at")[:20]
    return render(
        request,
        "people/privacy_my_data.html",
        {"profile": profile, "consents": consents, "readme_filename": readme_filename()},
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
    # Never refused (issue 13): the page only says which organisations will have no admin
    # left, so the person can hand the role over first if they want to.
    orphaned = organisations_left_without_admin_by(user=request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(
            request,
            _("Ditt konto och dina uppgifter är raderade. Tack för att du var med i Umecom."),
        )
        # The home page in the language the person was using (English lives under /en/).
        language = get_language() or settings.LANGUAGE_CODE
        return redirect("/" if language == settings.LANGUAGE_CODE else f"/{language}/")
    return render(
        request, "people/privacy_delete.html", {"form": form, "orphaned_organisations": orphaned}
    )
