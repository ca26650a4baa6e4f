"""With the demo data, a member finds an event, registers in the browser, gets the confirmation with the event as
an iCalendar attachment, sees it among their events and cancels; axe checks every page on the way."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from icalendar import Calendar
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_account_flow import log_in
from tests.factories.accounts import PASSWORD
from zitnet.accounts.models import User
from zitnet.events.enums import Audience, RegistrationStatus
from zitnet.events.models import Event, Registration

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def pl(message: str) -> str:
    with translation.override("pl"):
        return translation.gettext(message)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_member_registers_gets_the_ics_and_cancels(page, demo):
    member = User.objects.get(email="czlonek@zitnet.test")
    member.set_password(PASSWORD)
    member.save()
    event = (
        Event.objects.filter(audience=Audience.PUBLIC, starts_at__gt=timezone.now(), capacity__gte=10)
        .exclude(registrations__user=member)
        .order_by("starts_at")
        .first()
    )
    assert event is not None
    log_in(page, member)

    page.goto("/wydarzenia/")
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto(event.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    assert_accessible(page)

    mail.outbox.clear()
    page.locator("input[name=role]").fill("Pracowniczka socjalna")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name=pl("Register"), exact=True).click()
    expect(page.get_by_role("button", name=pl("Cancel my registration"))).to_be_visible()
    assert_accessible(page)
    registration = Registration.objects.get(event=event, user=member)
    assert registration.status == RegistrationStatus.CONFIRMED
    (message,) = [m for m in mail.outbox if m.to == [member.email]]
    (ics,) = [content for _name, content, _type in message.attachments]
    (entry,) = Calendar.from_ical(ics).walk("VEVENT")
    assert str(entry["SUMMARY"]) == event.title

    page.goto("/wydarzenia/moje/")
    assert_accessible(page)
    expect(page.get_by_role("link", name=event.title)).to_be_visible()

    page.goto(event.get_absolute_url())
    page.get_by_role("button", name=pl("Cancel my registration")).click()
    expect(page.get_by_role("button", name=pl("Register"), exact=True)).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
