"""The network coordinator's pages of the Leaders' Corps: selections, the eligible people, the proposal, swaps,
confirmation and export.

Each view checks the permission, parses input, calls `zitnet.events.leaders` and answers: a refused change
(`DomainError`) is shown on the selection page with status 400 (409 when the page was out of date), a successful
one redirects (PRG).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import require_perm

from .. import leaders
from ..enums import CandidateStatus
from ..models import EventSeries, LeaderCandidate, LeaderSelection

PERM = "events.manage_leaders"
PAGE_SIZE = 50
TEMPLATES = "events/leaders/"


class SelectionForm(forms.ModelForm):
    class Meta:
        model = LeaderSelection
        fields = ["title", "series", "size", "minimum_forms"]
        widgets = {"series": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = EventSeries.objects.order_by("title")


class CandidateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: LeaderCandidate) -> str:
        association = obj.association.display_name if obj.association else _("no ZIT association")
        return _("%(place)s. %(name)s (%(association)s, forms of support: %(forms)s)") % {
            "place": obj.rank,
            "name": obj.user.display_name,
            "association": association,
            "forms": obj.forms_attended,
        }


class SwapForm(forms.Form):
    candidate = CandidateChoiceField(label=gettext_lazy("Proposed person not chosen"), queryset=None)
    replacement = CandidateChoiceField(
        label=gettext_lazy("Who from the reserve takes the place"),
        queryset=None,
        required=False,
        empty_label=None,
    )
    note = forms.CharField(
        label=gettext_lazy("Why this person is not chosen"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Kept with the decision and included in the export."),
    )

    def __init__(self, *args, selection: LeaderSelection, **kwargs):
        super().__init__(*args, **kwargs)
        people = leaders.candidates(selection)
        self.fields["candidate"].queryset = people.filter(status=CandidateStatus.PROPOSED)
        reserve = people.filter(status=CandidateStatus.RESERVE)
        self.fields["replacement"].queryset = reserve
        self.has_reserve = reserve.exists()
        if not self.has_reserve:
            del self.fields["replacement"]


def _status(error: DomainError) -> int:
    return 409 if error.code == "stale" else 400


def _selection(request, pk: int) -> LeaderSelection:
    require_perm(request, PERM)
    selection = get_object_or_404(
        LeaderSelection.objects.select_related("confirmed_by").prefetch_related("series"), pk=pk
    )
    require_perm(request, PERM, selection)
    return selection


@login_required
def selection_list(request):
    require_perm(request, PERM)
    return render(request, TEMPLATES + "list.html", {"selections": leaders.selections()})


@login_required
def selection_create(request):
    require_perm(request, PERM)
    form = SelectionForm(request.POST or None, initial={"size": 15, "minimum_forms": 10})
    status, error = 200, ""
    if request.method == "POST":
        if form.is_valid():
            try:
                selection = leaders.create_selection(
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    series=list(form.cleaned_data["series"]),
                    size=form.cleaned_data["size"],
                    minimum_forms=form.cleaned_data["minimum_forms"],
                )
            except DomainError as exc:
                status, error = _status(exc), exc.message
            else:
                messages.success(
                    request, _("The selection is created. Check who is eligible, then make the proposal.")
                )
                return redirect("events:leaders_detail", selection.pk)
        else:
            status = 400
    return render(request, TEMPLATES + "create.html", {"form": form, "error": error}, status=status)


def _detail(request, selection: LeaderSelection, *, swap_form=None, status: int = 200, error: str = ""):
    counts = leaders.status_counts(selection)
    has_proposal = sum(counts.values()) > 0
    confirmed = selection.confirmed_at is not None
    context = {
        "selection": selection,
        "series": list(selection.series.all()),
        "counts": counts,
        "has_proposal": has_proposal,
        "confirmed": confirmed,
        "error": error,
    }
    if has_proposal:
        page_obj = Paginator(leaders.candidates(selection), PAGE_SIZE).get_page(request.GET.get("page"))
        for candidate in page_obj.object_list:
            candidate.reason_lines = leaders.reasons_text(candidate.reasons)
        context["page_obj"] = page_obj
        context["proposed"] = counts[CandidateStatus.PROPOSED] + counts[CandidateStatus.CONFIRMED]
        if not confirmed and counts[CandidateStatus.PROPOSED]:
            context["swap_form"] = swap_form or SwapForm(selection=selection)
    else:
        people = leaders.eligible(selection)
        context["eligible_count"] = len(people)
        context["page_obj"] = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, TEMPLATES + "selection.html", context, status=status)


@login_required
def selection_detail(request, pk: int):
    return _detail(request, _selection(request, pk))


@require_POST
@login_required
def propose(request, pk: int):
    selection = _selection(request, pk)
    try:
        created = leaders.propose(actor=request.user, selection=selection)
    except DomainError as exc:
        return _detail(request, selection, status=_status(exc), error=exc.message)
    proposed = sum(1 for c in created if c.status == CandidateStatus.PROPOSED)
    messages.success(
        request,
        _("The proposal is ready: %(proposed)s proposed leaders out of %(eligible)s eligible people.")
        % {"proposed": proposed, "eligible": len(created)},
    )
    return redirect("events:leaders_detail", selection.pk)


@require_POST
@login_required
def swap(request, pk: int):
    selection = _selection(request, pk)
    form = SwapForm(request.POST, selection=selection)
    if not form.is_valid():
        return _detail(
            request, selection, swap_form=form, status=400, error=_("Please correct the marked fields.")
        )
    replacement = form.cleaned_data.get("replacement")
    try:
        joining = leaders.swap(
            actor=request.user,
            selection=selection,
            candidate_id=form.cleaned_data["candidate"].pk,
            replacement_id=replacement.pk if replacement else None,
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        return _detail(request, selection, swap_form=form, status=_status(exc), error=exc.message)
    leaving = form.cleaned_data["candidate"].user.display_name
    if joining is not None:
        messages.success(
            request,
            _("%(leaving)s is not chosen; %(joining)s moves up from the reserve.")
            % {"leaving": leaving, "joining": joining.user.display_name},
        )
    else:
        messages.success(
            request, _("%(leaving)s is not chosen; the reserve is empty.") % {"leaving": leaving}
        )
    return redirect("events:leaders_detail", selection.pk)


@require_POST
@login_required
def confirm(request, pk: int):
    selection = _selection(request, pk)
    try:
        count = leaders.confirm(actor=request.user, selection=selection)
    except DomainError as exc:
        return _detail(request, selection, status=_status(exc), error=exc.message)
    if count < selection.size:
        messages.success(
            request,
            _(
                "The Leaders' Corps is confirmed with %(count)s leaders instead of %(size)s: nobody else is "
                "eligible."
            )
            % {"count": count, "size": selection.size},
        )
    else:
        messages.success(request, _("The Leaders' Corps is confirmed: %(count)s leaders.") % {"count": count})
    return redirect("events:leaders_detail", selection.pk)


def _export(request, pk: int, kind: str):
    selection = _selection(request, pk)
    if not selection.candidates.exists():
        messages.error(request, _("Make the proposal first: the export lists its people."))
        return redirect("events:leaders_detail", selection.pk)
    if kind == "xlsx":
        content = leaders.export_xlsx(selection)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = leaders.export_csv(selection)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="korpus-liderow-{selection.pk}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export_csv(request, pk: int):
    return _export(request, pk, "csv")


@login_required
def export_xlsx(request, pk: int):
    return _export(request, pk, "xlsx")
