"""The event pages: list and filters, event page with registration, my events, calendar files and feeds."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, grant, with_totp
from zitnet.accounts.enums import GlobalRole
from zitnet.events import services
from zitnet.events.enums import Audience, EventKind, EventMode, RegistrationStatus
from zitnet.events.feeds import feed_token
from zitnet.events.models import Event, EventSeries, Registration

pytestmark = pytest.mark.django_db

LIST = reverse("events:list")
JOIN_URL = "https://spotkanie.example.pl/warsztat-mof"


@pytest.fixture(autouse=True)
def _english(settings):
    # Assertions read the English msgids; the Polish catalogue is compiled separately.
    settings.LANGUAGE_CODE = "en"


def make_event(slug: str = "warsztat-mof", *, days: int = 10, **fields) -> Event:
    start = timezone.now() + timedelta(days=days)
    values = {
        "title": "Warsztat: rozwój MOF",
        "kind": EventKind.WORKSHOP,
        "mode": EventMode.ONSITE,
        "starts_at": start,
        "ends_at": start + timedelta(hours=6),
        "address": "ul. Główna 1, Kalisz",
        "audience": Audience.PUBLIC,
    }
    values.update(fields)
    return Event.objects.create(slug=slug, **values)


def titles(response) -> list[str]:
    return [event.title for event in response.context["page_obj"].object_list]


def text(response) -> str:
    return response.content.decode()


def register_data(**extra) -> dict:
    return {
        "organisation": "",
        "role": "Specjalistka ds. MOF",
        "accessibility_needs": "",
        "consent": "on",
        **extra,
    }


def ics_events(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return [component for component in calendar.walk() if component.name == "VEVENT"]


@pytest.fixture
def webinar(db):
    return make_event(
        "webinar-rady-mlodziezowe",
        title="Webinar: młodzieżowe rady",
        kind=EventKind.WEBINAR,
        mode=EventMode.ONLINE,
        address="",
        online_url=JOIN_URL,
        capacity=40,
    )


# The list


def test_list_shows_only_events_the_visitor_may_see(client, client_for, member):
    make_event("otwarty", title="Warsztat otwarty")
    make_event("dla-czlonkow", title="Superwizja dla członków", audience=Audience.MEMBERS)
    make_event("szkic", title="Szkic wydarzenia", is_published=False)
    make_event("miniony", title="Miniony warsztat", days=-10)

    assert titles(client.get(LIST)) == ["Warsztat otwarty"]
    assert titles(client_for(member).get(LIST)) == ["Warsztat otwarty", "Superwizja dla członków"]
    assert "Superwizja dla członków" not in text(client.get(LIST))


def test_list_items_show_place_organiser_and_free_places(client, webinar, member, organisation):
    make_event("kalisz", title="Warsztat w Kaliszu", organiser=organisation, days=20)
    make_event("bez-limitu", title="Konferencja otwarta", kind=EventKind.CONFERENCE, days=30)
    Registration.objects.create(event=webinar, user=member, status=RegistrationStatus.CONFIRMED)

    page = text(client.get(LIST))

    assert "39 of 40 places free" in page
    assert "no limit" in page
    assert "online" in page
    assert "ul. Główna 1, Kalisz" in page
    assert organisation.display_name in page
    assert 'href="/wydarzenia/kalendarz.ics"' in page


def test_full_event_is_shown_as_waiting_list_in_the_list(client, member):
    event = make_event(capacity=1)
    Registration.objects.create(event=event, user=member, status=RegistrationStatus.CONFIRMED)

    assert "full – waiting list" in text(client.get(LIST))


def test_list_filters_by_kind_series_form_and_past(client, webinar):
    series = EventSeries.objects.create(title="Moduł zarządzania strategicznego", slug="modul-strategiczny")
    make_event("strategia-1", title="Strategia: część 1", series=series, days=3)
    make_event("miniony", title="Miniony warsztat", days=-10)

    assert titles(client.get(LIST, {"kind": "webinar"})) == ["Webinar: młodzieżowe rady"]
    assert titles(client.get(LIST, {"series": "modul-strategiczny"})) == ["Strategia: część 1"]
    assert titles(client.get(LIST, {"mode": "online"})) == ["Webinar: młodzieżowe rady"]
    assert titles(client.get(LIST, {"past": "on"})) == ["Miniony warsztat"]
    assert titles(client.get(LIST, {"kind": "workshop", "mode": "onsite"})) == ["Strategia: część 1"]


@pytest.mark.parametrize(
    "query", [{"kind": "party"}, {"series": "nie-ma-takiej"}, {"mode": "teleport"}, {"kind": ["x", "y"]}]
)
def test_bad_filter_value_is_a_message_and_400(client, query):
    make_event()

    response = client.get(LIST, query)

    assert response.status_code == 400
    assert "Some filters could not be used" in text(response)


def test_list_has_20_per_page_and_bad_page_numbers_fall_back(client):
    for number in range(25):
        make_event(f"warsztat-{number}", title=f"Warsztat {number:02d}", days=number + 1)

    assert len(titles(client.get(LIST))) == 20
    assert titles(client.get(LIST, {"page": "2"})) == [f"Warsztat {n:02d}" for n in range(20, 25)]
    assert titles(client.get(LIST, {"page": "999"})) == [f"Warsztat {n:02d}" for n in range(20, 25)]
    assert titles(client.get(LIST, {"page": "abc"}))[0] == "Warsztat 00"
    assert titles(client.get(LIST, {"page": "-1"}))[0] == "Warsztat 20"


# The event page


def test_event_page_shows_the_facts(client, organisation):
    venue = OrganisationFactory(
        name="Centrum Kultury w Ostrowie", slug="ck-ostrow", city="Ostrów Wielkopolski"
    )
    event = make_event(
        address="",
        venue=venue,
        organiser=organisation,
        capacity=25,
        description="Program warsztatu o partnerstwach.",
        materials="Prezentacja: https://zitnet.example.pl/prezentacja.pdf",
    )

    page = text(client.get(event.get_absolute_url()))

    assert "Warsztat: rozwój MOF" in page
    assert 'href="/katalog/ck-ostrow/"' in page
    assert organisation.name in page
    assert "25 of 25 places free" in page
    assert "Program warsztatu o partnerstwach." in page
    assert "prezentacja.pdf" not in page  # materials come after the event
    assert reverse("events:event_ics", args=[event.slug]) in page
    assert "Log in to register" in page


def test_materials_appear_after_the_event(client):
    event = make_event(days=-3, materials="Prezentacja: https://zitnet.example.pl/prezentacja.pdf")

    page = text(client.get(LIST + "?past=on"))
    assert event.title in page
    assert "prezentacja.pdf" in text(client.get(event.get_absolute_url()))


def test_members_only_and_unpublished_events_are_404_for_those_who_may_not_see_them(client, client_for, user):
    members_only = make_event("dla-czlonkow", audience=Audience.MEMBERS)
    draft = make_event("szkic", is_published=False)

    assert client.get(members_only.get_absolute_url()).status_code == 404
    assert client_for(user).get(members_only.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:event_ics", args=[draft.slug])).status_code == 404
    assert client.get("/wydarzenia/nie-ma-takiego/").status_code == 404


def test_online_link_only_for_confirmed_participants_and_organisers(client, client_for, webinar, member):
    waiting = UserFactory()
    organiser = UserFactory()
    webinar.organisers.add(organiser)
    Registration.objects.create(event=webinar, user=member, status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(event=webinar, user=waiting, status=RegistrationStatus.WAITLISTED)

    assert JOIN_URL in text(client_for(member).get(webinar.get_absolute_url()))
    assert JOIN_URL in text(client_for(organiser).get(webinar.get_absolute_url()))
    assert JOIN_URL not in text(client_for(waiting).get(webinar.get_absolute_url()))
    assert JOIN_URL not in text(client.get(webinar.get_absolute_url()))
    assert JOIN_URL not in text(client_for(UserFactory()).get(webinar.get_absolute_url()))


# Registering and cancelling


def test_registration_via_post_confirms_and_a_second_post_is_refused(
    client_for, member, organisation, webinar, django_capture_on_commit_callbacks
):
    c = client_for(member)
    url = reverse("events:register", args=[webinar.slug])

    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(url, register_data(organisation=organisation.pk), follow=True)

    registration = Registration.objects.get(event=webinar, user=member)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.organisation == organisation
    assert registration.consent_at is not None
    page = text(response)
    assert "You are registered" in page
    assert "Confirmed" in page
    assert JOIN_URL in page
    assert "Cancel my registration" in page
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][0] == "wydarzenie.ics"

    again = c.post(url, register_data())
    assert again.status_code == 400
    assert "You are already registered for this event." in text(again)
    assert Registration.objects.filter(event=webinar).count() == 1


def test_registration_form_offers_only_the_users_own_organisations(client_for, member, organisation):
    other = OrganisationFactory(name="Gmina Obca")
    event = make_event()

    page = text(client_for(member).get(event.get_absolute_url()))
    assert organisation.name in page
    assert "Gmina Obca" not in page
    assert "Only the organisers of this event see this, and it is deleted 30 days after the event." in page

    response = client_for(member).post(
        reverse("events:register", args=[event.slug]), register_data(organisation=other.pk)
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_registration_without_consent_is_refused(client_for, member):
    event = make_event()

    response = client_for(member).post(
        reverse("events:register", args=[event.slug]), register_data(consent="")
    )

    assert response.status_code == 400
    assert "Registration needs your consent." in text(response)
    assert not Registration.objects.exists()


def test_full_event_puts_the_next_person_on_the_waiting_list(client_for, member, user):
    event = make_event(capacity=1)
    Registration.objects.create(event=event, user=UserFactory(), status=RegistrationStatus.CONFIRMED)

    page = text(client_for(user).get(event.get_absolute_url()))
    assert "you go on the waiting list" in page

    response = client_for(user).post(
        reverse("events:register", args=[event.slug]), register_data(), follow=True
    )

    assert Registration.objects.get(user=user).status == RegistrationStatus.WAITLISTED
    assert "you are on the waiting list" in text(response)
    assert "On the waiting list" in text(response)


def test_cancel_frees_the_place_for_the_waiting_list(client_for, member, user):
    event = make_event(capacity=1)
    Registration.objects.create(event=event, user=member, status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(event=event, user=user, status=RegistrationStatus.WAITLISTED)

    response = client_for(member).post(reverse("events:cancel", args=[event.slug]), follow=True)

    assert "Your registration is cancelled." in text(response)
    assert Registration.objects.get(user=member).status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(user=user).status == RegistrationStatus.CONFIRMED
    assert 'action="/wydarzenia/warsztat-mof/zapisz/"' in text(response)  # may register again

    again = client_for(member).post(reverse("events:cancel", args=[event.slug]))
    assert again.status_code == 400
    assert "This registration is already cancelled." in text(again)


def test_cancel_without_a_registration_is_a_400_message(client_for, user):
    event = make_event()

    response = client_for(user).post(reverse("events:cancel", args=[event.slug]))

    assert response.status_code == 400
    assert "You are not registered for this event." in text(response)


def test_closed_registration_window_is_explained_and_refused(client_for, user):
    event = make_event(registration_closes_at=timezone.now() - timedelta(days=1))

    page = text(client_for(user).get(event.get_absolute_url()))
    assert "Registration closed on" in page
    assert 'action="/wydarzenia/warsztat-mof/zapisz/"' not in page

    response = client_for(user).post(reverse("events:register", args=[event.slug]), register_data())
    assert response.status_code == 400
    assert "Registration for this event is closed." in text(response)
    assert not Registration.objects.exists()


def test_registration_not_yet_open_is_explained(client_for, user):
    event = make_event(registration_opens_at=timezone.now() + timedelta(days=2))

    assert "Registration opens on" in text(client_for(user).get(event.get_absolute_url()))


def test_anonymous_post_goes_to_login_and_get_is_not_allowed(client, client_for, user):
    event = make_event()

    response = client.post(reverse("events:register", args=[event.slug]), register_data())
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert client_for(user).get(reverse("events:register", args=[event.slug])).status_code == 405
    assert not Registration.objects.exists()


def test_members_only_event_cannot_be_registered_for_by_an_outsider(client_for, user):
    event = make_event(audience=Audience.MEMBERS)

    response = client_for(user).post(reverse("events:register", args=[event.slug]), register_data())

    assert response.status_code == 404
    assert not Registration.objects.exists()


# Registrations and accessibility needs


@pytest.fixture
def registered(db, member):
    event = make_event()
    organiser = UserFactory(first_name="Organizatorka")
    event.organisers.add(organiser)
    participant = MembershipFactory(user__first_name="Piotr").user
    Registration.objects.create(
        event=event,
        user=participant,
        accessibility_needs="Pętla indukcyjna",
        status=RegistrationStatus.CONFIRMED,
    )
    Registration.objects.create(event=event, user=member, status=RegistrationStatus.CONFIRMED)
    return event, organiser, participant


def test_organiser_sees_registrations_with_accessibility_needs(client_for, registered):
    event, organiser, participant = registered

    page = text(client_for(organiser).get(event.get_absolute_url()))

    assert participant.display_name in page
    assert "Pętla indukcyjna" in page


def test_coordinator_who_is_not_an_organiser_sees_registrations_but_not_the_needs(client_for, registered):
    event, _organiser, participant = registered
    coordinator = grant(UserFactory(), GlobalRole.NETWORK_COORDINATOR)
    with_totp(coordinator)

    page = text(client_for(coordinator).get(event.get_absolute_url()))

    assert participant.display_name in page
    assert "Pętla indukcyjna" not in page
    assert "visible to the organisers of this event only" in page


def test_other_participants_see_neither_the_registrations_nor_the_needs(client_for, member, registered):
    event, _organiser, participant = registered

    page = text(client_for(member).get(event.get_absolute_url()))

    assert "Pętla indukcyjna" not in page
    assert participant.display_name not in page


# Calendars


def test_event_ics_has_the_summary_and_the_link_only_for_the_confirmed(client, client_for, webinar, member):
    Registration.objects.create(event=webinar, user=member, status=RegistrationStatus.CONFIRMED)
    url = reverse("events:event_ics", args=[webinar.slug])

    [mine] = ics_events(client_for(member).get(url))
    [anonymous] = ics_events(client.get(url))

    assert str(mine["SUMMARY"]) == "Webinar: młodzieżowe rady"
    assert JOIN_URL in str(mine["DESCRIPTION"])
    assert str(anonymous["SUMMARY"]) == "Webinar: młodzieżowe rady"
    assert JOIN_URL not in str(anonymous.get("DESCRIPTION", ""))


def test_public_feed_holds_public_upcoming_and_recent_events(client):
    make_event("nadchodzacy", title="Warsztat nadchodzący")
    make_event("niedawny", title="Warsztat niedawny", days=-5)
    make_event("dawny", title="Warsztat dawny", days=-400)
    make_event("dla-czlonkow", title="Superwizja dla członków", audience=Audience.MEMBERS)
    make_event("szkic", title="Szkic", is_published=False)

    summaries = [str(entry["SUMMARY"]) for entry in ics_events(client.get(reverse("events:public_feed")))]

    assert summaries == ["Warsztat niedawny", "Warsztat nadchodzący"]


def test_my_events_lists_registrations_and_a_working_personal_feed(client, client_for, member, webinar):
    other = make_event(
        "pelny", title="Pełny warsztat", capacity=1, online_url="https://inne.example.pl/pokoj"
    )
    Registration.objects.create(event=webinar, user=member, status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(event=other, user=member, status=RegistrationStatus.WAITLISTED)
    cancelled = make_event("odwolany", title="Rezygnacja")
    Registration.objects.create(event=cancelled, user=member, status=RegistrationStatus.CANCELLED)

    response = client_for(member).get(reverse("events:mine"))
    page = text(response)
    assert "Webinar: młodzieżowe rady" in page
    assert "On the waiting list" in page
    assert "Rezygnacja" not in page
    feed_url = response.context["feed_url"]
    assert feed_url in page

    entries = {str(entry["SUMMARY"]): entry for entry in ics_events(client.get(feed_url))}
    assert set(entries) == {"Webinar: młodzieżowe rady", "Pełny warsztat"}
    assert JOIN_URL in str(entries["Webinar: młodzieżowe rady"]["DESCRIPTION"])
    assert "inne.example.pl" not in str(entries["Pełny warsztat"].get("DESCRIPTION", ""))


def test_my_events_needs_login(client):
    response = client.get(reverse("events:mine"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_personal_feed_with_a_forged_token_is_404(client, member):
    good = feed_token(member)
    forged = signing.dumps(member.pk, salt="something-else")
    tampered = good[:-2] + ("AA" if not good.endswith("AA") else "BB")

    assert client.get(reverse("events:personal_feed", args=[good])).status_code == 200
    for token in (forged, tampered, "junk", "1", signing.dumps("x", salt="zitnet.events.feed")):
        assert client.get(reverse("events:personal_feed", args=[token])).status_code == 404


def test_personal_feed_of_a_deactivated_person_is_404(client, member):
    token = feed_token(member)
    member.is_active = False
    member.save()

    assert client.get(reverse("events:personal_feed", args=[token])).status_code == 404


# Junk input


@pytest.mark.parametrize(
    "path",
    [
        "/wydarzenia/?page=%00",
        "/wydarzenia/?kind=%00&series=%ff&mode=",
        "/wydarzenia/?past=maybe&page=1e9",
        "/wydarzenia/kalendarz/%00%ff.ics",
        "/wydarzenia/kalendarz/..%2F..%2Fetc.ics",
        "/wydarzenia/warsztat-mof/wydarzenie.ics?x=%00",
    ],
)
def test_junk_input_never_500(client, path):
    make_event()

    assert client.get(path).status_code in {200, 400, 404}


def test_junk_registration_post_is_400_not_500(client_for, member):
    event = make_event()
    junk = {"organisation": "abc", "role": "x" * 5000, "accessibility_needs": "y" * 5000, "consent": "on"}

    response = client_for(member).post(reverse("events:register", args=[event.slug]), junk)

    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_main_navigation_links_to_events(client):
    assert 'href="/wydarzenia/"' in text(client.get(LIST))


def test_the_list_needs_the_same_few_queries_however_many_events_and_registrations(
    client, django_assert_max_num_queries
):
    from tests.factories.events import EventFactory, RegistrationFactory

    for n in range(25):
        event = EventFactory(capacity=5)
        for _ in range(n % 4):
            RegistrationFactory(event=event)
    with django_assert_max_num_queries(4):
        response = client.get("/wydarzenia/")
    assert response.status_code == 200
    assert response.content.decode().count('<li class="card">') == 20


def test_the_cached_list_shows_a_place_taken_at_once(client, member, settings):
    from django.utils import translation

    settings.ZITNET_DIRECTORY_CACHE_SECONDS = 600
    event = make_event(capacity=2)
    with translation.override("en"):
        assert "2 of 2 places free" in client.get("/wydarzenia/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        services.register(user=member, event=event, consent=True)
        assert "1 of 2 places free" in client.get("/wydarzenia/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
