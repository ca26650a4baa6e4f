"""The network coordinator's pages of the working-group spaces: a new space, and a space's settings and people.

Each view parses a form, calls `forum.spaces` and answers: an invalid form or a refused change (`DomainError`)
is shown on the same page with status 400, a saved one redirects (PRG) with a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import require_perm

from .. import spaces
from ..forms import SpaceForm, SpacePeopleForm
from ..models import Space

SETTINGS, PEOPLE = "settings", "people"


@login_required
def space_create(request):
    require_perm(request, "forum.manage_spaces")
    form = SpaceForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                space = spaces.create_space(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                error, status = exc.message, 400
            else:
                messages.success(
                    request,
                    _("The space %(space)s is created. Now add its members and moderators.")
                    % {"space": space},
                )
                return redirect("forum:space_settings", space.slug)
        else:
            status = 400
    return render(request, "forum/space_create.html", {"form": form, "error": error}, status=status)


@login_required
def space_settings(request, slug: str):
    space = get_object_or_404(Space.objects.select_related("cycle"), slug=slug)
    require_perm(request, "forum.manage_spaces", space)
    part = request.POST.get("part") if request.method == "POST" else None
    if part not in (None, SETTINGS, PEOPLE):
        raise BadRequest("part must be “settings” or “people”")
    settings_form = SpaceForm(request.POST if part == SETTINGS else None, space=space, prefix=SETTINGS)
    people_form = SpacePeopleForm(request.POST if part == PEOPLE else None, space=space, prefix=PEOPLE)
    errors, status = {}, 200
    # The part posted: its form, the service that saves it, and what is said once it is saved.
    posted = {
        SETTINGS: (settings_form, spaces.update_space, _("The settings of the space are saved.")),
        PEOPLE: (people_form, spaces.change_people, _("The members and moderators of the space are saved.")),
    }
    if part is not None:
        form, save, saved = posted[part]
        if form.is_valid():
            try:
                save(actor=request.user, space=space, **form.changes())
            except DomainError as exc:
                errors[part], status = exc.message, 400
            else:
                messages.success(request, saved)
                return redirect("forum:space_settings", space.slug)
        else:
            status = 400
    context = {
        "space": space,
        "settings_form": settings_form,
        "people_form": people_form,
        "settings_error": errors.get(SETTINGS, ""),
        "people_error": errors.get(PEOPLE, ""),
        # A cycle's space has no member checkboxes: its members are listed as they are.
        "cycle_members": list(spaces.people(space, "members")) if space.cycle_id else None,
        "member_count": space.members.count(),
        "moderator_count": space.moderators.count(),
    }
    return render(request, "forum/space_settings.html", context, status=status)
