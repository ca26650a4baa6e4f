"""Pages of events: list, event with registration, registering and cancelling, my events, calendar files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zitnet.accounts.rules import is_member, is_network_coordinator
from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import querystring_without

from .. import caching, feeds, selectors, services
from ..calendar import event_ics as render_event_ics
from ..calendar import feed_ics
from ..enums import Audience, RegistrationStatus
from ..forms import EventFilterForm, RegistrationForm
from ..models import Event
from ..rules import is_event_organiser

PAGE_SIZE = 20
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _free_places(event, confirmed: int) -> int | None:
    return None if event.capacity is None else max(event.capacity - confirmed, 0)


def listing_audience(user) -> str | None:
    """Whose cached listing the person may share: "public", "members", "coordinators" (who all see every
    published event), or None for someone who sees invited-only events of their own (the Forum's meetings
    they are invited to): their listing is rendered for them and never cached, so nobody else gets it. Every
    cache of event listings shared between people must be keyed by this."""
    if is_network_coordinator(user):
        return "coordinators"
    if user.is_authenticated and Event.objects.visible_to(user).filter(audience=Audience.INVITED).exists():
        return None
    return "members" if is_member(user) else "public"


def event_list(request):
    form = EventFilterForm(request.GET)
    context = {"form": form, "querystring": querystring_without(request, "page")}
    if not form.is_valid():
        messages.error(request, _("Some filters could not be used. Correct them and try again."))
        return render(request, "events/event_list.html", context, status=400)
    # The results are the same for everyone who sees the same events: cached per audience (see caching.py).
    audience = listing_audience(request.user)
    cache_key = caching.key(audience, get_language() or "", request.GET.urlencode()) if audience else None
    results = caching.get(cache_key) if cache_key else None
    if results is None:
        events = selectors.event_list(request.user, **form.cleaned_data)
        page_obj = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        page_obj.object_list = selectors.attach_confirmed(page_obj.object_list)
        for event in page_obj.object_list:
            event.free_places = _free_places(event, event.confirmed)
        results = render_to_string(
            "events/includes/event_results.html",
            {**context, "page_obj": page_obj, "past": form.cleaned_data["past"]},
            request=request,
        )
        if cache_key:
            caching.put(cache_key, results)
    context.update(results=mark_safe(results), past=form.cleaned_data["past"])  # noqa: S308 - our own rendering
    return render(request, "events/event_list.html", context)


def _visible_event(request, slug: str) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("series", "venue", "organiser", "forum_meeting__cycle"), slug=slug
    )
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    return event


def _forum_meeting(user, event):
    """The Forum meeting this event stands for, when the person may open its page."""
    try:
        meeting = event.forum_meeting
    except ObjectDoesNotExist:
        return None
    return meeting if user.has_perm("peer_review.view_meeting", meeting) else None


def _may_see_link(user, event, registration) -> bool:
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    return confirmed or bool(is_event_organiser(user, event))


def _detail(request, event: Event, *, form: RegistrationForm | None = None, status: int = 200):
    user = request.user
    registration = selectors.registration_of(user, event)
    active = registration if registration is not None and registration.is_active else None
    can_register = user.is_authenticated and user.has_perm("events.register", event)
    now = timezone.now()
    registration_open = event.registration_is_open(now)
    by_invitation = event.audience == Audience.INVITED
    if form is None and active is None and can_register and registration_open and not by_invitation:
        form = RegistrationForm(user=user)
    confirmed = selectors.confirmed_count(event)
    can_manage = user.has_perm("events.manage_event", event)
    context = {
        "event": event,
        "registration": active,
        "form": form,
        "can_register": can_register,
        "registration_open": registration_open,
        "registration_closes_at": event.registration_closes_at or event.starts_at,
        "not_yet_open": bool(event.registration_opens_at and now < event.registration_opens_at),
        # Invitations to the Forum's meetings are the Forum's: declined by writing to its coordinators.
        "can_cancel": active is not None and event.starts_at > now and not by_invitation,
        "by_invitation": by_invitation,
        "forum_meeting": _forum_meeting(user, event),
        "show_link": _may_see_link(user, event, registration),
        "confirmed": confirmed,
        "free_places": _free_places(event, confirmed),
        "can_manage": can_manage,
        "login_url": f"{reverse('account_login')}?next={event.get_absolute_url()}",
    }
    if can_manage:
        context["registrations"] = event.registrations.select_related("user", "organisation").order_by(
            "created_at", "pk"
        )
        context["show_needs"] = user.has_perm("events.view_accessibility_needs", event)
    return render(request, "events/event.html", context, status=status)


def detail(request, slug: str):
    return _detail(request, _visible_event(request, slug))


@require_POST
@login_required
def register(request, slug: str):
    event = _visible_event(request, slug)
    if event.audience == Audience.INVITED:
        messages.error(
            request, _("This meeting is by invitation only: the Forum registers the people it invites.")
        )
        return _detail(request, event, status=400)
    form = RegistrationForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Please correct the marked fields."))
        return _detail(request, event, form=form, status=400)
    try:
        registration = services.register(
            user=request.user,
            event=event,
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
            accessibility_needs=form.cleaned_data["accessibility_needs"],
            consent=form.cleaned_data["consent"],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return _detail(request, event, form=form, status=400)
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("You are registered. The confirmation is on its way to your e-mail."))
    else:
        messages.success(
            request,
            _("The event is full, so you are on the waiting list. We will write when a place frees up."),
        )
    return redirect(event)


@require_POST
@login_required
def cancel(request, slug: str):
    event = _visible_event(request, slug)
    registration = selectors.registration_of(request.user, event)
    try:
        if registration is None:
            raise DomainError(_("You are not registered for this event."))
        services.cancel(user=request.user, registration=registration)
    except DomainError as error:
        messages.error(request, error.message)
        return _detail(request, event, status=400)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug: str):
    event = _visible_event(request, slug)
    registration = selectors.registration_of(request.user, event)
    content = render_event_ics(event, with_link=_may_see_link(request.user, event, registration))
    return _ics_response(content, f"{event.slug}.ics")


@login_required
def my_events(request):
    token = feeds.feed_token(request.user)
    context = {
        "registrations": selectors.my_registrations(request.user),
        "feed_url": request.build_absolute_uri(reverse("events:personal_feed", args=[token])),
    }
    return render(request, "events/my_events.html", context)


def public_feed(request):
    content = feed_ics(feeds.public_feed_events(), name=_("ZITnet – events of the network"))
    response = HttpResponse(content, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="wydarzenia-zitnet.ics"'
    return response


def personal_feed(request, token: str):
    user = feeds.user_for_token(token)
    if user is None:
        raise Http404
    events, linked = feeds.personal_feed(user)
    content = feed_ics(events, name=_("ZITnet – my events"), linked=linked)
    response = HttpResponse(content, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="moje-wydarzenia.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
