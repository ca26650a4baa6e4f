"""Writes of the knowledge library: drafting and submitting good practices, verification, their documents."""

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from anyascii import anyascii
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import WorkflowState

from zitnet.core.errors import DomainError

from . import caching, uploads
from .enums import VerificationCriterion
from .models import (
    CriterionAssessment,
    PracticeDocument,
    PracticeIndexPage,
    PracticeIndicator,
    PracticePage,
    PracticePrinciple,
    PracticeVerification,
)

logger = logging.getLogger("zitnet.audit")

# The page fields a member fills in on the front-end form (everything else is the editors' business).
PRACTICE_FIELDS = (
    "title",
    "lead",
    "problem",
    "solution",
    "results",
    "programme",
    "funding_note",
    "total_cost",
    "eu_contribution",
    "start_date",
    "end_date",
    "status",
    "places",
    "voivodeship",
    "transfer_conditions",
    "transfer_costs",
    "transfer_pitfalls",
    "contact_name",
    "contact_role",
    "contact_email",
    "kohesio_url",
    "keep_eu_url",
)


@dataclass
class Indicator:
    name: str
    unit: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None
    achieved: Decimal | None = None


@dataclass
class NewDocument:
    file: object  # an UploadedFile
    description: str = ""


@dataclass
class PracticeContent:
    """What a member wrote on the practice form, already validated by the form."""

    fields: dict
    organisations: Sequence = ()
    thematic_areas: Sequence = ()
    tags: Sequence[str] = ()
    indicators: Sequence[Indicator] = ()
    principles: Mapping[str, str] = field(default_factory=dict)  # principle -> how the practice serves it
    new_documents: Sequence[NewDocument] = ()
    removed_document_ids: Sequence[int] = ()
    image: object | None = None  # a new UploadedFile
    image_alt: str = ""


def text_to_rich_text(text: str) -> str:
    """Plain text from the form to Wagtail rich text: paragraphs on blank lines, line breaks kept, escaped."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in part.split("\n")) + "</p>"
        for part in paragraphs
        if part
    )


def rich_text_to_text(html: str) -> str:
    """Rich text back to the plain text the form edits (the inverse of text_to_rich_text, roughly)."""
    from html import unescape

    from django.utils.html import strip_tags

    text = re.sub(r"<br\s*/?>", "\n", html or "")
    text = re.sub(r"</(p|h[1-6]|li)>", "\n\n", text)
    return unescape(strip_tags(text)).strip()


def practice_index() -> PracticeIndexPage:
    index = PracticeIndexPage.objects.first()
    if index is None:
        raise DomainError(_("The good-practice library has not been set up yet."), code="missing")
    return index


def unique_slug(*, parent, title: str, exclude_pk: int | None = None) -> str:
    """A slug from the title (transliterated), unique among the parent's children: tytul, tytul-2, …"""
    base = slugify(anyascii(title))[:60].strip("-") or "praktyka"
    siblings = parent.get_children()
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def _save_document(*, upload: NewDocument, author) -> object:
    Document = get_document_model()
    title = upload.description or PurePath(upload.file.name).stem
    document = Document(
        title=title[:255], file=upload.file, collection=uploads.draft_collection(), uploaded_by_user=author
    )
    document._set_document_file_metadata()
    document.save()
    return document


def _save_image(*, file, alt: str, author) -> object:
    Image = get_image_model()
    image = Image(
        title=(alt or PurePath(file.name).stem)[:255],
        file=file,
        description=alt[:255],
        collection=uploads.public_collection(),
        uploaded_by_user=author,
    )
    image._set_image_file_metadata()
    image.save()
    return image


def _apply_content(*, page: PracticePage, content: PracticeContent, author) -> None:
    """Copy the form's content onto the (unsaved or revision) page object, children included."""
    for name in PRACTICE_FIELDS:
        if name in content.fields:
            setattr(page, name, content.fields[name])
    page.draft_title = page.title
    page.organisations.set(list(content.organisations))
    page.thematic_areas.set(list(content.thematic_areas))
    page.tags.set(list(content.tags))
    page.indicators = [
        PracticeIndicator(
            sort_order=position,
            name=row.name,
            unit=row.unit,
            baseline=row.baseline,
            target=row.target,
            achieved=row.achieved,
        )
        for position, row in enumerate(content.indicators)
    ]
    page.principles = [
        PracticePrinciple(sort_order=position, principle=principle, how=how)
        for position, (principle, how) in enumerate(content.principles.items())
    ]
    removed = set(content.removed_document_ids)
    documents = [
        (item.document_id, item.description)
        for item in page.documents.all()
        if item.document_id not in removed
    ]
    documents += [
        (_save_document(upload=upload, author=author).pk, upload.description)
        for upload in content.new_documents
    ]
    page.documents = [
        PracticeDocument(sort_order=position, document_id=document_id, description=description)
        for position, (document_id, description) in enumerate(documents)
    ]
    if content.image is not None:
        page.image = _save_image(file=content.image, alt=content.image_alt, author=author)
    elif page.image_id and content.image_alt and page.image.description != content.image_alt:
        image = page.image
        image.description = content.image_alt[:255]
        image.save(update_fields=["description"])


