"""Work handed to the background thread runs after the request, in order, and its failures are only logged."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from forum import services
from forum.models import Notification, Subscription
from tests.factories import MembershipFactory
from tests.forum.moderation_world import make_post, make_space, make_thread
from zitnet.core import background


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forum_e_mails_are_sent_from_the_background_thread(settings):
    settings.ZITNET_BACKGROUND_THREAD = True
    # Older than a week: no limit on new accounts in the way.
    author = MembershipFactory(
        user__first_name="Anna", user__date_joined=timezone.now() - timedelta(days=30)
    ).user
    follower = MembershipFactory(user__first_name="Filip").user
    thread = make_thread(make_space("tlo"), author)
    make_post(thread, author)
    Subscription.objects.create(user=follower, thread=thread)

    services.reply(actor=author, thread=thread, body="Nowy wpis dla obserwujących")
    background.wait()

    assert [message.to for message in mail.outbox] == [[follower.email]]
    assert Notification.objects.get(user=follower).emailed_at is not None


def test_a_failing_job_is_logged_and_the_next_one_still_runs(settings, caplog):
    settings.ZITNET_BACKGROUND_THREAD = True
    done = []

    def broken():
        raise RuntimeError("SMTP down")

    background.submit(broken, name="broken mail")
    background.submit(lambda: done.append(True), name="next")
    background.wait()
    assert done == [True]
    assert "background job broken mail failed" in caplog.text
