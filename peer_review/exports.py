"""The report as files: a standalone HTML page, a PDF (WeasyPrint over that page) and a DOCX (python-docx).

All three come from one `document.ReportDocument` and are rendered in Polish, the report's language. The
DOCX is built with python-docx's API; the few things it has no API for (the table-of-contents field, list
numbering that restarts for each list, hyperlinks, the repeated table header) are the standard WordprocessingML
elements that Word and LibreOffice both read.
"""

import hashlib
import re
from collections.abc import Callable
from io import BytesIO
from urllib.parse import urljoin, urlsplit

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zitnet.core.markdown import tokens

from .document import DocumentSection, NumberedRecommendation, ReportDocument

LANGUAGE = "pl"
FILE_CACHE_SECONDS = 7 * 24 * 3600
# Part of the cache key: raise it when the layout of the files changes, so that cached ones are made again.
FORMAT_VERSION = 1
DOCX_LANGUAGE = "pl-PL"
AUTHOR = "ZITnet"
LINK_COLOUR = (0x0A, 0x4A, 0x85)
# Characters XML 1.0 does not allow (python-docx refuses them): a pasted control character must not be a 500.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LINK_SCHEMES = {"http", "https", "mailto"}
# No., recommendation, addressed to, time frame, priority: the 170 mm between A4's 20 mm margins.
RECOMMENDATION_COLUMNS_MM = [14, 78, 34, 26, 18]
# The elements of w:settings that the schema puts after w:updateFields.
UPDATE_FIELDS_SUCCESSORS = [
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
]  # fmt: skip


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text or "")


# --- HTML and PDF -----------------------------------------------------------------------------------------


def to_html(document: ReportDocument, *, links: dict[str, str] | None = None, for_pdf: bool = False) -> str:
    """The report as one accessible HTML page (lang="pl", TOC as a nav of anchors, captioned tables)."""
    with translation.override(LANGUAGE):
        return render_to_string(
            "peer_review/report/document.html",
            {"document": document, "links": links, "for_pdf": for_pdf},
        )


def to_pdf(document: ReportDocument, *, base_url: str) -> bytes:
    """WeasyPrint over the same HTML with the print stylesheet: page numbers, a TOC with page numbers.

    Only this site's static and media files are fetched (an image linked from a section to elsewhere is
    left out rather than fetched)."""
    from weasyprint import CSS, HTML

    from knowledge.handbook import local_files_fetcher

    html = to_html(document, for_pdf=True)
    stylesheet = finders.find("css/report-print.css")
    return HTML(string=html, base_url=base_url, url_fetcher=local_files_fetcher()).write_pdf(
        stylesheets=[CSS(filename=stylesheet)] if stylesheet else None
    )


def cached(
    document: ReportDocument, extension: str, make: Callable[[], bytes], *, variant: str = ""
) -> bytes:
    """The file from the cache while the report has not changed (its fingerprint), else made and kept.

    A PDF takes seconds; the same report is downloaded again and again (by all its readers once published)."""
    digest = hashlib.sha256(f"{document.fingerprint}:{variant}:{FORMAT_VERSION}".encode()).hexdigest()
    key = f"peer_review:report:{document.report.pk}:{extension}:{digest}"
    content = cache.get(key)
    if content is None:
        content = make()
        cache.set(key, content, FILE_CACHE_SECONDS)
    return content


# --- DOCX -------------------------------------------------------------------------------------------------


def to_docx(document: ReportDocument, *, base_url: str = "") -> bytes:
    """The report as a Word document: title page, a TOC field, Heading 1/2 sections, the sections' Markdown
    as Word paragraphs, lists and tables, and each challenge's recommendations as a numbered table.

    `base_url` makes links relative to this site absolute (a relative link means nothing in a file)."""
    with translation.override(LANGUAGE):
        writer = DocxWriter(base_url=base_url)
        writer.write(document)
        return writer.save()


