"""Factories of the forum: spaces, threads and posts (made directly, for setting the scene of a test)."""

import factory
from django.utils import timezone

from forum.enums import Visibility
from forum.models import Post, Space, Thread


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Przestrzeń {n}")
    slug = factory.Sequence(lambda n: f"przestrzen-{n}")
    description = "Rozmowy o współpracy w miejskich obszarach funkcjonalnych."
    visibility = Visibility.MEMBERS


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Edukacja włączająca – wątek {n}")
    last_post_at = factory.LazyFunction(timezone.now)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    body = factory.Sequence(lambda n: f"Wpis numer {n} o centrach aktywności lokalnej.")
    html = factory.LazyAttribute(lambda post: f"<p>{post.body}</p>")
