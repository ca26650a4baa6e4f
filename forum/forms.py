"""Forms of the forum pages: they parse input; the rules live in forum.services."""

import re

from django import forms
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from zitnet.accounts.models import User

from . import spaces
from .attachments import ALLOWED, MAX_FILES
from .enums import Visibility
from .models import Space
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


# --- working-group spaces (forum.spaces) --------------------------------------------------------------------

MAX_ADDRESSES = 200
ADDRESS_SEPARATORS = re.compile(r"[\s,;]+")


class SpaceForm(forms.Form):
    """A new space's title, description and readers; with `space`, also its archived state and order."""

    title = forms.CharField(label=_("Title"), max_length=spaces.MAX_TITLE)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=spaces.MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the group works on and who it is for; shown at the top of the space."),
    )
    visibility = forms.ChoiceField(
        label=_("Who reads it"),
        choices=Visibility.choices,
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, space: Space | None = None, **kwargs):
        if space is not None:
            kwargs.setdefault("initial", {name: getattr(space, name) for name in spaces.UPDATE_FIELDS})
        super().__init__(*args, **kwargs)
        if space is None:
            return
        if space.cycle_id is not None:
            self.fields["visibility"].help_text = _("The space of a review cycle stays private.")
        self.fields["is_archived"] = forms.BooleanField(
            label=_("Archived"),
            required=False,
            help_text=_("An archived space can still be read, but nobody can start threads or reply there."),
        )
        self.fields["position"] = forms.IntegerField(
            label=_("Order on the list of spaces"),
            min_value=0,
            max_value=spaces.MAX_POSITION,
            help_text=_("Spaces with lower numbers come first."),
        )

    def changes(self) -> dict:
        """What forum.spaces.update_space takes (as SpacePeopleForm.changes does for change_people)."""
        return self.cleaned_data


class PersonCheckboxField(forms.ModelMultipleChoiceField):
    """People to tick, shown as "Name (organisation)" from `forum.spaces.people`."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        organisations = ", ".join(m.organisation.display_name for m in getattr(obj, "active_memberships", ()))
        return f"{obj.display_name} ({organisations})" if organisations else obj.display_name


class SpacePeopleForm(forms.Form):
    """E-mail addresses of people to add as members or moderators, and ticks for the people to remove. The
    addresses must belong to active accounts; `cleaned_data["add"]` holds those users."""

    MEMBER, MODERATOR = "member", "moderator"

    add = forms.CharField(
        label=_("E-mail addresses of the people to add"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    role = forms.ChoiceField(
        label=_("Add them as"),
        choices=[
            (MEMBER, pgettext_lazy("add people as", "members of the group")),
            (MODERATOR, pgettext_lazy("add people as", "moderators")),
        ],
        initial=MEMBER,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, space: Space, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted here, not at import, so that it speaks the language of the request.
        self.fields["add"].help_text = gettext(
            "One per line, or separated by commas, semicolons or spaces; at most %(n)d at once. The people "
            "must already have an account."
        ) % {"n": MAX_ADDRESSES}
        # A review cycle's members follow the cycle: nothing to tick.
        if space.cycle_id is None:
            self.fields["remove_members"] = PersonCheckboxField(
                label=_("Remove from the members"), required=False, queryset=spaces.people(space, "members")
            )
        self.fields["remove_moderators"] = PersonCheckboxField(
            label=_("Remove from the moderators"), required=False, queryset=spaces.people(space, "moderators")
        )

    def clean_add(self) -> list:
        addresses = list(dict.fromkeys(a for a in ADDRESS_SEPARATORS.split(self.cleaned_data["add"]) if a))
        if len(addresses) > MAX_ADDRESSES:
            raise forms.ValidationError(
                _("At most %(n)d addresses at once; this list has %(count)d."),
                params={"n": MAX_ADDRESSES, "count": len(addresses)},
            )
        malformed = [a for a in addresses if not _is_email(a)]
        if malformed:
            raise forms.ValidationError(
                _("These are not e-mail addresses: %(addresses)s."),
                params={"addresses": ", ".join(malformed)},
            )
        wanted = {a.lower(): a for a in addresses}
        found = {
            user.email_lower: user
            for user in User.objects.annotate(email_lower=Lower("email")).filter(
                email_lower__in=wanted, is_active=True
            )
        }
        unknown = [address for key, address in wanted.items() if key not in found]
        if unknown:
            raise forms.ValidationError(
                _(
                    "No active account has these e-mail addresses: %(addresses)s. Check them, or ask the "
                    "people to sign up first."
                ),
                params={"addresses": ", ".join(unknown)},
            )
        return list(found.values())

    def clean(self):
        cleaned = super().clean()
        nothing = not any(cleaned.get(name) for name in ("add", "remove_members", "remove_moderators"))
        if nothing and not self.errors:
            raise forms.ValidationError(
                _("Nothing to change: enter e-mail addresses or tick the people to remove.")
            )
        return cleaned

    def changes(self) -> dict:
        """The keyword arguments of `forum.spaces.change_people`."""
        data = self.cleaned_data
        added = "add_moderators" if data["role"] == self.MODERATOR else "add_members"
        return {
            added: data["add"],
            "remove_members": data.get("remove_members") or (),
            "remove_moderators": data.get("remove_moderators") or (),
        }


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except forms.ValidationError:
        return False
    return True
