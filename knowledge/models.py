"""Wagtail page types of the knowledge library: home and standard pages, good practices, the handbook, reports."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from zitnet.directory.enums import Voivodeship

from .blocks import RICH_TEXT_FEATURES, BaseStreamBlock, ReportStreamBlock
from .enums import HorizontalPrinciple, PracticeStatus, Priority, VerificationCriterion
from .validators import validate_keep_eu_url, validate_kohesio_url, validate_safe_link

PLN = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class HomePage(Page):
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """A plain page: the accessibility statement, the privacy notice, "about the network"."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["knowledge.HomePage", "knowledge.StandardPage"]
    subpage_types = ["knowledge.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


# --- Good practices ---------------------------------------------------------------------------


class FundingProgramme(models.Model):
    """An EU programme of 2021–2027 that funds practices (a managed vocabulary, see domain data)."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National programme")
        REGIONAL = "regional", _("Regional programme")
        INTERREG = "interreg", _("Interreg programme")
        OTHER = "other", pgettext_lazy("programme kind", "Other")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    panels = [FieldPanel("name"), FieldPanel("abbreviation"), FieldPanel("code"), FieldPanel("kind")]

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey("PracticePage", on_delete=models.CASCADE, related_name="tagged_items")


class PracticeIndexPage(Page):
    """The library of good practices: a filterable list of the practice pages below it."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("good practice library")

    def serve(self, request, *args, **kwargs):
        from .views import practice_list

        return practice_list(request, self)


class PracticePage(Page):
    """One good practice or project from an MOF, with its results, money, partners and transferability."""

    lead = models.TextField(
        _("lead"),
        max_length=600,
        help_text=_("Two or three sentences: what was done, where and with what effect."),
    )
    problem = RichTextField(
        _("problem"), features=RICH_TEXT_FEATURES, help_text=_("What need or problem it answers.")
    )
    solution = RichTextField(
        _("solution"), features=RICH_TEXT_FEATURES, help_text=_("What was done and how.")
    )
    results = RichTextField(
        _("results"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What changed; the indicators go below."),
    )
    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("funding programme"),
        on_delete=models.PROTECT,
        related_name="practices",
        null=True,
        blank=True,
    )
    funding_note = models.CharField(
        _("funding details"),
        max_length=300,
        blank=True,
        help_text=_("Priority, measure or call; other sources such as the municipal budget."),
    )
    total_cost = models.DecimalField(_("total cost (PLN)"), null=True, blank=True, **PLN)
    eu_contribution = models.DecimalField(_("EU contribution (PLN)"), null=True, blank=True, **PLN)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.COMPLETED
    )
    organisations = ParentalManyToManyField(
        "directory.Organisation",
        verbose_name=_("organisations involved"),
        related_name="practices",
        blank=True,
    )
    places = models.CharField(
        _("place(s)"), max_length=300, blank=True, help_text=_("Municipalities or towns where it took place.")
    )
    voivodeship = models.CharField(_("voivodeship"), max_length=2, choices=Voivodeship.choices, blank=True)
    thematic_areas = ParentalManyToManyField(
        "directory.ThematicArea", verbose_name=_("thematic areas"), related_name="practices", blank=True
    )
    tags = ClusterTaggableManager(through=PracticeTag, blank=True, verbose_name=_("tags"))
    transfer_conditions = models.TextField(
        _("conditions for transfer"), blank=True, help_text=_("What another MOF needs to repeat it.")
    )
    transfer_costs = models.TextField(_("costs of transfer"), blank=True)
    transfer_pitfalls = models.TextField(
        _("pitfalls"), blank=True, help_text=_("What went wrong or nearly did.")
    )
    contact_name = models.CharField(_("contact person"), max_length=160, blank=True)
    contact_role = models.CharField(pgettext_lazy("job", "position"), max_length=160, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Shown to signed-in members only.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kohesio_url = models.URLField(
        _("Kohesio record"), blank=True, validators=[validate_kohesio_url], max_length=300
    )
    keep_eu_url = models.URLField(
        _("keep.eu record"), blank=True, validators=[validate_keep_eu_url], max_length=300
    )
    is_demo = models.BooleanField(
        _("demo content"),
        default=False,
        help_text=_("Created by seed_demo; marked as an example on the page."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("problem"), FieldPanel("solution"), FieldPanel("results")], heading=_("What was done")
        ),
        InlinePanel("indicators", label=_("Indicators"), heading=_("Results in numbers")),
        MultiFieldPanel(
            [
                FieldPanel("programme"),
                FieldPanel("funding_note"),
                FieldRowPanel([FieldPanel("total_cost"), FieldPanel("eu_contribution")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("status")]),
            ],
            heading=_("Cost, funding and period"),
        ),
        MultiFieldPanel(
            [FieldPanel("organisations"), FieldPanel("places"), FieldPanel("voivodeship")],
            heading=_("Who and where"),
        ),
        MultiFieldPanel([FieldPanel("thematic_areas"), FieldPanel("tags")], heading=_("Themes")),
        InlinePanel("principles", label=_("Horizontal principle"), heading=_("Horizontal principles")),
        MultiFieldPanel(
            [
                FieldPanel("transfer_conditions"),
                FieldPanel("transfer_costs"),
                FieldPanel("transfer_pitfalls"),
            ],
            heading=_("Transferability"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Contact person"),
        ),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
        InlinePanel("gallery_images", label=_("Image"), heading=_("Images")),
        MultiFieldPanel([FieldPanel("kohesio_url"), FieldPanel("keep_eu_url")], heading=_("Project records")),
        InlinePanel("related_links", label=_("Related practice"), heading=_("Related practices")),
        HelpPanel(
            content=_(
                "Submit the practice for moderation when it is ready: a network coordinator approves it "
                "or returns it with comments."
            )
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("problem"),
        index.SearchField("solution"),
        index.SearchField("results"),
        index.SearchField("places"),
        index.FilterField("voivodeship"),
        index.FilterField("status"),
    ]
    parent_page_types = ["knowledge.PracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.total_cost is not None
            and self.eu_contribution is not None
            and self.eu_contribution > self.total_cost
        ):
            errors["eu_contribution"] = _("The EU contribution cannot be higher than the total cost.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot come before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def eu_share_percent(self) -> Decimal | None:
        if not self.total_cost or self.eu_contribution is None:
            return None
        return (self.eu_contribution * 100 / self.total_cost).quantize(Decimal("0.1"))

    @cached_property
    def verification(self):
        from .models import PracticeVerification

        return (
            PracticeVerification.objects.filter(practice_id=self.pk).prefetch_related("assessments").first()
        )

    @property
    def is_verified(self) -> bool:
        return bool(self.verification and self.verification.verified)


class PracticeIndicator(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    achieved = models.DecimalField(_("achieved"), max_digits=14, decimal_places=2, null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel(
            [FieldPanel("unit"), FieldPanel("baseline"), FieldPanel("target"), FieldPanel("achieved")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")


class PracticePrinciple(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="principles")
    principle = models.CharField(_("principle"), max_length=30, choices=HorizontalPrinciple.choices)
    how = models.TextField(_("how the practice serves it"), max_length=2000)

    panels = [FieldPanel("principle"), FieldPanel("how")]

    class Meta(Orderable.Meta):
        verbose_name = _("horizontal principle")


class PracticeDocument(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")


class PracticeGalleryImage(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(
        _("caption"), max_length=300, help_text=_("Also the text alternative for people who cannot see it.")
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("image")


class PracticeRelation(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("related practice"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("related", "knowledge.PracticePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related practice")


class PracticeVerification(models.Model):
    """A reviewer's judgement on the four criteria; the label shows only when every criterion is met.

    Kept outside the page so that a later revision of the practice never overwrites it."""

    practice = models.OneToOneField(
        PracticePage,
        verbose_name=_("good practice"),
        on_delete=models.CASCADE,
        related_name="verification_record",
    )
    verified = models.BooleanField(_("verified good practice"), default=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"))

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")

    def __str__(self) -> str:
        return str(self.practice)


class CriterionAssessment(models.Model):
    verification = models.ForeignKey(
        PracticeVerification, on_delete=models.CASCADE, related_name="assessments"
    )
    criterion = models.CharField(_("criterion"), max_length=20, choices=VerificationCriterion.choices)
    met = models.BooleanField(_("met"))
    justification = models.TextField(_("justification"), max_length=2000)

    class Meta:
        verbose_name = _("criterion assessment")
        constraints = [
            models.UniqueConstraint(
                fields=["verification", "criterion"], name="knowledge_one_assessment_per_criterion"
            )
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.get_criterion_display()


# --- The handbook -----------------------------------------------------------------------------


class HandbookPage(RoutablePageMixin, Page):
    """One edition of a handbook; its chapters are the pages below it. Older editions stay readable."""

    handbook_key = models.SlugField(
        _("handbook identifier"),
        max_length=80,
        help_text=_("The same for every edition of one handbook; the newest published edition is current."),
    )
    edition = models.CharField(_("edition"), max_length=120, help_text=_("e.g. “Edition 1, 2026”."))
    edition_date = models.DateField(_("edition date"))
    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("edition"), FieldPanel("edition_date"), FieldPanel("handbook_key")]),
        FieldPanel("introduction"),
        InlinePanel("authors", label=_("Author"), heading=_("Authors")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.ChapterPage"]

    class Meta:
        verbose_name = _("handbook")

    @path("", name="index")
    def index_route(self, request, *args, **kwargs):
        from .views import serve_storable

        stored = serve_storable(
            request,
            self,
            content_template="knowledge/includes/handbook_content.html",
            head_description=self.search_description or self.title,
        )
        return stored or super().index_route(request, *args, **kwargs)

    @path("druk/", name="print")
    def print_view(self, request):
        from .handbook import handbook_print

        return handbook_print(request, self)

    @path("pdf/", name="pdf")
    def pdf_view(self, request):
        from .handbook import handbook_pdf

        return handbook_pdf(request, self)


class HandbookAuthor(Orderable):
    page = ParentalKey(HandbookPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=160)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("affiliation")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")


class ChapterPage(Page):
    """A chapter or a section of a handbook; numbered by its place in the tree (2, 2.1, 2.1.3)."""

    summary = models.TextField(_("summary"), blank=True, max_length=800)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["knowledge.HandbookPage", "knowledge.ChapterPage"]
    subpage_types = ["knowledge.ChapterPage"]

    class Meta:
        verbose_name = _("handbook chapter")
        verbose_name_plural = _("handbook chapters")

    def serve(self, request, *args, **kwargs):
        from .views import serve_storable

        stored = serve_storable(
            request,
            self,
            content_template="knowledge/includes/chapter_content.html",
            head_description=self.search_description or self.summary or self.title,
        )
        return stored or super().serve(request, *args, **kwargs)


# --- Published peer-review reports ------------------------------------------------------------


class ReportIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.ReportPage"]
    max_count = 1

    class Meta:
        verbose_name = _("report library")


class ReportPage(Page):
    """A published report of an Assessment and Cooperation Forum cycle (created by peer_review)."""

    cycle_name = models.CharField(_("review cycle"), max_length=200)
    hosts = models.CharField(_("reviewed MOFs"), max_length=500, blank=True)
    published_on = models.DateField(_("published on"))
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    sections = StreamField(ReportStreamBlock(), verbose_name=_("sections"), blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("cycle_name"), FieldPanel("published_on")]),
        FieldPanel("hosts"),
        FieldPanel("summary"),
        FieldPanel("sections"),
        InlinePanel("recommendations", label=_("Recommendation"), heading=_("Recommendations")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("sections")]
    parent_page_types = ["knowledge.ReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("peer-review report")
        verbose_name_plural = _("peer-review reports")


class ReportRecommendation(Orderable):
    """A recommendation of a report, numbered by its order; handbook chapters can refer to it."""

    page = ParentalKey(ReportPage, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"), max_length=3000)
    addressee = models.CharField(_("addressed to"), max_length=200)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    time_frame = models.CharField(_("time frame"), max_length=120, blank=True)
    challenge = models.CharField(_("challenge"), max_length=300, blank=True)
    challenge_url = models.CharField(
        _("link to the challenge"), max_length=300, blank=True, validators=[validate_safe_link]
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("addressee"), FieldPanel("priority"), FieldPanel("time_frame")]),
        FieldRowPanel([FieldPanel("challenge"), FieldPanel("challenge_url")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("recommendation")

    def __str__(self) -> str:
        return self.text[:80]
