"""Forms of the forum pages: they parse input; the rules live in forum.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .attachments import ALLOWED, MAX_FILES
from .services import MAX_BODY, MAX_TITLE


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(f".{e}" for e in ALLOWED)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def _body_field(label):
    return forms.CharField(
        label=label,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Markdown: **bold**, *italics*, lists, > quotes, [links](https://…). Mention people as "
            "@first.last (the part of their e-mail before @)."
        ),
    )


def _files_field():
    return MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "Up to %(n)d files, each at most 10 MB: pictures (PNG, JPEG, WebP) or documents "
            "(PDF, DOCX, XLSX, ODT, TXT)."
        )
        % {"n": MAX_FILES},  # fmt: skip
    )


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = _body_field(_("First post"))
    link = forms.ChoiceField(label=_("About (optional)"), required=False)
    attachments = _files_field()

    def __init__(self, *args, link_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].choices = [("", _("— nothing in particular —")), *link_choices]
        self.fields["link"].help_text = _("A good practice, organisation or challenge the thread is about.")


class ReplyForm(forms.Form):
    body = _body_field(_("Your reply"))
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachments = _files_field()


class EditForm(forms.Form):
    body = _body_field(_("Text"))
    version = forms.IntegerField(widget=forms.HiddenInput)
