"""Forms of the report: a section's text with the version it was based on, settling a newer assembled text,
restoring and comparing revisions, comments, and a host's decision. They only parse; `peer_review.report`
checks and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .report import MAX_BODY, MAX_COMMENT, MAX_REVIEW_COMMENT


class MarkdownField(forms.CharField):
    """Text as typed, with the browser's CRLF line ends made LF before its length is checked."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class SectionForm(forms.Form):
    body = MarkdownField(
        label=_("Text of the section (Markdown)"),
        required=False,
        strip=False,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 24, "class": "report-editor", "spellcheck": "true"}),
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    merging = forms.BooleanField(required=False, widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ResolveForm(VersionForm):
    action = forms.ChoiceField(
        choices=[("take", _("Take the new assembled text")), ("keep", _("Keep my text"))],
        widget=forms.HiddenInput,
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=MAX_COMMENT, widget=forms.Textarea(attrs={"rows": 3})
    )


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("Older revision"), min_value=1)
    b = forms.IntegerField(label=_("Newer revision"), min_value=1)


class HostReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("approve", _("Approve our part")), ("changes", _("Ask for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=MAX_REVIEW_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you ask for changes: say what should change and where."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "changes" and not (data.get("comment") or "").strip():
            self.add_error(
                "comment", _("Say what should change: a comment is required when you ask for changes.")
            )
        return data
