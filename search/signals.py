"""What changes which search documents. Every handler only queues keys; search.indexing indexes them in one
batch after the commit."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from search import indexing

PAGE_TYPES: dict[type, str] = {}


def _page_type(page) -> str | None:
    for model, type_name in PAGE_TYPES.items():
        if isinstance(page, model):
            return type_name
    return None


def on_page_change(sender, instance, **kwargs):
    type_name = PAGE_TYPES.get(type(instance)) or _page_type(instance)
    if type_name:
        indexing.queue(type_name, [instance.pk])


def on_restriction_change(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:
        return
    for model, type_name in PAGE_TYPES.items():
        ids = model.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
        if ids:
            indexing.queue(type_name, list(ids))


def on_organisation_change(sender, instance, **kwargs):
    indexing.queue("organisation", [instance.pk])
    if kwargs.get("signal") is post_delete:
        return
    indexing.queue("service", list(instance.services.values_list("pk", flat=True)))
    indexing.queue("practice", list(instance.practices.values_list("pk", flat=True)))


def on_organisation_part_change(sender, instance, **kwargs):
    organisation_id = getattr(instance, "organisation_id", None) or getattr(
        instance, "content_object_id", None
    )
    if organisation_id:
        indexing.queue("organisation", [organisation_id])


def on_service_change(sender, instance, **kwargs):
    indexing.queue("service", [instance.pk])


def on_service_groups(sender, instance, action, pk_set=None, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        indexing.queue("service", [instance.pk])


def connect() -> None:
    from knowledge.models import ChapterPage, PracticePage, ReportPage
    from zitnet.directory.models import CooperationEntry, Organisation, Service, TaggedExpertise

    PAGE_TYPES.update({PracticePage: "practice", ChapterPage: "handbook", ReportPage: "report"})
    page_published.connect(on_page_change, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_change, dispatch_uid="search_page_unpublished")
    for model in PAGE_TYPES:
        post_delete.connect(on_page_change, sender=model, dispatch_uid=f"search_delete_{model.__name__}")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_change, sender=PageViewRestriction, dispatch_uid=f"search_pvr_{id(signal)}"
        )
        signal.connect(on_organisation_change, sender=Organisation, dispatch_uid=f"search_org_{id(signal)}")
        signal.connect(on_service_change, sender=Service, dispatch_uid=f"search_service_{id(signal)}")
        for part in (CooperationEntry, TaggedExpertise):
            signal.connect(
                on_organisation_part_change, sender=part, dispatch_uid=f"search_{part.__name__}_{id(signal)}"
            )
    m2m_changed.connect(
        on_service_groups, sender=Service.target_groups.through, dispatch_uid="search_service_groups"
    )
