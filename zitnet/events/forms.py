"""Forms of the event pages: the list's filters and the short registration form."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zitnet.accounts.enums import MembershipStatus
from zitnet.directory.models import Organisation

from .enums import EventKind, EventMode
from .models import EventSeries


class EventFilterForm(forms.Form):
    """Filters of the event list, read from the URL; an unknown value is an error, not an empty list."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    series = forms.ChoiceField(label=_("Series"), required=False)
    mode = forms.ChoiceField(
        label=_("Form"), required=False, choices=[("", _("All forms")), *EventMode.choices]
    )
    past = forms.BooleanField(label=_("Show past events"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].choices = [
            ("", _("All series")),
            *EventSeries.objects.order_by("title").values_list("slug", "title"),
        ]


class RegistrationForm(forms.Form):
    """Organisation (one of the person's own, or none), role, accessibility needs, and explicit consent."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None – I register as a private person"),
    )
    role = forms.CharField(label=_("Your role"), max_length=150, required=False)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to the processing of my data (name, e-mail, organisation, role and the needs given above) "
            "by the organisers for this event."
        ),
        required=True,
        error_messages={"required": _("Registration needs your consent.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The promise follows the retention that `purge_accessibility_needs` applies.
        days = settings.ZITNET_ACCESSIBILITY_NEEDS_RETENTION_DAYS
        self.fields["accessibility_needs"].help_text = ngettext(
            "Only the organisers of this event see this, and it is deleted %(days)d day after the event.",
            "Only the organisers of this event see this, and it is deleted %(days)d days after the event.",
            days,
        ) % {"days": days}
        self.fields["organisation"].queryset = Organisation.objects.filter(
            memberships__user=user, memberships__status=MembershipStatus.ACTIVE
        ).order_by("name")