class DocxWriter:
    def __init__(self, *, base_url: str = ""):
        from docx import Document

        self.base_url = base_url
        self.doc = Document()
        self._style_ids: dict[str, str] = {}
        self._set_language()

    # -- the document ---------------------------------------------------------------------------------------

    def write(self, document: ReportDocument) -> None:
        self._page()
        self._properties(document)
        self._title_page(document)
        self._toc()
        for section in document.sections:
            self._section(section)

    def save(self) -> bytes:
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _properties(self, document: ReportDocument) -> None:
        props = self.doc.core_properties
        props.title = xml_safe(document.title)[:255]
        props.subject = xml_safe(document.cycle.title)[:255]
        props.author = AUTHOR
        props.last_modified_by = AUTHOR
        props.language = DOCX_LANGUAGE
        props.keywords = "Forum Oceny i Współpracy; raport; rekomendacje"
        props.comments = ""
        props.revision = 1
        now = timezone.now()
        props.created = now
        props.modified = now

    def _page(self) -> None:
        """A4 with 20 mm margins (the template is US Letter) and the page number in the footer."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm

        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(22)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        shown = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        shown.append(text)
        field.append(shown)
        footer._p.append(field)

    def _set_language(self) -> None:
        """Polish proofing for the whole text (the default template says en-US)."""
        from docx.oxml.ns import qn

        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
        rpr = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
        if rpr is None:
            return
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:val"), DOCX_LANGUAGE)

    def _title_page(self, document: ReportDocument) -> None:
        from docx.enum.text import WD_BREAK

        if not document.is_published:
            note = self.paragraph()
            note.add_run(_("Working version of the report: not published.")).bold = True
        self.paragraph("Subtitle", xml_safe(document.cycle.title))
        self.heading(xml_safe(document.title), 0)
        if document.hosts:
            label = self.paragraph()
            label.add_run(_("Hosts")).bold = True
            for host in document.hosts:
                self.paragraph("List Bullet", f"{xml_safe(host.name)} ({host.role.lower()})")
        for meeting in document.meetings:
            line = self.paragraph()
            line.add_run(f"{meeting.kind_label}: ").bold = True
            line.add_run(_date_range(meeting.starts_on, meeting.ends_on))
            if meeting.place:
                line.add_run(f", {xml_safe(meeting.place)}")
        moment = timezone.localtime(document.report.published_at or document.as_of)
        line = self.paragraph()
        line.add_run(
            f"{_('Published on') if document.report.published_at else _('Version as of')}: "
        ).bold = True
        line.add_run(_long_date(moment.date()) + moment.strftime(", %H:%M"))
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _toc(self) -> None:
        """A real TOC field; Word fills it in when fields are updated (it asks on opening, see updateFields),
        LibreOffice with Tools › Update. Until then it shows the hint."""
        from docx.enum.text import WD_BREAK
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.paragraph("TOC Heading", _("Table of contents"))
        paragraph = self.paragraph()

        def field_char(kind: str) -> None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                element.set(qn("w:dirty"), "true")
            paragraph.add_run()._r.append(element)

        field_char("begin")
        instruction = OxmlElement("w:instrText")
        instruction.set(qn("xml:space"), "preserve")
        instruction.text = ' TOC \\o "1-3" \\h \\z \\u '
        paragraph.add_run()._r.append(instruction)
        field_char("separate")
        paragraph.add_run(_("Right-click to update the table of contents."))
        field_char("end")
        settings = self.doc.settings.element
        if settings.find(qn("w:updateFields")) is None:
            update = OxmlElement("w:updateFields")
            update.set(qn("w:val"), "true")
            # Word reads settings in the schema's order: updateFields comes before these.
            later = {qn(f"w:{tag}") for tag in UPDATE_FIELDS_SUCCESSORS}
            successor = next((child for child in settings if child.tag in later), None)
            if successor is None:
                settings.append(update)
            else:
                successor.addprevious(update)
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _section(self, section: DocumentSection) -> None:
        self.heading(f"{section.label} {xml_safe(section.title)}", section.level)
        MarkdownToDocx(self, heading_offset=1).render(section.body)
        if section.recommendations:
            self._recommendations(section)

    def _recommendations(self, section: DocumentSection) -> None:
        caption = self.paragraph("Caption")
        caption.add_run(_("Recommendations: %(title)s") % {"title": xml_safe(section.title)})
        headers = [_("No."), _("Recommendation"), _("Addressed to"), _("Time frame"), _("Priority")]
        table = self.table(1, len(headers))
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_as_header(table.rows[0])
        for recommendation in section.recommendations:
            self._recommendation_row(table, recommendation)
        _set_widths(table, RECOMMENDATION_COLUMNS_MM)
        self.paragraph()

    @staticmethod
    def _recommendation_row(table, recommendation: NumberedRecommendation) -> None:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(recommendation.label).bold = True
        lines = xml_safe(recommendation.text).splitlines() or [""]
        cells[1].paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            cells[1].add_paragraph(line)
        cells[2].paragraphs[0].add_run(xml_safe(recommendation.addressee))
        cells[3].paragraphs[0].add_run(xml_safe(recommendation.time_frame) or "–")
        cells[4].paragraphs[0].add_run(recommendation.priority_label)

    # -- helpers --------------------------------------------------------------------------------------------

    def paragraph(self, style: str | None = None, text: str = ""):
        """A new paragraph in `style` (by name). python-docx looks a style name up among all the styles on
        every use, which made most of the time of a big report: the ids are looked up once here."""
        paragraph = self.doc.add_paragraph()
        if style and style != "Normal":
            paragraph._p.get_or_add_pPr().style = self._style_id(style)
        if text:
            paragraph.add_run(text)
        return paragraph

    def table(self, rows: int, cols: int):
        table = self.doc.add_table(rows=rows, cols=cols)
        table._tbl.tblPr.style = self._style_id("Table Grid")
        return table

    def _style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.styles[name].style_id
        return self._style_ids[name]

    def heading(self, text: str, level: int):
        return self.paragraph("Title" if level == 0 else f"Heading {level}", text)

    def absolute_link(self, href: str) -> str | None:
        """An absolute http(s)/mailto URL for a link, or None when it cannot be followed from a file."""
        href = (href or "").strip()
        if not href:
            return None
        scheme = urlsplit(href).scheme.lower()
        if not scheme and self.base_url and not href.startswith("#"):
            href = urljoin(self.base_url, href)
            scheme = urlsplit(href).scheme.lower()
        return href if scheme in LINK_SCHEMES else None

    def new_numbering(self, style_name: str) -> int | None:
        """A fresh w:num for a numbered list style, starting again at 1 (python-docx's lists would otherwise
        continue the previous list's numbers)."""
        style = self.doc.styles[style_name]
        ppr = style.element.pPr
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            return None
        numbering = self.doc.part.numbering_part.element
        existing = numbering.num_having_numId(ppr.numPr.numId.val)
        num = numbering.add_num(existing.abstractNumId.val)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId


def _set_widths(table, widths_mm: list[int]) -> None:
    from docx.shared import Mm

    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _repeat_as_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _long_date(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j E Y")


def _date_range(start, end) -> str:
    return _long_date(start) if start == end else f"{_long_date(start)} – {_long_date(end)}"


class MarkdownToDocx:
    """Writes markdown-it's token stream (the same parse as the HTML) as Word paragraphs.

    Raw HTML is off in the parser, so a `<script>` in a section arrives as text and stays text."""

    BULLET_STYLES = ["List Bullet", "List Bullet 2", "List Bullet 3"]
    NUMBER_STYLES = ["List Number", "List Number 2", "List Number 3"]
    CONTINUE_STYLES = ["List Continue", "List Continue 2", "List Continue 3"]

    def __init__(self, writer: DocxWriter, *, heading_offset: int):
        self.writer = writer
        self.doc = writer.doc
        self.heading_offset = heading_offset
        self.lists: list[dict] = []  # open lists: {"ordered": bool, "num_id": int | None}
        self.item_started = False  # the next paragraph is the first of a list item
        self.quote = 0

    def render(self, text: str) -> None:
        stream = tokens(xml_safe(text))
        index = 0
        while index < len(stream):
            index = self._block(stream, index)

    def _block(self, stream, index: int) -> int:
        token = stream[index]
        kind = token.type
        if kind == "heading_open":
            level = min(int(token.tag[1]) + self.heading_offset, 4)
            self._inline(self.writer.heading("", level), stream[index + 1])
            return index + 3
        if kind == "paragraph_open":
            style = self._paragraph_style()
            paragraph = self.writer.paragraph(style)
            if style in self.NUMBER_STYLES:
                self._list_numbering(paragraph)
            self._inline(paragraph, stream[index + 1])
            return index + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            depth = min(len(self.lists), 2)
            num_id = self.writer.new_numbering(self.NUMBER_STYLES[depth]) if ordered else None
            self.lists.append({"ordered": ordered, "num_id": num_id})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_started = True
        elif kind == "blockquote_open":
            self.quote += 1
        elif kind == "blockquote_close":
            self.quote -= 1
        elif kind in ("fence", "code_block"):
            self._code(token.content)
        elif kind == "table_open":
            return self._table(stream, index)
        return index + 1

    def _paragraph_style(self) -> str:
        if self.lists:
            depth = min(len(self.lists), 3) - 1
            if self.item_started:
                self.item_started = False
                current = self.lists[-1]
                return (self.NUMBER_STYLES if current["ordered"] else self.BULLET_STYLES)[depth]
            return self.CONTINUE_STYLES[depth]
        return "Quote" if self.quote else "Normal"

    def _list_numbering(self, paragraph) -> None:
        current = self.lists[-1] if self.lists else None
        if current and current["ordered"] and current["num_id"] is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = current["num_id"]

    def _code(self, content: str) -> None:
        from docx.shared import Pt

        paragraph = self.writer.paragraph("No Spacing")
        lines = content.rstrip("\n").split("\n")
        for n, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.font.name = "Courier New"
            run.font.size = Pt(9.5)
            if n < len(lines) - 1:
                run.add_break()

    def _table(self, stream, index: int) -> int:
        rows: list[list] = []
        header_rows = 0
        in_head = False
        while stream[index].type != "table_close":
            token = stream[index]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                rows.append([])
                header_rows += in_head
            elif token.type == "inline":
                rows[-1].append(token)
            index += 1
        columns = max((len(row) for row in rows), default=0)
        if rows and columns:
            table = self.writer.table(len(rows), columns)
            for r, row in enumerate(rows):
                for c, inline in enumerate(row):
                    paragraph = table.cell(r, c).paragraphs[0]
                    self._inline(paragraph, inline, bold=r < header_rows)
            if header_rows:
                _repeat_as_header(table.rows[0])
            self.writer.paragraph()
        return index + 1

    def _inline(self, paragraph, inline, *, bold: bool = False) -> None:
        state = {"bold": bold, "italic": False, "strike": False}
        link = None  # the w:hyperlink element runs go into, while inside a link
        for child in inline.children or []:
            kind = child.type
            if kind == "strong_open":
                state["bold"] = True
            elif kind == "strong_close":
                state["bold"] = bold
            elif kind == "em_open":
                state["italic"] = True
            elif kind == "em_close":
                state["italic"] = False
            elif kind == "s_open":
                state["strike"] = True
            elif kind == "s_close":
                state["strike"] = False
            elif kind == "link_open":
                href = self.writer.absolute_link(child.attrs.get("href", ""))
                link = {"href": href, "element": self._hyperlink(paragraph, href) if href else None}
            elif kind == "link_close":
                link = None
            elif kind == "text":
                self._run(paragraph, child.content, state, link)
            elif kind == "code_inline":
                run = self._run(paragraph, child.content, state, link)
                run.font.name = "Courier New"
            elif kind == "softbreak":
                self._run(paragraph, " ", state, link)
            elif kind == "hardbreak":
                self._run(paragraph, "", state, link).add_break()
            elif kind == "image":
                alt = child.content or child.attrs.get("alt", "")
                self._run(paragraph, f"[{_('image')}: {alt}]" if alt else f"[{_('image')}]", state, link)

    def _hyperlink(self, paragraph, href: str):
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rel_id = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        element = OxmlElement("w:hyperlink")
        element.set(qn("r:id"), rel_id)
        paragraph._p.append(element)
        return element

    def _run(self, paragraph, text: str, state: dict, link: dict | None):
        from docx.oxml import OxmlElement
        from docx.shared import RGBColor
        from docx.text.run import Run

        if link and link["element"] is not None:
            element = OxmlElement("w:r")
            link["element"].append(element)
            run = Run(element, paragraph)
            run.text = text
            run.font.underline = True
            run.font.color.rgb = RGBColor(*LINK_COLOUR)
        else:
            run = paragraph.add_run(text)
        if state["bold"]:
            run.bold = True
        if state["italic"]:
            run.italic = True
        if state["strike"]:
            run.font.strike = True
        return run