def _check(author, perm: str, page=None) -> None:
    if not author.has_perm(perm, page):
        raise PermissionDenied


@transaction.atomic
def create_practice(*, author, content: PracticeContent, submit: bool = False) -> PracticePage:
    """Create a good practice as a draft owned by `author` under the library, optionally submitting it.

    Side effects: a PracticePage (live=False) with its first revision; uploaded documents saved to the draft
    collection and the image to the practice collection; audit entries "wagtail.create" and
    "knowledge.practice.draft"; with submit=True the page's workflow starts (see submit_practice).
    """
    _check(author, "knowledge.draft_practice")
    index = practice_index()
    page = PracticePage(
        title=content.fields["title"],
        slug=unique_slug(parent=index, title=content.fields["title"]),
        owner=author,
        live=False,
        has_unpublished_changes=True,
    )
    _apply_content(page=page, content=content, author=author)
    index.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=author)
    page.save_revision(user=author, log_action=True)
    log(instance=page, action="knowledge.practice.draft", user=author)
    if submit:
        submit_practice(user=author, page=page)
    return page


@transaction.atomic
def update_practice(
    *, author, page: PracticePage, content: PracticeContent, submit: bool = False
) -> PracticePage:
    """Save the member's changes as a new revision of the practice, optionally submitting it again.

    The live version (if any) is untouched until a coordinator approves the new revision. Refused while the
    practice waits in moderation. Side effects: a revision; new documents/image saved; audit entries; with
    submit=True the workflow starts or resumes.
    """
    page = PracticePage.objects.select_for_update().get(pk=page.pk)
    _check(author, "knowledge.edit_practice", page)
    draft = page.get_latest_revision_as_object()
    _apply_content(page=draft, content=content, author=author)
    draft.save_revision(user=author, log_action=True)
    log(instance=page, action="knowledge.practice.draft", user=author)
    if submit:
        submit_practice(user=author, page=page)
    return PracticePage.objects.get(pk=page.pk)


@transaction.atomic
def submit_practice(*, user, page: PracticePage) -> WorkflowState:
    """Send the latest revision to the coordinators: resume a workflow that asked for changes, else start one.

    Side effects: a WorkflowState/TaskState (Wagtail notifies the Moderators group); audit entry
    "knowledge.practice.submit". Refuses a practice already in moderation or without a workflow.
    """
    _check(user, "knowledge.edit_practice", page)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    else:
        workflow = page.get_workflow()
        if workflow is None:
            raise DomainError(_("No approval workflow is set up for good practices."), code="no_workflow")
        state = workflow.start(page, user)
    log(instance=page, action="knowledge.practice.submit", user=user)
    return state


@transaction.atomic
def publish_documents(*, page: PracticePage) -> int:
    """Move the documents of a just-published practice from the private draft collection to the public one.

    Side effects: Document.collection updated; audit entry when anything moved. Returns how many moved.
    """
    Document = get_document_model()
    public = uploads.public_collection()
    moved = (
        Document.objects.filter(pk__in=page.documents.values("document_id"))
        .exclude(collection=public)
        .update(collection=public)
    )
    if moved:
        log(instance=page, action="knowledge.practice.documents_public", data={"documents": moved})
    return moved


@transaction.atomic
def verify_practice(
    *, reviewer, page: PracticePage, assessments: Mapping[str, tuple[bool, str]]
) -> PracticeVerification:
    """Record a coordinator's judgement on the four criteria; the practice is verified when all are met.

    `assessments` maps each VerificationCriterion to (met, justification). A re-review updates the same
    rows. Side effects: PracticeVerification and CriterionAssessment rows; audit entry
    "knowledge.practice.verify"; the practice listing cache is bumped.
    """
    _check(reviewer, "knowledge.verify_practice", page)
    missing = set(VerificationCriterion.values) - set(assessments)
    if missing:
        raise DomainError(_("Assess every criterion."), code="incomplete")
    verified = all(bool(assessments[criterion][0]) for criterion in VerificationCriterion.values)
    now = timezone.now()
    verification, _created = PracticeVerification.objects.select_for_update().get_or_create(
        practice=page, defaults={"verified": verified, "reviewer": reviewer, "reviewed_at": now}
    )
    if not _created:
        verification.verified = verified
        verification.reviewer = reviewer
        verification.reviewed_at = now
        verification.save(update_fields=["verified", "reviewer", "reviewed_at"])
    for criterion in VerificationCriterion.values:
        met, justification = assessments[criterion]
        CriterionAssessment.objects.update_or_create(
            verification=verification,
            criterion=criterion,
            defaults={"met": bool(met), "justification": justification.strip()},
        )
    log(
        instance=page,
        action="knowledge.practice.verify",
        user=reviewer,
        data={"verified": verified, "met": [c for c in VerificationCriterion.values if assessments[c][0]]},
    )
    page.__dict__.pop("verification", None)
    caching.bump()  # the label shows on cards and pages; the post_save signal bumps too, this is explicit
    return verification
