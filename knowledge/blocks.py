"""The one shared StreamField block set; each block renders through its own template in templates/blocks/."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from .enums import Priority

# Rich text features editors get everywhere; links are checked again when rendered (knowledge.sanitise).
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text whose HTML is sanitised when rendered, whatever reached the database."""

    def get_context(self, value, parent_context=None):
        from .sanitise import clean_rich_text

        context = super().get_context(value, parent_context=parent_context)
        context["html"] = clean_rich_text(value.source if value is not None else "")
        return context


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = heading_anchor(value["text"])
        return context


def heading_anchor(text: str) -> str:
    """The id of a heading in a chapter, stable across renders (used by the table of contents)."""
    from anyascii import anyascii

    return "s-" + (slugify(anyascii(text or ""))[:60] or "sekcja")


class RecommendationBlock(blocks.StructBlock):
    text = SafeRichTextBlock(label=_("Recommendation"), features=["bold", "italic", "link", "ol", "ul"])
    addressee = blocks.CharBlock(
        label=_("Addressed to"), max_length=200, help_text=_("Who should act, e.g. ZIT association offices.")
    )
    priority = blocks.ChoiceBlock(label=_("Priority"), choices=Priority.choices, default=Priority.MEDIUM)
    source = blocks.CharBlock(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("Where the recommendation comes from, e.g. a Forum report or a study."),
    )

    class Meta:
        icon = "pick"
        label = _("Recommendation")
        template = "blocks/recommendation_block.html"


class ReportRecommendationBlock(blocks.StructBlock):
    """A recommendation of a published Forum report, embedded by reference: it shows the report's current text
    and links back to the report and to the challenge it answers."""

    report = blocks.PageChooserBlock(label=_("Forum report"), page_type="knowledge.ReportPage")
    number = blocks.IntegerBlock(
        label=_("Number of the recommendation"),
        min_value=1,
        max_value=999,
        help_text=_("As numbered in the report."),
    )

    class Meta:
        icon = "pick"
        label = _("Recommendation from a Forum report")
        template = "blocks/report_recommendation_block.html"

    def clean(self, value):
        value = super().clean(value)
        report = value.get("report")
        if (
            report is not None
            and not report.specific.recommendations.filter(sort_order=value["number"] - 1).exists()
        ):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "number": ValidationError(_("The report has no recommendation with this number."))
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        report = value.get("report")
        context["recommendation"] = (
            report.specific.recommendations.filter(sort_order=value["number"] - 1).first()
            if report is not None and report.live
            else None
        )
        return context


class CaseStudyBlock(blocks.StructBlock):
    practice = blocks.PageChooserBlock(label=_("Good practice"), page_type="knowledge.PracticePage")
    comment = blocks.TextBlock(label=_("Why it is a case study here"), required=False, max_length=1000)

    class Meta:
        icon = "doc-full"
        label = _("Case study")
        template = "blocks/case_study_block.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=400), label=_("Items"))

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "blocks/checklist_block.html"


class IndicatorRowBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Indicator"), max_length=200)
    unit = blocks.CharBlock(label=_("Unit"), max_length=60, required=False)
    baseline = blocks.CharBlock(label=_("Baseline"), max_length=60, required=False)
    target = blocks.CharBlock(label=_("Target"), max_length=60, required=False)
    source = blocks.CharBlock(label=_("Data source"), max_length=200, required=False)


class IndicatorTableBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    rows = blocks.ListBlock(IndicatorRowBlock(), label=_("Indicators"))

    class Meta:
        icon = "table"
        label = _("Indicator table")
        template = "blocks/indicator_table_block.html"


class TemplateDownloadBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    document = DocumentChooserBlock(label=_("Template file"))
    description = blocks.TextBlock(label=_("How to use it"), required=False, max_length=1000)

    class Meta:
        icon = "download"
        label = _("Downloadable template")
        template = "blocks/template_download_block.html"


class ProcedureStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    text = SafeRichTextBlock(label=_("What to do"), features=["bold", "italic", "link", "ul"], required=False)


class ProcedureBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    steps = blocks.ListBlock(ProcedureStepBlock(), label=_("Steps"))

    class Meta:
        icon = "list-ol"
        label = _("Step-by-step procedure")
        template = "blocks/procedure_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("info", pgettext_lazy("callout", "Information")),
            ("tip", pgettext_lazy("callout", "Tip")),
            ("warning", pgettext_lazy("callout", "Warning")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    text = SafeRichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout_block.html"


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"), max_length=120)
    definition = blocks.TextBlock(label=_("Definition"), max_length=2000)

    class Meta:
        icon = "help"
        label = _("Glossary term")
        template = "blocks/glossary_term_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """Every page with a body uses this set; the handbook's chapters use all of it."""

    heading = HeadingBlock()
    paragraph = SafeRichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    recommendation = RecommendationBlock()
    report_recommendation = ReportRecommendationBlock()
    case_study = CaseStudyBlock()
    checklist = ChecklistBlock()
    indicator_table = IndicatorTableBlock()
    template_download = TemplateDownloadBlock()
    procedure = ProcedureBlock()
    callout = CalloutBlock()
    glossary_term = GlossaryTermBlock()


class ReportSectionBlock(blocks.StructBlock):
    """A section of a published peer-review report."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    body = SafeRichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Report section")
        template = "blocks/report_section_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = heading_anchor(value["title"])
        return context


class ReportStreamBlock(blocks.StreamBlock):
    section = ReportSectionBlock()
