"""Forms of the Forum's participants: the observer application, challenges, attachments, actions, attendance.

Forms only parse input; the services check the rules and write.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from zitnet.accounts.enums import MembershipStatus
from zitnet.directory.models import Organisation, ThematicArea

from .enums import Availability, ConflictSource

MAX_RANKS = 5
RANK_LABELS = [
    _("1st choice"),
    _("2nd choice"),
    _("3rd choice"),
    _("4th choice"),
    _("5th choice"),
]


class ApplicationForm(forms.Form):
    """An observer's application: one select per rank (no JavaScript) and checkboxes for declared conflicts."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("Only organisations you are a member of in the partner directory."),
    )
    motivation = forms.CharField(
        label=_("Why do you want to observe?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_("A few sentences: what you bring and what you want to learn (at least 20 characters)."),
    )
    expertise = forms.CharField(
        label=_("Your areas of expertise"),
        required=False,
        max_length=1000,
        help_text=_("Separate them with commas, e.g. strategic planning, public transport."),
    )
    expertise_areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas you know well"),
        queryset=ThematicArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The assignment prefers challenges that share these areas."),
    )
    availability = forms.ChoiceField(
        label=_("Availability"), choices=Availability.choices, widget=forms.RadioSelect
    )
    conflict_hosts = forms.ModelMultipleChoiceField(
        label=_("I have a conflict of interest with"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Conflicts with your own organisation and your ZIT association are found automatically; "
            "tick other hosts you are connected with."
        ),
    )
    conflict_reason = forms.CharField(
        label=_("Reason for the declared conflict"), required=False, max_length=500
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, cycle, challenges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            memberships__user=user, memberships__status=MembershipStatus.ACTIVE
        ).distinct()
        self.fields["conflict_hosts"].queryset = cycle.hosts.select_related("organisation")
        choices = [("", _("— no choice —"))] + [(str(c.pk), f"{c} ({c.host})") for c in challenges]
        self.rank_names = []
        for rank in range(1, min(MAX_RANKS, len(challenges)) + 1):
            name = f"preference_{rank}"
            # An integer field with a select: an unknown challenge reaches the service, which says why.
            self.fields[name] = forms.IntegerField(
                label=RANK_LABELS[rank - 1],
                required=rank == 1,
                min_value=1,
                widget=forms.Select(choices=choices),
            )
            self.rank_names.append(name)

    def rank_fields(self):
        return [self[name] for name in self.rank_names]

    def other_fields(self):
        return [self[name] for name in ("organisation", "motivation", "expertise", "availability")]

    def preferences(self) -> list[int]:
        return [self.cleaned_data[name] for name in self.rank_names if self.cleaned_data.get(name)]

    def expertise_tags(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data.get("expertise", "").split(",") if tag.strip()]

    def declared_conflicts(self) -> list[tuple]:
        reason = self.cleaned_data.get("conflict_reason", "")
        return [(host, reason) for host in self.cleaned_data.get("conflict_hosts") or []]

    @staticmethod
    def initial_from(application) -> dict:
        initial = {
            "organisation": application.organisation_id,
            "motivation": application.motivation,
            "expertise": ", ".join(sorted(application.expertise.names())),
            "expertise_areas": list(application.expertise_areas.all()),
            "availability": application.availability,
            "version": application.version,
        }
        for preference in application.preferences.all():
            initial[f"preference_{preference.rank}"] = preference.challenge_id
        declared = [c for c in application.conflicts.all() if c.source == ConflictSource.DECLARED]
        initial["conflict_hosts"] = [c.host_id for c in declared]
        initial["conflict_reason"] = declared[0].reason if declared else ""
        return initial


class ChallengeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    guiding_question = forms.CharField(
        label=_("Guiding question"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The question the observers and experts will help you answer."),
    )
    context = forms.CharField(
        label=_("Context"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("The situation in your functional area, what you have tried, what you need."),
    )
    strategy_links = forms.CharField(
        label=_("Strategy documents"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One link per line, e.g. to the ZIT strategy or a monitoring report."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    @staticmethod
    def initial_from(challenge) -> dict:
        return {
            "title": challenge.title,
            "guiding_question": challenge.guiding_question,
            "context": challenge.context,
            "strategy_links": challenge.strategy_links,
            "themes": list(challenge.themes.all()),
            "version": challenge.version,
        }


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=200, required=False)
    file = forms.FileField(label=_("File"))


class ChallengeActionForm(forms.Form):
    ACTIONS = ("submit", "return", "approve", "reopen", "comment")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    body = forms.CharField(required=False, max_length=10000)
    version = forms.IntegerField(required=False)


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (row.user_id, f"{row.user.display_name}{f' ({row.role})' if row.role else ''}") for row in rows
        ]
