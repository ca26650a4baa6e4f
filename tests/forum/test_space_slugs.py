"""A space may not take a fixed word of the forum's addresses as its slug: its page or threads could not be
opened (/dyskusje/osoby/12/ is a person, /dyskusje/powiadomienia/ the notifications)."""

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.urls import resolve, reverse
from django.utils import translation

from forum import demo
from forum.enums import Visibility
from forum.models import Space
from forum.slugs import reserved, validate_space_slug
from peer_review import services as review_services

pytestmark = pytest.mark.django_db

FIXED_WORDS = [
    "osoby",
    "zalaczniki",
    "wpisy",
    "powiadomienia",
    "wypisz",
    "moderacja",
    "watki",
    "przestrzenie",
]


def test_the_reserved_words_are_the_first_words_of_the_forums_fixed_paths():
    assert reserved() == set(FIXED_WORDS)


@pytest.mark.parametrize("slug", [*FIXED_WORDS, "Powiadomienia"])
def test_a_space_with_a_fixed_word_as_its_slug_is_refused_with_a_reason(slug):
    space = Space(title="Przestrzeń", slug=slug, visibility=Visibility.PUBLIC)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            space.full_clean()
        assert list(refused.value.message_dict) == ["slug"]
        assert refused.value.message_dict["slug"] == [
            f"“{slug}” is already a fixed part of the forum's addresses, so a space with this slug could not be "
            "opened. Choose another slug."
        ]


@pytest.mark.parametrize("slug", ["nowy-watek", "obserwuj", "osoby-z-niepelnosprawnoscia", "wpisy-gmin"])
def test_words_that_are_not_a_first_path_segment_are_fine(slug):
    space = Space(title="Przestrzeń", slug=slug, visibility=Visibility.PUBLIC)
    space.full_clean()
    space.save()
    thread_url = reverse("forum:thread", args=[slug, 7])
    assert resolve(reverse("forum:space", args=[slug])).url_name == "space"
    assert resolve(thread_url).url_name == "thread"


def test_the_admin_form_of_a_space_shows_the_message_on_the_slug_field():
    # Wagtail's and Django's admin forms are model forms: the field's validator speaks there.
    form_class = modelform_factory(Space, fields=["title", "slug", "visibility"])
    with translation.override("en"):
        form = form_class({"title": "Powiadomienia gmin", "slug": "powiadomienia", "visibility": "public"})
        assert not form.is_valid()
        assert "is already a fixed part of the forum's addresses" in form.errors["slug"][0]
    assert not Space.objects.exists()
    form = form_class({"title": "Powiadomienia gmin", "slug": "powiadomienia-gmin", "visibility": "public"})
    assert form.is_valid(), form.errors
    form.save()
    assert Space.objects.get().slug == "powiadomienia-gmin"


def test_the_demo_spaces_have_allowed_slugs():
    for spec in demo.SPACES:
        validate_space_slug(spec.slug)


@pytest.mark.parametrize("cycle_slug", ["osoby", "wpisy", "moderacja"])
def test_a_cycle_named_like_a_fixed_path_gets_a_space_that_opens(client_for, coordinator, cycle_slug):
    cycle = review_services.create_cycle(actor=coordinator, title=f"Cykl {cycle_slug}", slug=cycle_slug)

    space = Space.objects.get(cycle=cycle)
    space.full_clean()  # its slug passes the validator
    response = client_for(coordinator).get(reverse("forum:space", args=[space.slug]))
    assert response.status_code == 200
    assert f"Cykl {cycle_slug}" in response.content.decode()
    assert resolve(reverse("forum:thread", args=[space.slug, 7])).url_name == "thread"
