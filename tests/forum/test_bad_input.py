"""Bad input is neutralised or refused with a clear 4xx message, never a 500 or a half-written record."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.enums import Visibility
from forum.models import Attachment, Post, Thread
from tests.factories.forum import SpaceFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def veteran(member):
    member.date_joined = timezone.now() - timedelta(days=90)
    member.save(update_fields=["date_joined"])
    return member


@pytest.fixture
def space():
    return SpaceFactory(visibility=Visibility.MEMBERS, slug="mof")


@pytest.fixture
def thread(space, veteran):
    return services.start_thread(actor=veteran, space=space, title="Start", body="Pierwszy wpis")


def reply_url(thread):
    return reverse("forum:reply", args=[thread.space.slug, thread.pk])


def test_script_javascript_links_and_event_handlers_are_neutralised(client_for, veteran, thread):
    body = (
        "<script>alert(1)</script>\n\n[klik](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n"
        '<a href="#" onclick="alert(1)">a</a>'
    )
    response = client_for(veteran).post(reply_url(thread), {"body": body})
    assert response.status_code == 302
    html = Post.objects.latest("pk").html
    # Raw HTML stays visible text; the Markdown link with a javascript: target is not made a link.
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "<img" not in html and '<a href="#" onclick' not in html
    page = client_for(veteran).get(thread.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_an_svg_upload_is_refused(client_for, veteran, thread):
    svg = SimpleUploadedFile("rysunek.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                             content_type="image/svg+xml")  # fmt: skip
    response = client_for(veteran).post(reply_url(thread), {"body": "Rysunek", "attachments": [svg]})
    assert response.status_code == 400
    assert "cannot be attached" in response.content.decode()
    assert thread.posts.count() == 1 and not Attachment.objects.exists()


def test_a_disguised_png_is_refused(client_for, veteran, thread):
    fake = SimpleUploadedFile(
        "zdjecie.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )
    response = client_for(veteran).post(reply_url(thread), {"body": "Zdjęcie", "attachments": [fake]})
    assert response.status_code == 400
    assert "not a picture we can read" in response.content.decode()
    assert thread.posts.count() == 1


def test_a_too_large_attachment_is_refused(client_for, veteran, thread):
    big = SimpleUploadedFile("raport.txt", b"a" * (10 * 1024 * 1024 + 1), content_type="text/plain")
    response = client_for(veteran).post(reply_url(thread), {"body": "Duży plik", "attachments": [big]})
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_a_text_document_is_accepted(client_for, veteran, thread):
    doc = SimpleUploadedFile("notatka.txt", b"Notatka ze spotkania", content_type="text/plain")
    response = client_for(veteran).post(reply_url(thread), {"body": "Notatka", "attachments": [doc]})
    assert response.status_code == 302
    served = client_for(veteran).get(reverse("forum:attachment", args=[Attachment.objects.get().pk]))
    assert "attachment" in served["Content-Disposition"]


def test_a_20001_character_post_is_refused(client_for, veteran, thread):
    response = client_for(veteran).post(reply_url(thread), {"body": "a" * 20_001})
    assert response.status_code == 400
    assert thread.posts.count() == 1


def test_a_20001_character_post_is_refused_by_the_service(veteran, thread):
    from zitnet.core.errors import DomainError

    with pytest.raises(DomainError, match="too long"):
        services.reply(actor=veteran, thread=thread, body="a" * 20_001)


def test_an_unknown_reply_to_is_refused(client_for, veteran, thread):
    elsewhere = ThreadFactory(space=thread.space)
    other_post = Post.objects.create(thread=elsewhere, author=veteran, body="Gdzie indziej", html="")
    for target in (999_999, other_post.pk):
        response = client_for(veteran).post(reply_url(thread), {"body": "Odpowiedź", "reply_to": target})
        assert response.status_code == 400
        assert "not in this thread" in response.content.decode()
    assert thread.posts.count() == 1


def test_posting_in_a_locked_thread_is_refused(client_for, veteran, thread):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    response = client_for(veteran).post(reply_url(thread), {"body": "Jednak coś dopiszę"})
    assert response.status_code == 400
    assert "This thread is locked" in response.content.decode()
    assert thread.posts.count() == 1


def test_a_private_space_one_is_not_in_is_refused(client_for, veteran):
    private = SpaceFactory(visibility=Visibility.PRIVATE, slug="grupa")
    hidden = ThreadFactory(space=private)
    c = client_for(veteran)
    assert c.post(reply_url(hidden), {"body": "Wchodzę"}).status_code == 404
    assert (
        c.post(reverse("forum:new_thread", args=[private.slug]), {"title": "X", "body": "Y"}).status_code
        == 404
    )
    assert (
        c.post(reverse("forum:follow_thread", args=[private.slug, hidden.pk]), {"follow": "1"}).status_code
        == 404
    )
    assert not hidden.posts.exists()


def test_an_unknown_reaction_and_a_bad_link_are_refused(client_for, veteran, thread):
    post = thread.posts.get()
    c = client_for(veteran)
    assert c.post(reverse("forum:react", args=[post.pk]), {"kind": "<b>"}).status_code == 400
    response = c.post(reverse("forum:new_thread", args=[thread.space.slug]),
                      {"title": "Link", "body": "Treść", "link": "x:1"})  # fmt: skip
    assert response.status_code == 400
    assert not Thread.objects.filter(title="Link").exists()


def test_an_empty_post_is_refused(client_for, veteran, thread):
    response = client_for(veteran).post(reply_url(thread), {"body": "   "})
    assert response.status_code == 400


def test_a_member_without_rights_in_a_public_space_cannot_post(client_for, user):
    public = SpaceFactory(visibility=Visibility.PUBLIC, slug="otwarta")
    thread = ThreadFactory(space=public)
    response = client_for(user).post(reply_url(thread), {"body": "Hej"})
    assert response.status_code == 403
