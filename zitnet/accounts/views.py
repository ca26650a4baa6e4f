"""Account pages: profile, API token, memberships and an organisation's member list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import require_perm
from zitnet.directory.models import Organisation

from . import selectors, services
from .forms import MembershipDecisionForm, MembershipRequestForm, MembershipRoleForm, ProfileForm
from .models import Membership


def _profile_form(user) -> ProfileForm:
    return ProfileForm(
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "job_title": user.job_title,
            "preferred_language": user.preferred_language,
        }
    )


def _render_profile(request, *, form=None, membership_form=None, status: int = 200):
    user = request.user
    context = {
        "form": form or _profile_form(user),
        "memberships": selectors.memberships_of(user),
        "membership_form": membership_form or MembershipRequestForm(),
        "has_token": Token.objects.filter(user=user).exists(),
        "roles": list(user.role_grants.all()),
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
def profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.update_profile(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
        return _render_profile(request, form=form, status=400)
    return _render_profile(request)


@login_required
@require_POST
def api_token(request):
    """Create (or replace) the personal API token, or delete it; the key is shown once."""
    Token.objects.filter(user=request.user).delete()
    if request.POST.get("action") == "create":
        token = Token.objects.create(user=request.user)
        messages.success(
            request,
            _("Your new API token is %(key)s — copy it now, it will not be shown again.")
            % {"key": token.key},
        )
    else:
        messages.success(request, _("Your API token has been deleted."))
    return redirect("accounts:profile")


@login_required
@require_POST
def membership_request(request):
    form = MembershipRequestForm(request.POST)
    if not form.is_valid():
        return _render_profile(request, membership_form=form, status=400)
    try:
        services.request_membership(user=request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("accounts:profile")
    messages.success(
        request,
        _("Your request has been sent to %(org)s. You will get an e-mail when it is decided.")
        % {"org": form.cleaned_data["organisation"]},
    )
    return redirect("accounts:profile")


@login_required
@require_POST
def membership_leave(request, pk: int):
    membership = get_object_or_404(
        Membership.objects.select_related("organisation"), pk=pk, user=request.user
    )
    try:
        services.remove_membership(actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have left %(org)s.") % {"org": membership.organisation})
    return redirect("accounts:profile")


@login_required
def members(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request, "accounts.view_members", organisation)
    can_manage = request.user.has_perm("accounts.manage_memberships", organisation)
    return render(
        request,
        "accounts/members.html",
        {
            "organisation": organisation,
            "members": selectors.members_of(organisation),
            "pending": selectors.pending_requests_for(organisation) if can_manage else [],
            "can_manage": can_manage,
            "role_form": MembershipRoleForm(),
        },
    )


def _membership_for_manager(request, slug: str, pk: int) -> Membership:
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "user"), pk=pk, organisation__slug=slug
    )
    require_perm(request, "accounts.manage_memberships", membership.organisation)
    return membership


@login_required
@require_POST
def membership_decide(request, slug: str, pk: int):
    membership = _membership_for_manager(request, slug, pk)
    form = MembershipDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve or decline the request."))
        return redirect("accounts:members", slug=slug)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.decide_membership(actor=request.user, membership=membership, approve=approve)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            (
                _("%(person)s is now a member.")
                if approve
                else _("The request of %(person)s has been declined.")
            )
            % {"person": membership.user.display_name},
        )
    return redirect("accounts:members", slug=slug)


@login_required
@require_POST
def membership_role(request, slug: str, pk: int):
    membership = _membership_for_manager(request, slug, pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect("accounts:members", slug=slug)
    try:
        services.change_membership_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The role has been changed."))
    return redirect("accounts:members", slug=slug)


@login_required
@require_POST
def membership_remove(request, slug: str, pk: int):
    membership = _membership_for_manager(request, slug, pk)
    try:
        services.remove_membership(actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(person)s has been removed.") % {"person": membership.user.display_name}
        )
    return redirect("accounts:members", slug=slug)
