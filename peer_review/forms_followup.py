"""Forms of the follow-up pages: answers to recommendations, actions, progress reports.

They only parse input; `peer_review.followup` checks the rules (reason required, due date, owner) and writes.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import ActionStatus, ResponseStatus
from .followup import DESCRIPTION_MAX, OWNER_NAME_MAX, PROGRESS_MAX, REASON_MAX, owner_choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class ResponseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Your answer"), choices=ResponseStatus.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the recommendation is partly accepted or not accepted."),
    )


class ActionForm(forms.Form):
    """A new action, or the changes to one (then with its status)."""

    description = forms.CharField(
        label=_("Action"), max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = PersonChoiceField(
        label=_("Owner from the organisation"),
        queryset=None,
        required=False,
        empty_label=_("— nobody chosen —"),
        error_messages={
            "invalid_choice": _("Choose a person from the host organisation, or write the owner's name.")
        },
    )
    owner_name = forms.CharField(
        label=_("Or the owner's name or unit"),
        required=False,
        max_length=OWNER_NAME_MAX,
        help_text=_("For an owner without an account, e.g. “Wydział Strategii”."),
    )
    due_on = forms.DateField(label=_("Due"), widget=DateInput(), input_formats=["%Y-%m-%d", "%d.%m.%Y"])

    def __init__(self, *args, host, with_status: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(host)
        if with_status:
            self.fields["status"] = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)

    @classmethod
    def initial_from(cls, action) -> dict:
        return {
            "description": action.description,
            "owner": action.owner_id,
            "owner_name": action.owner_name,
            "due_on": action.due_on,
            "status": action.status,
        }


class ActionStatusForm(forms.Form):
    """The status of an action alone (a quick change from the recommendation's page)."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class ProgressForm(forms.Form):
    """A progress report at one milestone; the page holds one per milestone, each with its own prefix."""

    text = forms.CharField(
        label=_("Progress"), max_length=PROGRESS_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
