"""The forum pages: spaces, a space, a thread with replies, quotes, reactions, edits, history, attachments."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from forum import services
from forum.enums import Visibility
from forum.models import Attachment, Post, PostReaction, Subscription, Thread
from tests.factories import MembershipFactory
from tests.factories.forum import PostFactory, SpaceFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def veteran(member):
    member.date_joined = timezone.now() - timedelta(days=90)
    member.save(update_fields=["date_joined"])
    return member


@pytest.fixture
def space():
    return SpaceFactory(visibility=Visibility.MEMBERS, slug="cal", title="Centra aktywności lokalnej")


def text(response) -> str:
    return response.content.decode()


def png(name="wykres.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_index_lists_only_visible_spaces(client, client_for, member):
    SpaceFactory(title="Otwarta", visibility=Visibility.PUBLIC)
    SpaceFactory(title="Dla członków", visibility=Visibility.MEMBERS)
    SpaceFactory(title="Grupa robocza", visibility=Visibility.PRIVATE)
    anonymous = text(client.get(reverse("forum:index")))
    assert "Otwarta" in anonymous and "Dla członków" not in anonymous and "Grupa robocza" not in anonymous
    mine = text(client_for(member).get(reverse("forum:index")))
    assert "Otwarta" in mine and "Dla członków" in mine and "Grupa robocza" not in mine


def test_space_lists_pinned_threads_first(client_for, member, space):
    ThreadFactory(space=space, title="Zwykły nowy", last_post_at=timezone.now())
    ThreadFactory(
        space=space, title="Przypięty stary", is_pinned=True, last_post_at=timezone.now() - timedelta(days=9)
    )
    body = text(client_for(member).get(space.get_absolute_url()))
    assert body.index("Przypięty stary") < body.index("Zwykły nowy")


def test_a_private_space_is_not_found_for_outsiders_and_asks_visitors_to_log_in(client, client_for, member):
    private = SpaceFactory(visibility=Visibility.PRIVATE, slug="tajna")
    assert client_for(member).get(private.get_absolute_url()).status_code == 404
    response = client.get(private.get_absolute_url())
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_a_member_starts_a_thread_with_an_image_and_others_reply(client_for, veteran, space):
    c = client_for(veteran)
    response = c.post(
        reverse("forum:new_thread", args=[space.slug]),
        {"title": "Szkolne CAL", "body": "Jak finansujecie *CAL*?", "link": "", "attachments": [png()]},
    )
    thread = Thread.objects.get(title="Szkolne CAL")
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    attachment = Attachment.objects.get()
    assert attachment.post.thread == thread and attachment.file.name.startswith("private/forum/")
    page = text(c.get(thread.get_absolute_url()))
    assert "<em>CAL</em>" in page
    assert reverse("forum:attachment", args=[attachment.pk]) in page
    served = c.get(reverse("forum:attachment", args=[attachment.pk]))
    assert served["Content-Type"] == "image/png"
    other = MembershipFactory(user__date_joined=timezone.now() - timedelta(days=30)).user
    first = thread.posts.get()
    response = client_for(other).post(
        reverse("forum:reply", args=[space.slug, thread.pk]),
        {"body": "Z budżetu gminy.", "reply_to": first.pk},
    )
    assert response.status_code == 302
    reply = Post.objects.get(body="Z budżetu gminy.")
    assert reply.reply_to == first
    assert "in reply to" in text(c.get(thread.get_absolute_url()))


def test_attachments_are_served_only_to_readers(client, client_for, veteran, space, user):
    thread = services.start_thread(
        actor=veteran, space=space, title="Plik", body="W załączniku", attachments=[png()]
    )
    url = reverse("forum:attachment", args=[thread.posts.get().attachments.get().pk])
    assert client_for(user).get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_quote_prefills_the_reply_with_a_blockquote(client_for, veteran, space):
    thread = services.start_thread(actor=veteran, space=space, title="Cytat", body="Linia 1\nLinia 2")
    post = thread.posts.get()
    response = client_for(veteran).get(f"{thread.get_absolute_url()}?cytuj={post.pk}")
    form = response.context["form"]
    assert form.initial["reply_to"] == post.pk
    assert "> Linia 1\n> Linia 2" in form.initial["body"]


def test_reactions_are_toggled_by_a_plain_form_and_counted(client_for, veteran, space):
    thread = services.start_thread(actor=veteran, space=space, title="Reakcje", body="Dziękuję")
    post = thread.posts.get()
    c = client_for(veteran)
    c.post(reverse("forum:react", args=[post.pk]), {"kind": "thanks"})
    assert PostReaction.objects.filter(post=post, kind="thanks").count() == 1
    page = text(c.get(thread.get_absolute_url()))
    assert 'aria-pressed="true"' in page
    c.post(reverse("forum:react", args=[post.pk]), {"kind": "thanks"})
    assert not PostReaction.objects.exists()


def test_edit_shows_the_edited_mark_and_the_history(client_for, veteran, space):
    thread = services.start_thread(actor=veteran, space=space, title="Edycja", body="Pierwotna treść")
    post = thread.posts.get()
    c = client_for(veteran)
    response = c.post(reverse("forum:edit", args=[post.pk]), {"body": "Poprawiona treść", "version": 1})
    assert response.status_code == 302
    page = text(c.get(thread.get_absolute_url()))
    assert "Poprawiona treść" in page and reverse("forum:history", args=[post.pk]) in page
    history = text(c.get(reverse("forum:history", args=[post.pk])))
    assert "Pierwotna treść" in history and "Poprawiona treść" in history
    stale = c.post(reverse("forum:edit", args=[post.pk]), {"body": "Nadpisanie", "version": 1})
    assert stale.status_code == 409
    assert "changed in the meantime" in text(stale)


def test_others_cannot_edit(client_for, veteran, space):
    thread = services.start_thread(actor=veteran, space=space, title="Cudzy", body="Mój")
    other = MembershipFactory().user
    assert client_for(other).get(reverse("forum:edit", args=[thread.posts.get().pk])).status_code == 403


def test_follow_and_unfollow_a_thread(client_for, veteran, space):
    thread = ThreadFactory(space=space)
    c = client_for(veteran)
    c.post(reverse("forum:follow_thread", args=[space.slug, thread.pk]), {"follow": "1"})
    assert Subscription.objects.filter(user=veteran, thread=thread).exists()
    assert "Stop following this thread" in text(c.get(thread.get_absolute_url()))
    c.post(reverse("forum:follow_thread", args=[space.slug, thread.pk]), {"follow": "0"})
    assert not Subscription.objects.filter(user=veteran, thread=thread).exists()


def test_hidden_posts_show_the_reason_to_the_author_only(client_for, veteran, space):
    thread = ThreadFactory(space=space)
    PostFactory(thread=thread, author=veteran, body="Sekret", html="<p>Sekret</p>", is_hidden=True,
                hidden_reason="Dane osobowe")  # fmt: skip
    own = text(client_for(veteran).get(thread.get_absolute_url()))
    assert "Sekret" in own and "Dane osobowe" in own
    other = text(client_for(MembershipFactory().user).get(thread.get_absolute_url()))
    assert "hidden by the moderators" in other and "Sekret" not in other and "Dane osobowe" not in other


def test_a_thread_of_100_posts_is_paged_50_with_bounded_queries(
    client_for, veteran, space, django_assert_max_num_queries
):
    thread = ThreadFactory(space=space, post_count=100)
    authors = [MembershipFactory().user for _ in range(5)]
    Post.objects.bulk_create(
        [
            Post(thread=thread, author=authors[i % 5], body=f"Wpis {i}", html=f"<p>Wpis {i}</p>")
            for i in range(100)
        ]
    )
    c = client_for(veteran)
    c.get(thread.get_absolute_url())  # warm the session and caches
    with django_assert_max_num_queries(25):
        response = c.get(thread.get_absolute_url() + "?page=2")
    assert len(response.context["page_obj"].object_list) == 50
    assert "Wpis 99" in text(response) and "Wpis 49" not in text(response)


def test_a_mention_links_to_a_person_page(client_for, veteran, space):
    services.start_thread(actor=veteran, space=space, title="O mnie", body="Tekst")
    page = text(client_for(veteran).get(reverse("forum:person", args=[veteran.pk])))
    assert "O mnie" in page


def test_a_thread_linked_to_an_organisation_is_shown_on_its_page_to_readers(
    client, client_for, veteran, space
):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(slug="mops-kalisz", name="MOPS Kalisz")
    c = client_for(veteran)
    form_page = c.get(reverse("forum:new_thread", args=[space.slug]) + f"?o={organisation.pk}")
    assert form_page.context["form"].initial["link"] == f"o:{organisation.pk}"
    c.post(
        reverse("forum:new_thread", args=[space.slug]),
        {"title": "Usługi społeczne MOPS", "body": "Współpraca?", "link": f"o:{organisation.pk}"},
    )
    thread = Thread.objects.get(title="Usługi społeczne MOPS")
    assert thread.organisation == organisation
    assert "Usługi społeczne MOPS" in text(c.get(organisation.get_absolute_url()))
    # A members' space: visitors do not see the thread on the public directory page.
    assert "Usługi społeczne MOPS" not in text(client.get(organisation.get_absolute_url()))
