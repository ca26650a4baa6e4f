"""Forms of the account pages: sign-up details, profile, membership requests and decisions."""

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zitnet.core.site_pages import PRIVACY_NOTICE_PATH
from zitnet.directory.models import Organisation

from .enums import MembershipRole


class SignupDetailsForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls `signup` after creating the user)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    accept_privacy = forms.BooleanField(
        label=_("I have read the privacy notice and agree to the processing of my data to run my account."),
        required=True,
        error_messages={"required": _("You must accept the privacy notice to create an account.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["accept_privacy"].help_text = format_html(
            '<a href="{}">{}</a>', PRIVACY_NOTICE_PATH, _("Read the privacy notice")
        )

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.preferred_language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)[:2]
        user.save(update_fields=["first_name", "last_name", "preferred_language"])


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    preferred_language = forms.ChoiceField(label=_("Language of e-mails"), choices=settings.LANGUAGES)


class MembershipRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("— choose an organisation —"),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    note = forms.CharField(
        label=_("Message to the organisation (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example your department and position."),
    )


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Decline"))])


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
