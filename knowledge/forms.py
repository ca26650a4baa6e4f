"""Forms of the knowledge library: the guided good-practice form for members and the verification form."""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from zitnet.directory.enums import Voivodeship
from zitnet.directory.models import Organisation, ThematicArea

from .enums import CRITERION_QUESTIONS, HorizontalPrinciple, PracticeStatus, VerificationCriterion
from .models import FundingProgramme
from .services import (
    PRACTICE_FIELDS,
    Indicator,
    NewDocument,
    PracticeContent,
    rich_text_to_text,
    text_to_rich_text,
)
from .uploads import allowed_extensions, validate_document, validate_image
from .validators import validate_keep_eu_url, validate_kohesio_url, validate_safe_link

DOCUMENT_SLOTS = 3
INDICATOR_ROWS = 3
RICH_TEXT_FIELDS = ("problem", "solution", "results")
MONEY = {
    "max_digits": 14,
    "decimal_places": 2,
    "required": False,
    "validators": [MinValueValidator(Decimal("0"))],
    "widget": forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
}

# Fieldsets of the practice form, in order: (key, legend, explanation, field names). The principles,
# indicators, documents and image are rendered by the template in their own fieldsets.
FIELDSETS = [
    (
        "what",
        _("What the practice is"),
        _("Name the practice and say in two or three sentences what was done, where and with what effect."),
        ["title", "lead"],
    ),
    (
        "story",
        _("Problem, solution and results"),
        _(
            "Write in plain language, as if to a colleague from another MOF. Leave an empty line between "
            "paragraphs."
        ),
        ["problem", "solution", "results"],
    ),
    (
        "money",
        _("Money and programme"),
        _("Which EU programme paid for it and how much it cost. Amounts in Polish złoty (PLN)."),
        ["programme", "funding_note", "total_cost", "eu_contribution"],
    ),
    (
        "period",
        _("Period and status"),
        _("When it started and ended, and whether it still runs."),
        ["start_date", "end_date", "status"],
    ),
    (
        "who",
        _("Who and where"),
        _(
            "Your own organisations are already ticked. Add the partners from the directory and name the "
            "places where it happened."
        ),
        ["organisations", "places", "voivodeship"],
    ),
    (
        "themes",
        _("Themes"),
        _("Thematic areas help others find the practice; tags are your own keywords."),
        ["thematic_areas", "tags"],
    ),
    (
        "transfer",
        _("Can others repeat it?"),
        _("What another MOF needs to do the same, what it costs and what to watch out for."),
        ["transfer_conditions", "transfer_costs", "transfer_pitfalls"],
    ),
    (
        "contact",
        _("Contact person"),
        _("Someone others can ask about the practice. The e-mail is shown to signed-in members only."),
        ["contact_name", "contact_role", "contact_email"],
    ),
    (
        "records",
        _("Project records"),
        _("If the project is described on Kohesio or keep.eu, paste the link to its record."),
        ["kohesio_url", "keep_eu_url"],
    ),
]


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PracticeForm(forms.Form):
    """One page, grouped in fieldsets; the indicator formset travels alongside (IndicatorFormSet)."""

    title = forms.CharField(
        label=_("Name of the practice"),
        max_length=255,
        help_text=_("A short name that says what it is, e.g. “One social-services map for the whole MOF”."),
    )
    lead = forms.CharField(
        label=_("In short"),
        max_length=600,
        widget=_textarea(3),
        help_text=_(
            "Two or three sentences: what was done, where and with what effect (up to 600 characters)."
        ),
    )
    problem = forms.CharField(
        label=_("The problem"), widget=_textarea(6), help_text=_("What need or problem did it answer?")
    )
    solution = forms.CharField(
        label=_("The solution"), widget=_textarea(8), help_text=_("What was done, by whom and how?")
    )
    results = forms.CharField(
        label=_("The results"),
        widget=_textarea(5),
        required=False,
        help_text=_("What changed? Put the numbers in the indicator table below."),
    )
    programme = forms.ModelChoiceField(
        label=_("Funding programme"),
        queryset=FundingProgramme.objects.all(),
        required=False,
        empty_label=_("— not EU-funded or not known —"),
    )
    funding_note = forms.CharField(
        label=_("Funding details"),
        max_length=300,
        required=False,
        help_text=_("Priority, measure or call; other sources such as the municipal budget."),
    )
    total_cost = forms.DecimalField(label=_("Total cost (PLN)"), **MONEY)
    eu_contribution = forms.DecimalField(
        label=_("EU contribution (PLN)"), help_text=_("Cannot be higher than the total cost."), **MONEY
    )
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_date = forms.DateField(
        label=_("End"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty if it still runs."),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=PracticeStatus.choices, initial=PracticeStatus.COMPLETED
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations involved"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose more than one."),
    )
    places = forms.CharField(
        label=_("Place(s)"),
        max_length=300,
        required=False,
        help_text=_("Municipalities or towns, separated by commas."),
    )
    voivodeship = forms.ChoiceField(
        label=_("Voivodeship"), choices=[("", "—"), *Voivodeship.choices], required=False
    )
    thematic_areas = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = TagField(
        label=_("Tags"),
        required=False,
        help_text=_("Your own keywords, separated by commas, e.g. “transport, seniors”."),
    )
    transfer_conditions = forms.CharField(
        label=_("Conditions for transfer"), widget=_textarea(), required=False
    )
    transfer_costs = forms.CharField(label=_("Costs of transfer"), widget=_textarea(3), required=False)
    transfer_pitfalls = forms.CharField(
        label=_("Pitfalls"),
        widget=_textarea(3),
        required=False,
        help_text=_("What went wrong or nearly did."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=160, required=False)
    contact_role = forms.CharField(label=_("Position"), max_length=160, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    kohesio_url = forms.URLField(
        label=_("Kohesio record"),
        max_length=300,
        required=False,
        assume_scheme="https",
        validators=[validate_safe_link, validate_kohesio_url],
        help_text=_("A link starting with https://kohesio.ec.europa.eu/"),
    )
    keep_eu_url = forms.URLField(
        label=_("keep.eu record"),
        max_length=300,
        required=False,
        assume_scheme="https",
        validators=[validate_safe_link, validate_keep_eu_url],
        help_text=_("A link starting with https://keep.eu/"),
    )
    image = forms.FileField(
        label=_("Main picture"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text=_("A photo of the practice: JPEG, PNG, WebP or GIF."),
    )
    image_alt = forms.CharField(
        label=_("What the picture shows"),
        max_length=255,
        required=False,
        help_text=_("A short description for people who cannot see the picture. Required with a picture."),
    )

    def __init__(self, *args, user, existing_documents=(), has_image: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.has_image = has_image
        self.fields["organisations"].queryset = Organisation.objects.listed().order_by("sort_name")
        self.principle_names = []
        for value, label in HorizontalPrinciple.choices:
            self.fields[f"principle_{value}"] = forms.BooleanField(
                label=_("The practice serves this principle"), required=False
            )
            self.fields[f"principle_{value}_how"] = forms.CharField(
                label=_("How?"),
                required=False,
                max_length=2000,
                widget=_textarea(3),
                help_text=_("Required when the box is ticked: one or two sentences on what was done."),
            )
            self.principle_names.append((value, label))
        extensions = ", ".join(allowed_extensions())
        for n in range(1, DOCUMENT_SLOTS + 1):
            self.fields[f"document_{n}"] = forms.FileField(
                label=_("Document %(n)s") % {"n": n},
                required=False,
                help_text=_("Allowed: %(types)s.") % {"types": extensions},
            )
            self.fields[f"document_{n}_description"] = forms.CharField(
                label=_("Description of document %(n)s") % {"n": n}, max_length=300, required=False
            )
        self.existing_documents = list(existing_documents)
        if self.existing_documents:
            self.fields["remove_documents"] = forms.TypedMultipleChoiceField(
                label=_("Remove these documents"),
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(item.document_id, item.document.title) for item in self.existing_documents],
            )

    # Field groups for the template.
    def fieldsets(self):
        for key, legend, explanation, names in FIELDSETS:
            yield {
                "key": key,
                "legend": legend,
                "explanation": explanation,
                "fields": [self[n] for n in names],
            }

    def principle_rows(self):
        for value, label in self.principle_names:
            yield {
                "label": label,
                "serves": self[f"principle_{value}"],
                "how": self[f"principle_{value}_how"],
            }

    def document_rows(self):
        for n in range(1, DOCUMENT_SLOTS + 1):
            yield {"file": self[f"document_{n}"], "description": self[f"document_{n}_description"]}

    def clean_image(self):
        file = self.cleaned_data.get("image")
        validate_image(file)
        return file

    def clean(self):
        data = super().clean()
        for n in range(1, DOCUMENT_SLOTS + 1):
            name = f"document_{n}"
            if data.get(name):
                try:
                    validate_document(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        total, eu = data.get("total_cost"), data.get("eu_contribution")
        if total is not None and eu is not None and eu > total:
            self.add_error("eu_contribution", _("The EU contribution cannot be higher than the total cost."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot come before the start."))
        for value, _label in self.principle_names:
            if data.get(f"principle_{value}") and not (data.get(f"principle_{value}_how") or "").strip():
                self.add_error(
                    f"principle_{value}_how",
                    _("Say how the practice serves this principle, or untick the box."),
                )
        if (data.get("image") or self.has_image) and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the picture for people who cannot see it."))
        return data

    def to_content(self, indicators) -> PracticeContent:
        data = self.cleaned_data
        fields = {name: data[name] for name in PRACTICE_FIELDS if name in data}
        for name in RICH_TEXT_FIELDS:
            fields[name] = text_to_rich_text(data[name])
        for name in ("lead", "title", "places", "funding_note"):
            fields[name] = (data.get(name) or "").strip()
        return PracticeContent(
            fields=fields,
            organisations=list(data["organisations"]),
            thematic_areas=list(data["thematic_areas"]),
            tags=list(data["tags"]),
            indicators=indicators,
            principles={
                value: data[f"principle_{value}_how"].strip()
                for value, _label in self.principle_names
                if data.get(f"principle_{value}")
            },
            new_documents=[
                NewDocument(file=data[f"document_{n}"], description=data[f"document_{n}_description"].strip())
                for n in range(1, DOCUMENT_SLOTS + 1)
                if data.get(f"document_{n}")
            ],
            removed_document_ids=data.get("remove_documents", []),
            image=data.get("image") or None,
            image_alt=(data.get("image_alt") or "").strip(),
        )


def initial_from_page(page) -> dict:
    """The form's initial values from the latest revision of a practice."""
    initial = {name: getattr(page, name) for name in PRACTICE_FIELDS}
    for name in RICH_TEXT_FIELDS:
        initial[name] = rich_text_to_text(initial[name])
    initial["programme"] = page.programme_id
    initial["organisations"] = [org.pk for org in page.organisations.all()]
    initial["thematic_areas"] = [area.pk for area in page.thematic_areas.all()]
    initial["tags"] = list(page.tags.all())
    for item in page.principles.all():
        initial[f"principle_{item.principle}"] = True
        initial[f"principle_{item.principle}_how"] = item.how
    if page.image_id:
        initial["image_alt"] = page.image.description or ""
    return initial


def initial_for_new(user) -> dict:
    return {"organisations": list(user.organisation_roles), "status": PracticeStatus.COMPLETED}


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=14, decimal_places=2, required=False)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2, required=False)
    achieved = forms.DecimalField(label=_("Achieved"), max_digits=14, decimal_places=2, required=False)

    def clean(self):
        data = super().clean()
        values = [data.get(name) for name in ("unit", "baseline", "target", "achieved")]
        if not (data.get("name") or "").strip() and any(v not in (None, "") for v in values):
            self.add_error("name", _("Name the indicator, or clear the row."))
        return data


class BaseIndicatorFormSet(forms.BaseFormSet):
    def indicators(self) -> list[Indicator]:
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            name = (data.get("name") or "").strip()
            if name:
                rows.append(
                    Indicator(
                        name=name,
                        unit=(data.get("unit") or "").strip(),
                        baseline=data.get("baseline"),
                        target=data.get("target"),
                        achieved=data.get("achieved"),
                    )
                )
        return rows


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, formset=BaseIndicatorFormSet, extra=INDICATOR_ROWS, max_num=50, absolute_max=60
)


def indicator_initial(page) -> list[dict]:
    return [
        {"name": i.name, "unit": i.unit, "baseline": i.baseline, "target": i.target, "achieved": i.achieved}
        for i in page.indicators.all()
    ]


def with_more_rows(data, prefix: str = "indicators", more: int = INDICATOR_ROWS):
    """The POST data with `more` empty indicator rows added (the "add more rows" button, no JavaScript)."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(min(total + more, 50))
    return data


def silence(form) -> None:
    """Show a bound form again without validation messages (after "add more rows", nothing was saved)."""
    form._errors = ErrorDict()
    form.cleaned_data = {}


def silence_formset(formset) -> None:
    formset._errors = []
    formset._non_form_errors = ErrorList()
    for form in formset.forms:
        silence(form)


class VerificationForm(forms.Form):
    """For each criterion: met or not, and why (required, at least MIN_JUSTIFICATION characters)."""

    MIN_JUSTIFICATION = 20

    def __init__(self, *args, verification=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {}
        if verification is not None:
            existing = {a.criterion: a for a in verification.assessments.all()}
        for value in VerificationCriterion.values:
            assessment = existing.get(value)
            self.fields[f"{value}_met"] = forms.TypedChoiceField(
                label=_("Is the criterion met?"),
                choices=[("yes", _("Yes")), ("no", _("No"))],
                coerce=lambda choice: choice == "yes",
                widget=forms.RadioSelect,
                initial=None if assessment is None else ("yes" if assessment.met else "no"),
            )
            self.fields[f"{value}_justification"] = forms.CharField(
                label=_("Justification"),
                min_length=self.MIN_JUSTIFICATION,
                max_length=2000,
                widget=_textarea(3),
                initial=assessment.justification if assessment else "",
                help_text=_("Why — what in the description shows it (at least %(n)s characters).")
                % {"n": self.MIN_JUSTIFICATION},
            )

    def criteria(self):
        for value, label in VerificationCriterion.choices:
            yield {
                "key": value,
                "label": label,
                "question": CRITERION_QUESTIONS[value],
                "met": self[f"{value}_met"],
                "justification": self[f"{value}_justification"],
            }

    def assessments(self) -> dict[str, tuple[bool, str]]:
        return {
            value: (self.cleaned_data[f"{value}_met"], self.cleaned_data[f"{value}_justification"])
            for value in VerificationCriterion.values
        }
