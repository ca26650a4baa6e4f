"""Wagtail admin screen that starts a new edition of a handbook (a copy of all its chapters, unpublished)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .handbook import EditionError, create_new_edition
from .models import HandbookPage


class NewEditionForm(forms.Form):
    edition = forms.CharField(
        label=gettext_lazy("Name of the new edition"),
        max_length=120,
        help_text=gettext_lazy("e.g. “Edition 2, 2027”."),
    )
    edition_date = forms.DateField(
        label=gettext_lazy("Edition date"), widget=forms.DateInput(attrs={"type": "date"})
    )


def can_start_edition(user, handbook: HandbookPage) -> bool:
    """Copying the handbook next to itself is what a new edition is: Wagtail's copy permission decides."""
    return handbook.permissions_for_user(user).can_copy_to(handbook.get_parent(), recursive=True)


def new_edition(request, page_id: int):
    handbook = get_object_or_404(HandbookPage, pk=page_id)
    if not can_start_edition(request.user, handbook):
        raise PermissionDenied
    form = NewEditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = create_new_edition(handbook=handbook, user=request.user, **form.cleaned_data)
        except EditionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The edition “%(edition)s” has been created as a draft; publish it to make it current.")
                % {"edition": copy.edition},
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[copy.pk]))
    return TemplateResponse(
        request, "knowledge/admin/new_edition.html", {"handbook": handbook, "form": form}, status=200
    )
