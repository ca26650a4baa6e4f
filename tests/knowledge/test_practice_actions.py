"""The practice page offers its owner an edit link and coordinators the verification; visitors see neither."""

import pytest
from django.urls import reverse

from tests.factories.knowledge import make_moderator, make_practice

pytestmark = pytest.mark.django_db


def test_links_follow_the_permissions(client, client_for, member, coordinator):
    practice = make_practice(owner=member)
    edit = reverse("knowledge:practice_edit", args=[practice.pk])
    verify = reverse("knowledge:practice_verify", args=[practice.pk])

    anonymous = client.get(practice.url).content.decode()
    assert edit not in anonymous and verify not in anonymous

    own = client_for(member).get(practice.url).content.decode()
    assert edit in own and verify not in own

    make_moderator(coordinator)
    html = client_for(coordinator).get(practice.url).content.decode()
    assert verify in html and edit not in html

    # The anonymous copy in the cache never carries anyone's links.
    again = client.get(practice.url).content.decode()
    assert edit not in again and verify not in again


def test_account_menu_leads_to_my_practices(client_for, member):
    html = client_for(member).get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("knowledge:my_practices")}"' in html
