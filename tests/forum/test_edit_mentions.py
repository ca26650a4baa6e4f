"""Mentions added by editing a post: the newly mentioned hear of it (on the site and by e-mail, as they chose),
those mentioned before do not hear of it again, and nobody who may not read the thread hears anything."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.enums import EmailMode, NotificationKind, Visibility
from forum.models import Notification, NotificationSettings, Space
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from zitnet.accounts.enums import MembershipRole

pytestmark = pytest.mark.django_db


def person(name: str, *, email_mode: str | None = None, member: bool = True, language: str = "pl"):
    user = UserFactory(first_name=name, preferred_language=language)
    user.date_joined = timezone.now() - timedelta(days=90)  # not a new account: no rate limit in the way
    user.save(update_fields=["date_joined"])
    if member:
        MembershipFactory(user=user)
    if email_mode:
        NotificationSettings.objects.create(user=user, email=email_mode)
    return user


def space(visibility=Visibility.MEMBERS, members=()) -> Space:
    created = Space.objects.create(title="Centra aktywności lokalnej", slug="cal", visibility=visibility)
    created.members.set(members)
    return created


def mention(user) -> str:
    return f"@[{user.first_name}](u:{user.pk})"


def edit(post, body: str):
    post.refresh_from_db()
    return services.edit_post(actor=post.author, post=post, body=body, expected_version=post.version)


def mentions_of(post) -> dict:
    return {
        n.user: n.actor
        for n in Notification.objects.filter(post=post, kind=NotificationKind.MENTION).select_related("user")
    }


def test_a_person_mentioned_by_an_edit_is_told_on_the_site_and_by_email(django_capture_on_commit_callbacks):
    author, newcomer = person("Anna"), person("Bartosz", language="en")
    thread = services.start_thread(
        actor=author, space=space(), title="CAL w gminach wiejskich", body="Jak zacząć?"
    )
    post = thread.posts.get()
    assert mentions_of(post) == {}

    with django_capture_on_commit_callbacks(execute=True):
        edit(post, f"Jak zacząć? {mention(newcomer)}, macie doświadczenie z wizyt studyjnych?")

    assert mentions_of(post) == {newcomer: author}
    assert [message.to for message in mail.outbox] == [[newcomer.email]]
    message = mail.outbox[0]
    assert message.subject == f"[ZITnet] {author.display_name} mentioned you: CAL w gminach wiejskich"
    assert "macie doświadczenie z wizyt studyjnych?" in message.body


def test_people_mentioned_before_the_edit_are_not_told_again(django_capture_on_commit_callbacks):
    author, first, second = person("Anna"), person("Bartosz"), person("Celina")
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.start_thread(
            actor=author, space=space(), title="Wizyty studyjne", body=f"{mention(first)}, jedziesz z nami?"
        )
    post = thread.posts.get()
    assert mentions_of(post) == {first: author}
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        edit(post, f"{mention(first)} i {mention(second)}, jedziecie z nami?")

    assert mentions_of(post) == {first: author, second: author}
    assert Notification.objects.filter(post=post, user=first).count() == 1
    assert [message.to for message in mail.outbox] == [[second.email]]

    # Another edit keeping both mentions, and one that takes a mention away and puts it back, tell nobody.
    with django_capture_on_commit_callbacks(execute=True):
        edit(post, f"{mention(first)} i {mention(second)}, jedziecie z nami w maju?")
        edit(post, f"{mention(first)}, jedziesz z nami w maju?")
        edit(post, f"{mention(first)} i {mention(second)}, jedziecie z nami w maju czy w czerwcu?")
    assert Notification.objects.filter(post=post).count() == 2
    assert len(mail.outbox) == 1


def test_an_organisation_mentioned_by_an_edit_is_told_to_its_editors():
    author = person("Anna")
    organisation = OrganisationFactory(name="Stowarzyszenie Aglomeracja Opolska", slug="ao", short_name="AO")
    editor = MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user
    plain_member = MembershipFactory(organisation=organisation).user
    thread = services.start_thread(actor=author, space=space(), title="Strategie ZIT", body="Kto już ma?")
    post = thread.posts.get()

    edit(post, "Kto już ma? Pytam też @[AO](o:ao).")

    assert mentions_of(post) == {editor: author}
    assert plain_member not in mentions_of(post)


def test_the_email_follows_the_chosen_mode_and_the_site_notification_comes_regardless(
    django_capture_on_commit_callbacks,
):
    author = person("Anna")
    digest, silent = (
        person("Bartosz", email_mode=EmailMode.DAILY),
        person("Celina", email_mode=EmailMode.NONE),
    )
    thread = services.start_thread(actor=author, space=space(), title="Rady młodzieżowe", body="Pomysły?")
    post = thread.posts.get()

    with django_capture_on_commit_callbacks(execute=True):
        edit(post, f"Pomysły? {mention(digest)} {mention(silent)}")

    assert set(mentions_of(post)) == {digest, silent}
    assert mail.outbox == []
    assert not Notification.objects.filter(post=post, emailed_at__isnull=False).exists()


def test_nobody_who_may_not_read_the_thread_is_told(django_capture_on_commit_callbacks):
    author, insider, outsider = person("Anna"), person("Bartosz"), person("Celina")
    where = space(Visibility.PRIVATE, members=[author, insider])
    thread = services.start_thread(actor=author, space=where, title="Grupa robocza", body="Notatki.")
    post = thread.posts.get()

    with django_capture_on_commit_callbacks(execute=True):
        edit(post, f"Notatki. {mention(insider)} {mention(outsider)} @[Anna](u:{author.pk})")

    assert mentions_of(post) == {insider: author}  # neither the outsider nor the author herself
    assert [message.to for message in mail.outbox] == [[insider.email]]


def test_the_newly_mentioned_person_sees_it_on_the_notifications_page(client_for):
    author, newcomer = person("Anna"), person("Bartosz", language="en")
    thread = services.start_thread(actor=author, space=space(), title="Opieka wytchnieniowa", body="Kto?")
    post = thread.posts.get()

    response = client_for(author).post(
        reverse("forum:edit", args=[post.pk]), {"body": f"Kto? {mention(newcomer)}", "version": 1}
    )

    assert response.status_code == 302
    page = client_for(newcomer).get(reverse("forum:notifications"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Opieka wytchnieniowa" in page.content.decode()
    assert Notification.objects.get(user=newcomer).kind == NotificationKind.MENTION
