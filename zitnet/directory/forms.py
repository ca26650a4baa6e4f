"""Forms of the directory: an entry, its services, offers/needs and contact people, contact, merge, import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import OrganisationKind
from .models import Contact, CooperationEntry, Organisation, Service, TargetGroup
from .validators import MAX_LOGO_BYTES

MAX_TAGS = 15
MAX_TAG_LENGTH = 50


def tag_string(names) -> str:
    """Tag names as the tag field parses them back (each quoted, so commas inside survive)."""
    return ", ".join(f'"{name.strip()}"' for name in names if name and name.strip())


def organisation_form_data(organisation) -> dict:
    """The form data an entry has now: a partial change (API, import) starts from it."""
    data = {
        name: value
        for name, value in forms.model_to_dict(organisation, fields=OrganisationForm.Meta.fields).items()
        if value is not None and name != "logo"
    }
    data["expertise"] = tag_string(tag.name for tag in organisation.expertise.all())
    data["associations"] = [association.pk for association in organisation.associations.all()]
    return data


class LogoField(forms.ImageField):
    """Size first: a 50 MB upload is refused without being opened as an image."""

    def to_python(self, data):
        if data is not None and getattr(data, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo may be at most 5 MB."), code="too_large")
        return super().to_python(data)


class OrganisationForm(forms.ModelForm):
    """The entry itself. Kind, the new-association flag and the map position are for coordinators."""

    COORDINATOR_ONLY = ("kind", "is_new_zit_association", "latitude", "longitude")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "description",
            "expertise",
            "associations",
            "is_new_zit_association",
            "website",
            "contact_email",
            "phone",
            "street_address",
            "postal_code",
            "city",
            "municipality",
            "county",
            "voivodeship",
            "latitude",
            "longitude",
            "logo",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "associations": forms.CheckboxSelectMultiple,
        }
        field_classes = {"logo": LogoField}

    def __init__(self, *args, coordinator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not coordinator:
            for name in self.COORDINATOR_ONLY:
                self.fields.pop(name)
        else:
            self.fields["latitude"].help_text = _(
                "Set by hand only to correct the position found from the town; leave both empty to find it again."
            )
        associations = self.fields["associations"]
        associations.queryset = (
            Organisation.objects.listed().associations().order_by("voivodeship", "sort_name")
        )
        if self.instance.pk:
            associations.queryset = associations.queryset.exclude(pk=self.instance.pk)
        associations.label_from_instance = lambda org: f"{org.display_name} ({org.get_voivodeship_display()})"
        self.fields["expertise"].help_text = _(
            "Separate areas with commas, e.g. deinstitutionalisation, CAL."
        )
        self.fields["expertise"].required = False
        self.fields["contact_email"].widget.attrs["autocomplete"] = "off"
        if "logo" in self.fields:
            self.fields["logo"].widget.attrs["accept"] = "image/png,image/jpeg,image/webp,image/gif"

    def clean_expertise(self):
        tags = self.cleaned_data.get("expertise") or []
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(_("Give at most %(count)d areas of expertise.") % {"count": MAX_TAGS})
        for tag in tags:
            if len(tag) > MAX_TAG_LENGTH:
                raise forms.ValidationError(
                    _("An area of expertise may be at most %(count)d characters long.")
                    % {"count": MAX_TAG_LENGTH}
                )
        return tags

    def clean(self):
        data = super().clean()
        if "latitude" in self.fields:
            lat, lon = data.get("latitude"), data.get("longitude")
            if (
                (lat is None) != (lon is None)
                and not self.has_error("latitude")
                and not self.has_error("longitude")
            ):
                raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        kind = data.get("kind") or self.instance.kind
        if data.get("associations") and kind == OrganisationKind.ZIT_ASSOCIATION:
            self.add_error("associations", _("A ZIT association does not belong to another association."))
        return data


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "name",
            "category",
            "target_groups",
            "description",
            "how_to_access",
            "accessibility_notes",
            "street_address",
            "postal_code",
            "city",
        ]
        widgets = {
            "target_groups": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            "how_to_access": forms.Textarea(attrs={"rows": 3}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["city"].help_text = _("Leave empty if the service is at the organisation's address.")


class CooperationEntryForm(forms.ModelForm):
    class Meta:
        model = CooperationEntry
        fields = ["kind", "title", "theme", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "kind": forms.RadioSelect}


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone", "public_consent"]

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(_("Give an e-mail address or a phone number."))
        return data


class ContactMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"),
        min_length=20,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Your name and e-mail address are passed on so that the organisation can reply."),
    )


class MergeForm(forms.Form):
    target = forms.CharField(
        label=_("Entry that stays"),
        max_length=120,
        help_text=_("The address part of the entry that stays, e.g. gmina-kcynia."),
    )

    def __init__(self, *args, duplicate: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate = duplicate

    def clean_target(self):
        slug = self.cleaned_data["target"].strip().strip("/").rsplit("/", 1)[-1]
        target = Organisation.objects.listed().filter(slug=slug).first()
        if target is None:
            raise forms.ValidationError(
                _("No entry in the directory has the address “%(slug)s”.") % {"slug": slug}
            )
        if target.pk == self.duplicate.pk:
            raise forms.ValidationError(_("An organisation cannot be merged into itself."))
        return target


class PositionForm(forms.Form):
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)

    def clean(self):
        data = super().clean()
        if not self.errors and (data.get("latitude") is None) != (data.get("longitude") is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("At most 5 MB and 5,000 rows. The first row holds the column names."),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, import nothing"), required=False, initial=True)
