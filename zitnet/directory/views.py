"""Pages of the partner directory: list, map, organisation, editing, contact, merge, import and export."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from wagtail.models import ModelLogEntry

from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import querystring_without, require_perm

from . import caching, selectors, services, tabular
from .enums import CooperationKind
from .forms import (
    ContactMessageForm,
    ContactPersonForm,
    CooperationEntryForm,
    ImportForm,
    MergeForm,
    OrganisationForm,
    PositionForm,
    ServiceForm,
)
from .models import Contact, CooperationEntry, Organisation, Service


def _listing(request, template: str, body_template: str, extra: dict | None = None):
    """The list and the map share filters, results and the accessible list of results.

    The filters and results are the same for every visitor, so their HTML is cached per query and language
    (zitnet.directory.caching); bulk writes such as bulk_create bypass signals, so they call caching.bump().
    """
    querystring = querystring_without(request, "page")
    context = {"querystring": querystring, **(extra or {})}
    cache_key = caching.key(body_template, get_language(), request.GET.urlencode())
    body = caching.get(cache_key)
    status = 200
    if body is None:
        filterset = selectors.directory_filter(request.GET)
        body_context = {"filter": filterset, "expertise_options": selectors.expertise_options(), **context}
        if not filterset.is_valid():
            body_context.update(page_obj=None, errors=filterset.errors)
            status = 400
        else:
            rows = selectors.result_rows(filterset)
            page_obj = Paginator(rows, selectors.page_size()).get_page(request.GET.get("page"))
            selectors.prefetch_for_cards(page_obj.object_list)
            body_context.update(page_obj=page_obj, center=filterset.center)
        body = render_to_string(body_template, body_context, request=request)
        if status == 200:
            caching.put(cache_key, body)
    return render(request, template, {**context, "listing_html": mark_safe(body)}, status=status)  # noqa: S308


def directory_list(request):
    return _listing(request, "directory/list.html", "directory/includes/list_body.html")


def directory_map(request):
    api_query = querystring_without(request, "page", "sort")
    return _listing(
        request,
        "directory/map.html",
        "directory/includes/map_body.html",
        {
            "tile_url": settings.ZITNET_MAP_TILE_URL,
            "organisations_geojson": reverse("api:organisation-geojson")
            + (f"?{api_query}" if api_query else ""),
            "services_geojson": reverse("api:service-geojson") + (f"?{api_query}" if api_query else ""),
        },
    )


def export(request, fmt: str):
    filterset = selectors.directory_filter(request.GET)
    if filterset.is_bound and not filterset.is_valid():
        return render(
            request,
            "directory/list.html",
            {"filter": filterset, "errors": filterset.errors, "page_obj": None},
            status=400,
        )
    if filterset.center:
        queryset = Organisation.objects.filter(pk__in=[org.pk for org in selectors.result_rows(filterset)])
    else:
        queryset = Organisation.objects.filter(pk__in=filterset.qs.values("pk"))
    if fmt == "csv":
        response = HttpResponse(tabular.export_csv(queryset), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            tabular.export_xlsx(queryset),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="katalog-partnerow.{fmt}"'
    return response


def detail(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    if organisation.merged_into_id:
        return redirect(organisation.merged_into, permanent=True)
    user = request.user
    permissions = {
        "can_edit": user.has_perm("directory.change_organisation", organisation),
        "can_manage": user.has_perm("directory.verify_organisation", organisation),
        "can_view_history": user.has_perm("directory.view_history", organisation),
    }
    # What plain visitors and signed-in users see is the same for all of them: cache it. Editors and
    # coordinators get forms with their own CSRF tokens, so their page is always rendered afresh.
    cacheable = not any(permissions.values())
    cache_key = caching.key("detail", slug, get_language(), "user" if user.is_authenticated else "anonymous")
    body = caching.get(cache_key) if cacheable else None
    if body is None:
        organisation = selectors.organisation_for_page(slug)
        entries = list(organisation.cooperation_entries.all())
        body_context = {
            "organisation": organisation,
            "offers": [entry for entry in entries if entry.kind == CooperationKind.OFFER],
            "needs": [entry for entry in entries if entry.kind == CooperationKind.NEED],
            "services": list(organisation.services.all()),
            "contacts": selectors.visible_contacts(organisation, user),
            "member_bodies": selectors.member_bodies(organisation) if organisation.is_association else [],
            "practices": selectors.organisation_practices(organisation),
            "members": selectors.active_members(organisation) if user.is_authenticated else [],
            "can_contact": bool(services.contact_recipients(organisation)),
            "private_contacts_hidden": not user.has_perm("directory.view_private_contacts"),
            "tile_url": settings.ZITNET_MAP_TILE_URL,
            **permissions,
        }
        body = render_to_string("directory/includes/detail_body.html", body_context, request=request)
        if cacheable:
            caching.put(cache_key, body)
    context = {"organisation": organisation, "detail_html": mark_safe(body)}  # noqa: S308
    return render(request, "directory/detail.html", context)


@login_required
def create(request):
    require_perm(request, "directory.add_organisation")
    form = OrganisationForm(request.POST or None, request.FILES or None, coordinator=True)
    if request.method == "POST":
        if form.is_valid():
            form.instance.slug = services.unique_slug(form.cleaned_data["name"])
            organisation = services.save_organisation(
                organisation=form.instance, form=form, user=request.user
            )
            messages.success(request, _("The organisation has been added to the directory."))
            return redirect(organisation)
        return _form_page(request, form, title=_("New organisation"), status=400)
    return _form_page(request, form, title=_("New organisation"))


def _form_page(request, form, *, title, organisation=None, status=200, cancel_url=None):
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": title,
            "organisation": organisation,
            "cancel_url": cancel_url
            or (organisation.get_absolute_url() if organisation else reverse("directory:list")),
        },
        status=status,
    )


def _organisation_for_change(request, slug: str, perm: str = "directory.change_organisation") -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request, perm, organisation)
    return organisation


@login_required
def edit(request, slug: str):
    organisation = _organisation_for_change(request, slug)
    coordinator = request.user.has_perm("directory.set_position", organisation)
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=organisation, coordinator=coordinator
    )
    title = _("Edit %(name)s") % {"name": organisation.display_name}
    if request.method == "POST":
        if form.is_valid():
            services.save_organisation(organisation=organisation, form=form, user=request.user)
            messages.success(request, _("The entry has been saved."))
            return redirect(organisation)
        organisation.refresh_from_db()
        return _form_page(request, form, title=title, organisation=organisation, status=400)
    return _form_page(request, form, title=title, organisation=organisation)


CHILDREN = {
    "uslugi": (Service, ServiceForm, gettext_lazy("service")),
    "wspolpraca": (CooperationEntry, CooperationEntryForm, gettext_lazy("cooperation offer or need")),
    "osoby": (Contact, ContactPersonForm, gettext_lazy("contact person")),
}


def _child_kind(kind: str):
    if kind not in CHILDREN:
        raise Http404
    return CHILDREN[kind]


@login_required
def child_edit(request, slug: str, kind: str, pk: int | None = None):
    """Add or edit a service, an offer/need or a contact person of an organisation the user may edit."""
    model, form_class, label = _child_kind(kind)
    organisation = _organisation_for_change(request, slug)
    instance = (
        get_object_or_404(model, pk=pk, organisation=organisation) if pk else model(organisation=organisation)
    )
    form = form_class(request.POST or None, instance=instance)
    title = (_("Edit: %(what)s") if pk else _("Add: %(what)s")) % {"what": label}
    if request.method == "POST":
        if form.is_valid():
            services.save_child(form=form, organisation=organisation, user=request.user)
            messages.success(request, _("Saved."))
            return redirect(organisation)
        return _form_page(request, form, title=title, organisation=organisation, status=400)
    return _form_page(request, form, title=title, organisation=organisation)


@login_required
def child_delete(request, slug: str, kind: str, pk: int):
    model, _form_class, label = _child_kind(kind)
    organisation = _organisation_for_change(request, slug)
    instance = get_object_or_404(model, pk=pk, organisation=organisation)
    if request.method == "POST":
        services.delete_child(instance=instance, user=request.user)
        messages.success(request, _("Deleted: %(what)s.") % {"what": instance})
        return redirect(organisation)
    return render(
        request,
        "directory/confirm_delete.html",
        {"organisation": organisation, "object": instance, "label": label},
    )


@login_required
def contact(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request, "directory.contact_organisation", organisation)
    form = ContactMessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _contact_rate_limited(request):
            form.add_error(
                None,
                _("You have sent too many messages. Please wait an hour before writing again."),
            )
            status = 429
        elif form.is_valid():
            try:
                services.send_contact_message(
                    organisation=organisation, sender=request.user, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = 409
            else:
                messages.success(
                    request, _("Your message has been sent to %(name)s.") % {"name": organisation.name}
                )
                return redirect(organisation)
        else:
            status = 400
    return render(
        request, "directory/contact.html", {"organisation": organisation, "form": form}, status=status
    )


def _contact_rate_limited(request) -> bool:
    by_user = is_ratelimited(
        request,
        group="directory-contact-user",
        key="user",
        rate=settings.ZITNET_CONTACT_RATE_USER,
        increment=True,
    )
    by_ip = is_ratelimited(
        request, group="directory-contact-ip", key="ip", rate=settings.ZITNET_CONTACT_RATE_IP, increment=True
    )
    return by_user or by_ip


@login_required
def merge(request, slug: str):
    duplicate = _organisation_for_change(request, slug, "directory.merge_organisation")
    form = MergeForm(request.POST or None, duplicate=duplicate)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                into = services.merge(
                    duplicate=duplicate, into=form.cleaned_data["target"], user=request.user
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = 409
            else:
                messages.success(
                    request,
                    _("%(duplicate)s has been merged into this entry.") % {"duplicate": duplicate.name},
                )
                return redirect(into)
        else:
            status = 400
    return render(request, "directory/merge.html", {"organisation": duplicate, "form": form}, status=status)


@login_required
@require_POST
def verify(request, slug: str):
    organisation = _organisation_for_change(request, slug, "directory.verify_organisation")
    verified = request.POST.get("verified") == "1"
    services.set_verification(organisation=organisation, verified=verified, user=request.user)
    messages.success(
        request, _("The entry is verified.") if verified else _("The verification has been withdrawn.")
    )
    return redirect(organisation)


@login_required
def position(request, slug: str):
    organisation = _organisation_for_change(request, slug, "directory.set_position")
    form = PositionForm(
        request.POST or None, initial={"latitude": organisation.latitude, "longitude": organisation.longitude}
    )
    if request.method == "POST":
        if form.is_valid():
            services.set_position(organisation=organisation, user=request.user, **form.cleaned_data)
            messages.success(request, _("The map position has been saved."))
            return redirect(organisation)
        return _form_page(request, form, title=_("Map position"), organisation=organisation, status=400)
    return _form_page(request, form, title=_("Map position"), organisation=organisation)


@login_required
def history(request, slug: str):
    organisation = _organisation_for_change(request, slug, "directory.view_history")
    entries = (
        ModelLogEntry.objects.for_instance(organisation).select_related("user").order_by("-timestamp", "-pk")
    )
    page_obj = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page_obj.object_list:
        model = HISTORY_MODELS.get((entry.data or {}).get("object"), Organisation)
        entry.changes = [
            (_field_label(model, name), values[0], values[1])
            for name, values in ((entry.data or {}).get("changes") or {}).items()
        ]
    return render(request, "directory/history.html", {"organisation": organisation, "page_obj": page_obj})


HISTORY_MODELS = {"service": Service, "cooperation": CooperationEntry, "contact": Contact}


def _field_label(model, name: str) -> str:
    """The field's name as the forms show it ("Telefon", not "phone")."""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field renamed since the entry was logged
        return name


@login_required
def import_view(request):
    require_perm(request, "directory.import_organisations")
    form = ImportForm(request.POST or None, request.FILES or None)
    report, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = tabular.import_organisations(
                    form.cleaned_data["file"], user=request.user, dry_run=form.cleaned_data["dry_run"]
                )
            except tabular.ImportFileError as error:
                form.add_error("file", str(error))
                status = 400
            else:
                if report.bad_rows:
                    status = 400
                elif report.imported:
                    messages.success(
                        request,
                        _("Imported: %(created)d new, %(updated)d updated.")
                        % {"created": report.created, "updated": report.updated},
                    )
        else:
            status = 400
    return render(request, "directory/import.html", {"form": form, "report": report}, status=status)
