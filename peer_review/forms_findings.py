"""Forms of findings and consolidated recommendations. They parse input only; `peer_review.findings` checks
the rules (an unknown practice or source reaches it and is refused there with its reason)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .enums import FindingKind
from .findings import ADDRESSEE_MAX, PRACTICE_TITLE_MAX, RECOMMENDATION_TEXT_MAX, TEXT_MAX, TIME_FRAME_MAX
from .models import PRIORITY_CHOICES


def practice_choices() -> list[tuple[str, str]]:
    from knowledge.models import PracticePage

    pages = PracticePage.objects.live().order_by("title").values_list("pk", "title")
    return [("", _("— not from the library —"))] + [(str(pk), title) for pk, title in pages]


PRIORITY_FIELD_CHOICES = [("", pgettext_lazy("priority", "— choose —")), *PRIORITY_CHOICES]


class FindingForm(forms.Form):
    """A finding: its kind and text; for a practice, one from the library or a new one's name; for a
    recommendation, to whom, by when and how urgent. Without JavaScript every field is shown, grouped."""

    challenge = forms.IntegerField(label=_("Challenge"), widget=forms.Select)
    kind = forms.ChoiceField(
        label=_("Kind of finding"), choices=FindingKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Finding"),
        # The length is checked by the service, which says how long the text is; the browser stops at the limit.
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_MAX}),
        help_text=_("What you saw, in your own words (at most 5,000 characters)."),
    )
    practice = forms.CharField(
        label=_("Practice from the knowledge library"), required=False, widget=forms.Select
    )
    practice_title = forms.CharField(
        label=_("Or the name of a practice not in the library"),
        required=False,
        max_length=PRACTICE_TITLE_MAX,
    )
    addressee = forms.CharField(
        label=_("Addressed to"),
        required=False,
        max_length=ADDRESSEE_MAX,
        help_text=_("E.g. the board of the ZIT association, the municipalities of the MOF."),
    )
    time_frame = forms.CharField(
        label=_("Time frame"),
        required=False,
        max_length=TIME_FRAME_MAX,
        help_text=_("E.g. by the end of 2027, within the current programming period."),
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=PRIORITY_FIELD_CHOICES, required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, challenges=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].widget.choices = practice_choices()
        if challenges is None:
            del self.fields["challenge"]
        else:
            self.fields["challenge"].widget.choices = [("", _("— choose a challenge —"))] + [
                (str(c.pk), f"{c} ({c.host.organisation.display_name})") for c in challenges
            ]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "text": data["text"],
            "practice_id": data.get("practice") or None,
            "practice_title": data.get("practice_title", ""),
            "addressee": data.get("addressee", ""),
            "time_frame": data.get("time_frame", ""),
            "priority": data.get("priority", ""),
        }

    @staticmethod
    def initial_from(finding) -> dict:
        return {
            "challenge": finding.challenge_id,
            "kind": finding.kind,
            "text": finding.text,
            "practice": str(finding.practice_id or ""),
            "practice_title": finding.practice_title,
            "addressee": finding.addressee,
            "time_frame": finding.time_frame,
            "priority": finding.priority,
            "version": finding.version,
        }


class FindingActionForm(forms.Form):
    ACTIONS = ("submit", "withdraw", "delete")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    version = forms.IntegerField(required=False)


class RecommendationForm(forms.Form):
    """A consolidated recommendation and the findings it comes from (check boxes drawn by the page)."""

    text = forms.CharField(
        label=_("Recommendation"),
        max_length=RECOMMENDATION_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One recommendation merging the picked findings (at most 3,000 characters)."),
    )
    addressee = forms.CharField(label=_("Addressed to"), max_length=ADDRESSEE_MAX)
    time_frame = forms.CharField(label=_("Time frame"), required=False, max_length=TIME_FRAME_MAX)
    priority = forms.ChoiceField(label=_("Priority"), choices=PRIORITY_CHOICES, initial="medium")
    sources = forms.TypedMultipleChoiceField(
        label=_("Findings it comes from"), coerce=int, required=False, choices=()
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, findings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].choices = [(f.pk, f.text[:80]) for f in findings]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "addressee": data["addressee"],
            "time_frame": data.get("time_frame", ""),
            "priority": data["priority"],
            "source_ids": data.get("sources") or [],
        }

    @staticmethod
    def initial_from(recommendation) -> dict:
        return {
            "text": recommendation.text,
            "addressee": recommendation.addressee,
            "time_frame": recommendation.time_frame,
            "priority": recommendation.priority,
            "sources": [f.pk for f in recommendation.sources.all()],
            "version": recommendation.version,
        }


class RecommendationActionForm(forms.Form):
    ACTIONS = ("up", "down", "delete")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    version = forms.IntegerField(required=False)
