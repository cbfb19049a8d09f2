"""Organisation pages: list, detail, create, edit, members and invitations, leave, verify.

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
from people.forms.organisations import (
    InvitationAnswerForm,
    InvitationForm,
    MemberChangeForm,
    OrganisationForm,
)
from people.models import (
    MembershipRole,
    OrganisationInvitation,
    OrganisationKind,
    OrganisationMembership,
    Visibility,
)
from people.selectors.organisations import (
    invitation_by_token,
    invitations_for_organisation,
    invitations_for_user,
    memberships_for_user,
)
from people.selectors.organisations import organisation_detail as select_organisation
from people.selectors.organisations import organisation_list as select_organisations
from people.services import invitations as invitation_services
from people.services import organisations as services
from people.services.privacy import organisations_left_without_admin_by
from people.services.profiles import profile_ensure
from umecom import ratelimit

PER_PAGE = 12
# The same words whatever the address: whether it has an account, has none, or is a member's.
SAME_ANSWER_INVITE = gettext_lazy(
    "Inbjudan är skickad till %(email)s. Personen blir medlem när hen tackar ja."
)


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
    was_verified = organisation.is_verified
    form = OrganisationForm(
        request.POST or None,
        request.FILES or None,
        instance=organisation,
        can_edit_identity=permissions.can_edit_organisation_identity(request.user, organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(organisation=organisation, **form.service_kwargs())
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            if was_verified and not organisation.is_verified:
                messages.info(
                    request,
                    _(
                        "Namn eller organisationsnummer ändrades, så organisationen är inte "
                        "längre verifierad. Innovationsteamet granskar den igen."
                    ),
                )
            return redirect("people:organisation_detail", slug=organisation.slug)
    return render(
        request,
        "people/organisation_form.html",
        {"form": form, "organisation": organisation, "creating": False},
    )


# Each invitation sends an e-mail to an address someone typed: cap how many an account can
# send (umecom/ratelimit.py; the site may override with PEOPLE_RATE_LIMITS).
DEFAULT_RATE_LIMITS = {"organisation_invite": "20/h/user,60/d/user"}


@login_required
def organisation_members(request, slug: str):
    organisation = _get_or_404(slug)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_invite_members(request.user, organisation):
            raise PermissionDenied
        if form.is_valid() and not ratelimit.hit(
            request,
            scope="people",
            action="organisation_invite",
            rates=ratelimit.rates(DEFAULT_RATE_LIMITS, "PEOPLE_RATE_LIMITS"),
        ):
            form.add_error(
                None,
                _("Du har skickat många inbjudningar på kort tid. Vänta en stund och försök "
                  "igen."),
            )  # fmt: skip
        elif form.is_valid():
            try:
                invitation_services.invitation_create(
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    invited_by=request.user,
                    language=form.cleaned_data["language"],
                )
            except invitation_services.InvitationError as error:
                form.add_error(None, str(error))
            else:
                messages.info(
                    request, SAME_ANSWER_INVITE % {"email": form.cleaned_data["email"].lower()}
                )
                return redirect("people:organisation_members", slug=organisation.slug)
    return render(
        request,
        "people/organisation_members.html",
        {
            "organisation": organisation,
            "form": form,
            "memberships": organisation.memberships.all(),
            "invitations": invitations_for_organisation(organisation=organisation),
        },
    )


@login_required
@require_POST
def organisation_invitation_withdraw(request, slug: str, invitation_id: int):
    organisation = _get_or_404(slug)
    invitation = get_object_or_404(
        OrganisationInvitation.objects.select_related("organisation"),
        pk=invitation_id,
        organisation=organisation,
    )
    if not permissions.can_withdraw_invitation(request.user, invitation):
        raise PermissionDenied
    invitation_services.invitation_withdraw(invitation=invitation)
    messages.success(
        request, _("Inbjudan till %(email)s är tillbakadragen.") % {"email": invitation.email}
    )
    return redirect("people:organisation_members", slug=organisation.slug)


def invitation_landing(request, token: str):
    """Where the invitation e-mail's link leads, with or without an account.

    Anyone holding the link sees which organisation invites; answering takes being signed in
    with the invited address verified (people.permissions.is_invitee), so a forwarded link
    lets nobody else in.
    """
    invitation = invitation_by_token(token=token)
    if invitation is None or invitation.is_expired:
        return render(request, "people/invitation_gone.html", status=404)
    user = request.user
    return render(
        request,
        "people/invitation.html",
        {
            "invitation": invitation,
            "is_invitee": permissions.is_invitee(user, invitation),
            "here": request.get_full_path(),
        },
    )


@login_required
@require_POST
def invitation_answer(request, invitation_id: int):
    """Accept or decline, from the invitation page or from "Mina organisationer"."""
    invitation = (
        OrganisationInvitation.objects.select_related("organisation")
        .filter(pk=invitation_id)
        .first()
    )
    # 404, not 403, for someone else's invitation: whose address was invited is nobody's
    # business but the invitee's.
    if invitation is None or not permissions.is_invitee(request.user, invitation):
        raise Http404
    form = InvitationAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj om du tackar ja eller nej."))
        return redirect("people:my_organisations")
    name = invitation.organisation.name
    try:
        if form.cleaned_data["action"] == "accept":
            if not permissions.can_accept_invitation(request.user, invitation):
                raise invitation_services.InvitationError(
                    _("Inbjudan har gått ut. Be organisationens administratör om en ny.")
                )
            invitation_services.invitation_accept(invitation=invitation, user=request.user)
            messages.success(request, _("Välkommen! Du är nu medlem i %(name)s.") % {"name": name})
            return redirect("people:organisation_detail", slug=invitation.organisation.slug)
        if not permissions.can_decline_invitation(request.user, invitation):
            raise PermissionDenied
        invitation_services.invitation_decline(invitation=invitation, user=request.user)
        messages.success(
            request, _("Du har tackat nej till inbjudan från %(name)s.") % {"name": name}
        )
    except invitation_services.InvitationError as error:
        messages.error(request, str(error))
    return redirect("people:my_organisations")


@login_required
def my_organisations(request):
    """ "Mina organisationer": memberships (each with a way out) and open invitations."""
    return render(
        request,
        "people/my_organisations.html",
        {
            "profile": profile_ensure(user=request.user),
            "memberships": memberships_for_user(user=request.user),
            "invitations": invitations_for_user(user=request.user),
            "roles": dict(MembershipRole.choices),
        },
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
    last_admin = organisation in organisations_left_without_admin_by(user=request.user)
    return render(
        request,
        "people/organisation_leave.html",
        {"organisation": organisation, "last_admin": last_admin},
    )


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
