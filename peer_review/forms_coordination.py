"""Forms of the network coordinator's pages: they only parse input; the services decide and write."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zitnet.accounts.enums import GlobalRole, MembershipStatus
from zitnet.accounts.models import Membership, User
from zitnet.directory.models import Organisation

from .enums import AgendaItemKind, ApplicationStatus, ChallengeState, CyclePhase, HostRole, PairRuleKind
from .models import Cycle, Host, Meeting, ObserverApplication
from .services import OVERRIDE_REASON_MIN, SETTINGS_FIELDS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


def _datetime_field(label, required=True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class ObserverChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.user.display_name} ({obj.organisation.display_name})"


class CycleForm(forms.Form):
    """The title, description and the seven settings of a cycle (as the model defines them)."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, cycle: Cycle | None = None, **kwargs):
        if cycle is not None:
            kwargs.setdefault(
                "initial",
                {"title": cycle.title, "description": cycle.description}
                | {name: getattr(cycle, name) for name in SETTINGS_FIELDS},
            )
        super().__init__(*args, **kwargs)
        for name in SETTINGS_FIELDS:
            self.fields[name] = Cycle._meta.get_field(name).formfield()

    def settings_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in SETTINGS_FIELDS}


class CycleSettingsForm(CycleForm):
    """CycleForm plus the planned start and end of each phase."""

    def __init__(self, *args, cycle: Cycle, **kwargs):
        dates = {d.phase: d for d in cycle.phase_dates.all()}
        initial = {}
        for phase in CyclePhase.values:
            if phase in dates:
                initial[f"starts_{phase}"] = dates[phase].starts_on
                initial[f"ends_{phase}"] = dates[phase].ends_on
        kwargs["initial"] = (
            {"title": cycle.title, "description": cycle.description}
            | {name: getattr(cycle, name) for name in SETTINGS_FIELDS}
            | initial
        )
        super().__init__(*args, cycle=cycle, **kwargs)
        for phase in CyclePhase.values:
            self.fields[f"starts_{phase}"] = forms.DateField(
                label=_("Starts"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )
            self.fields[f"ends_{phase}"] = forms.DateField(
                label=_("Ends"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )

    def clean(self):
        cleaned = super().clean()
        for phase in CyclePhase.values:
            starts, ends = cleaned.get(f"starts_{phase}"), cleaned.get(f"ends_{phase}")
            if starts and ends and starts > ends:
                self.add_error(f"ends_{phase}", _("The phase cannot end before it starts."))
        return cleaned

    def settings_fields(self):
        return [self[name] for name in ("title", "description", *SETTINGS_FIELDS)]

    def phase_rows(self):
        """(phase label, start field, end field) per phase, for a fieldset each."""
        return [
            (CyclePhase(phase).label, self[f"starts_{phase}"], self[f"ends_{phase}"])
            for phase in CyclePhase.values
        ]

    def phase_dates(self) -> dict:
        return {
            phase: (self.cleaned_data.get(f"starts_{phase}"), self.cleaned_data.get(f"ends_{phase}"))
            for phase in CyclePhase.values
        }


class TransitionForm(forms.Form):
    expected_phase = forms.ChoiceField(choices=CyclePhase.choices, widget=forms.HiddenInput)
    to_phase = forms.ChoiceField(choices=CyclePhase.choices, widget=forms.HiddenInput)
    override_reason = forms.CharField(
        label=gettext_lazy("Why move on despite what is missing"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["override_reason"].help_text = _(
            "At least %(n)d characters. The reason is logged with the phase change and shown on the board."
        ) % {"n": OVERRIDE_REASON_MIN}


def _members_of(organisation):
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__status=MembershipStatus.ACTIVE,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def _experts():
    return (
        User.objects.filter(is_active=True, role_grants__role=GlobalRole.EXPERT)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


class HostAddForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.listed().order_by("name"),
        help_text=gettext_lazy("From the partner directory."),
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=HostRole.choices, initial=HostRole.PARTNER)
    coordinator = PersonChoiceField(
        label=gettext_lazy("Host coordinator"),
        required=False,
        queryset=User.objects.none(),
        help_text=gettext_lazy("A member of the chosen organisation. You can also name them later."),
    )
    experts = PeopleChoiceField(
        label=gettext_lazy("Experts"),
        required=False,
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("People with the expert role."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = (
            User.objects.filter(
                is_active=True,
                memberships__status=MembershipStatus.ACTIVE,
                memberships__organisation__merged_into__isnull=True,
            )
            .distinct()
            .order_by("last_name", "first_name", "pk")
        )
        self.fields["experts"].queryset = _experts()

    def clean(self):
        cleaned = super().clean()
        organisation, coordinator = cleaned.get("organisation"), cleaned.get("coordinator")
        if organisation and coordinator:
            is_member = Membership.objects.filter(
                user=coordinator, organisation=organisation, status=MembershipStatus.ACTIVE
            ).exists()
            if not is_member:
                self.add_error(
                    "coordinator",
                    _("%(person)s is not a member of %(org)s.")
                    % {"person": coordinator.display_name, "org": organisation.display_name},
                )
        return cleaned


class HostEditForm(forms.Form):
    coordinator = PersonChoiceField(
        label=gettext_lazy("Host coordinator"), required=False, queryset=User.objects.none()
    )
    experts = PeopleChoiceField(
        label=gettext_lazy("Experts"),
        required=False,
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, host: Host, **kwargs):
        kwargs.setdefault("prefix", f"host-{host.pk}")
        kwargs.setdefault(
            "initial", {"coordinator": host.coordinator_id, "experts": [e.pk for e in host.experts.all()]}
        )
        super().__init__(*args, **kwargs)
        self.host = host
        self.fields["coordinator"].queryset = _members_of(host.organisation_id)
        self.fields["experts"].queryset = _experts()


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            (ApplicationStatus.ACCEPTED, gettext_lazy("Accept")),
            (ApplicationStatus.WAITLISTED, gettext_lazy("Put on the waiting list")),
            (ApplicationStatus.REJECTED, gettext_lazy("Decline")),
        ],
    )
    note = forms.CharField(label=gettext_lazy("Note on the decision"), required=False, max_length=500)


class ApplicationDecisionForm(DecisionForm):
    """A decision sent from the list of applications: which application, too."""

    application = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All statuses"))] + list(ApplicationStatus.choices),
    )


class ConflictForm(forms.Form):
    host = OrganisationChoiceField(label=gettext_lazy("Host"), queryset=Host.objects.none())
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("For example: the applicant advised this host last year."),
    )

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = cycle.hosts.select_related("organisation")
        self.fields["host"].label_from_instance = lambda host: host.organisation.display_name


REMOVE_RULE = "remove"


class PairRuleForm(forms.Form):
    application = ObserverChoiceField(
        label=gettext_lazy("Observer"), queryset=ObserverApplication.objects.none()
    )
    challenge = forms.ModelChoiceField(label=gettext_lazy("Challenge"), queryset=None)
    kind = forms.ChoiceField(
        label=gettext_lazy("Rule"),
        choices=list(PairRuleKind.choices) + [(REMOVE_RULE, gettext_lazy("Remove the rule"))],
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=500)

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = (
            cycle.applications.filter(status=ApplicationStatus.ACCEPTED)
            .select_related("user", "organisation")
            .order_by("user__last_name", "user__first_name", "pk")
        )
        self.fields["challenge"].queryset = cycle.challenges.filter(state=ChallengeState.APPROVED).order_by(
            "number", "pk"
        )

    def service_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        return "" if kind == REMOVE_RULE else kind


class MeetingForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    starts_at = _datetime_field(gettext_lazy("Starts"))
    ends_at = _datetime_field(gettext_lazy("Ends"))
    venue = OrganisationChoiceField(
        label=gettext_lazy("Host venue"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=gettext_lazy("One of the hosts, or give an address below."),
    )
    address = forms.CharField(label=gettext_lazy("Address"), required=False, max_length=300)
    online_url = forms.URLField(label=gettext_lazy("Link to join"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    invite_observers = forms.BooleanField(
        label=gettext_lazy("Invite the accepted observers"), required=False, initial=True
    )

    def __init__(self, *args, cycle: Cycle, kind: str, meeting: Meeting | None = None, **kwargs):
        kwargs.setdefault("prefix", f"meeting-{kind}")
        if meeting is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": meeting.title,
                    "starts_at": meeting.starts_at,
                    "ends_at": meeting.ends_at,
                    "venue": meeting.venue_id,
                    "address": meeting.address,
                    "online_url": meeting.online_url,
                    "description": meeting.description,
                    "invite_observers": meeting.invite_observers,
                },
            )
        super().__init__(*args, **kwargs)
        self.kind, self.meeting = kind, meeting
        self.fields["venue"].queryset = Organisation.objects.filter(
            pk__in=cycle.hosts.values("organisation_id")
        ).order_by("name")


class AgendaItemForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=AgendaItemKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    starts_at = _datetime_field(gettext_lazy("Starts"))
    ends_at = _datetime_field(gettext_lazy("Ends"))
    challenge = forms.ModelChoiceField(label=gettext_lazy("Challenge"), required=False, queryset=None)
    place = forms.CharField(label=gettext_lazy("Place"), required=False, max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        kwargs.setdefault("prefix", f"agenda-{meeting.pk}")
        kwargs.setdefault("initial", {"starts_at": meeting.starts_at, "ends_at": meeting.ends_at})
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["challenge"].queryset = meeting.cycle.challenges.filter(
            state=ChallengeState.APPROVED
        ).order_by("number", "pk")
