"""Organisation pages: list, detail, create, edit, members, leave, verify.

Thin views: each checks people/permissions.py, then calls a service or a selector.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from people import permissions
from people.forms.organisations import MemberAddForm, MemberChangeForm, OrganisationForm
from people.models import OrganisationKind, OrganisationMembership, Visibility
from people.selectors.organisations import organisation_detail as select_organisation
from people.selectors.organisations import organisation_list as select_organisations
from people.services import organisations as services

PER_PAGE = 12
SAME_ANSWER_ADD = gettext_lazy("Om adressen hör till ett konto på Umecom har personen lagts till.")


def _get_or_404(slug: str):
    organisation = select_organisation(slug=slug)
    if organisation is None:
        raise Http404
    return organisation


def _form_errors_from(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the right fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def organisation_list(request):
    kind = request.GET.get("slag", "")
    if kind not in OrganisationKind.values:
        kind = ""  # a malformed filter shows everything rather than an error
    page = Paginator(select_organisations(kind=kind or None), PER_PAGE).get_page(
        request.GET.get("sida")
    )
    return render(
        request,
        "people/organisation_list.html",
        {
            "page_obj": page,
            "organisations": page.object_list,
            "kinds": OrganisationKind.choices,
            "current_kind": kind,
            "can_create": permissions.can_create_organisation(request.user),
        },
    )


def _visible_members(user, organisation) -> tuple[list, int]:
    """Members named to this viewer, and how many others there are.

    Fellow members see everyone; others see only people whose profile they may view, so a
    hidden profile is never tied to an organisation in public.
    """
    memberships = list(organisation.memberships.all())
    if permissions.is_member(user, organisation):
        return memberships, 0
    shown = [
        m
        for m in memberships
        if (profile := getattr(m.user, "profile", None)) is not None
        and profile.visibility != Visibility.HIDDEN
        and permissions.can_view_profile(user, profile)
    ]
    return shown, len(memberships) - len(shown)


def organisation_detail(request, slug: str):
    organisation = _get_or_404(slug)
    user = request.user
    members, unnamed = _visible_members(user, organisation)
    return render(
        request,
        "people/organisation_detail.html",
        {
            "organisation": organisation,
            "is_member": permissions.is_member(user, organisation),
            "can_edit": permissions.can_edit_organisation(user, organisation),
            "can_manage_members": permissions.can_manage_members(user, organisation),
            "can_verify": permissions.can_verify_organisation(user),
            "members": members,
            "unnamed_members": unnamed,
        },
    )


@login_required
def organisation_create(request):
    if not permissions.can_create_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                creator=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(
                request,
                _("%(name)s finns nu på Umecom. Du är dess administratör.")
                % {"name": organisation.name},
            )
            return redirect("people:organisation_detail", slug=organisation.slug)
    return render(request, "people/organisation_form.html", {"form": form, "creating": True})


@login_required
def organisation_edit(request, slug: str):
    organisation = _get_or_404(slug)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(organisation=organisation, **form.service_kwargs())
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("people:organisation_detail", slug=organisation.slug)
    return render(
        request,
        "people/organisation_form.html",
        {"form": form, "organisation": organisation, "creating": False},
    )


@login_required
def organisation_members(request, slug: str):
    organisation = _get_or_404(slug)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.membership_add_by_email(
            organisation=organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
        )
        # The same words whether or not the address has an account: no enumeration.
        messages.info(request, SAME_ANSWER_ADD)
        return redirect("people:organisation_members", slug=organisation.slug)
    return render(
        request,
        "people/organisation_members.html",
        {"organisation": organisation, "form": form, "memberships": organisation.memberships.all()},
    )


@login_required
@require_POST
def organisation_member_change(request, slug: str, membership_id: int):
    organisation = _get_or_404(slug)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    membership = get_object_or_404(
        OrganisationMembership.objects.select_related("user", "organisation"),
        pk=membership_id,
        organisation=organisation,
    )
    form = MemberChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj vad som ska ändras."))
        return redirect("people:organisation_members", slug=organisation.slug)
    try:
        if form.cleaned_data["action"] == "remove":
            services.membership_remove(membership=membership)
            messages.success(request, _("Personen är inte längre medlem."))
        else:
            services.membership_set_role(membership=membership, role=form.cleaned_data["role"])
            messages.success(request, _("Rollen är ändrad."))
    except services.OrganisationError as error:
        messages.error(request, str(error))
    if permissions.can_manage_members(request.user, organisation):
        return redirect("people:organisation_members", slug=organisation.slug)
    return redirect("people:organisation_detail", slug=organisation.slug)


@login_required
def organisation_leave(request, slug: str):
    organisation = _get_or_404(slug)
    if not permissions.can_leave_organisation(request.user, organisation):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.organisation_leave(organisation=organisation, user=request.user)
        except services.OrganisationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Du har lämnat %(name)s.") % {"name": organisation.name})
        return redirect("people:organisation_detail", slug=organisation.slug)
    return render(request, "people/organisation_leave.html", {"organisation": organisation})


@login_required
@require_POST
def organisation_verify(request, slug: str):
    organisation = _get_or_404(slug)
    if not permissions.can_verify_organisation(request.user):
        raise PermissionDenied
    verified = request.POST.get("verified", "1") != "0"
    services.organisation_verify(organisation=organisation, by=request.user, verified=verified)
    if verified:
        messages.success(request, _("Organisationen är verifierad."))
    else:
        messages.success(request, _("Verifieringen är borttagen."))
    return redirect("people:organisation_detail", slug=organisation.slug)
