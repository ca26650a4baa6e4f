"""A person chooses whether others see them under "Reading now"."""

import pytest
from django.utils import timezone

from forum import live
from forum.models import NotificationSettings, ThreadReader

pytestmark = pytest.mark.django_db


def test_hiding_oneself_from_reading_now_takes_effect_at_once(client, member, reader, thread):
    for person, channel in ((member, "specific.a"), (reader, "specific.b")):
        ThreadReader.objects.create(thread=thread, user=person, channel_name=channel, seen_at=timezone.now())
    client.force_login(reader)
    page = client.get("/dyskusje/powiadomienia/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Show others that I am reading a thread" in page.content.decode()

    response = client.post("/dyskusje/powiadomienia/obecnosc/", {})
    assert response.status_code == 302
    assert NotificationSettings.objects.get(user=reader).show_presence is False
    assert [r["id"] for r in live.present_readers(thread.pk)] == [member.pk]

    client.post("/dyskusje/powiadomienia/obecnosc/", {"show_presence": "on"})
    assert NotificationSettings.objects.get(user=reader).show_presence is True


def test_the_setting_needs_a_signed_in_post(client):
    assert client.get("/dyskusje/powiadomienia/obecnosc/").status_code == 405
    assert client.post("/dyskusje/powiadomienia/obecnosc/", {}).status_code == 302  # to the login page
