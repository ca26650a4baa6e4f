"""Every view that exists, for anonymous visitors, members, editors and coordinators.

A row says what each kind of person gets: the page (200), a redirect to log in (302 → login), or 403.
Object views are checked on an object the person is not related to as well as on their own.
"""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory
from zitnet.accounts.enums import MembershipStatus

pytestmark = pytest.mark.django_db

LOGIN = "login"


def outcome(response) -> int | str:
    if response.status_code == 302 and "/konto/login/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.fixture
def people(member, editor, coordinator):
    return {"anonymous": None, "member": member, "editor": editor, "coordinator": coordinator}


def get_as(client, client_for, person, url):
    return outcome((client_for(person) if person else client).get(url))


# (url builder, expected outcome for anonymous, member, editor, coordinator)
GET_MATRIX = [
    (lambda o, p: "/", (200, 200, 200, 200)),
    (lambda o, p: "/deklaracja-dostepnosci/", (200, 200, 200, 200)),
    (lambda o, p: "/polityka-prywatnosci/", (200, 200, 200, 200)),
    (lambda o, p: reverse("account_login"), (200, 302, 302, 302)),
    (lambda o, p: reverse("account_signup"), (200, 302, 302, 302)),
    (lambda o, p: reverse("account_reset_password"), (200, 200, 200, 200)),
    (lambda o, p: reverse("accounts:profile"), (LOGIN, 200, 200, 200)),
    (lambda o, p: reverse("account_email"), (LOGIN, 200, 200, 200)),
    (lambda o, p: reverse("account_change_password"), (LOGIN, 200, 200, 200)),
    (lambda o, p: reverse("mfa_index"), (LOGIN, 200, 200, 200)),
    (lambda o, p: reverse("privacy:centre"), (LOGIN, 200, 200, 200)),
    (lambda o, p: reverse("privacy:export"), (LOGIN, 200, 200, 200)),
    (lambda o, p: reverse("accounts:members", args=[o.slug]), (LOGIN, 200, 200, 200)),
    (lambda o, p: reverse("accounts:members", args=[p.slug]), (LOGIN, 403, 403, 200)),
    (lambda o, p: reverse("directory:list"), (200, 200, 200, 200)),
    (lambda o, p: reverse("search:page") + "?q=krakow", (200, 200, 200, 200)),
    (lambda o, p: reverse("search:suggest") + "?q=kra", (200, 200, 200, 200)),
    (lambda o, p: reverse("search_api:search") + "?q=krakow", (200, 200, 200, 200)),
    (lambda o, p: reverse("search_api:suggest") + "?q=kra", (200, 200, 200, 200)),
    (lambda o, p: reverse("directory:map"), (200, 200, 200, 200)),
    (lambda o, p: reverse("directory:export", args=["csv"]), (200, 200, 200, 200)),
    (lambda o, p: reverse("directory:detail", args=[o.slug]), (200, 200, 200, 200)),
    (lambda o, p: reverse("directory:contact", args=[o.slug]), (LOGIN, 200, 200, 200)),
    (lambda o, p: reverse("directory:edit", args=[o.slug]), (LOGIN, 403, 200, 200)),
    (lambda o, p: reverse("directory:edit", args=[p.slug]), (LOGIN, 403, 403, 200)),
    (lambda o, p: reverse("directory:child_add", args=[o.slug, "uslugi"]), (LOGIN, 403, 200, 200)),
    (lambda o, p: reverse("directory:child_add", args=[p.slug, "osoby"]), (LOGIN, 403, 403, 200)),
    (lambda o, p: reverse("directory:history", args=[o.slug]), (LOGIN, 403, 200, 200)),
    (lambda o, p: reverse("directory:history", args=[p.slug]), (LOGIN, 403, 403, 200)),
    (lambda o, p: reverse("directory:merge", args=[o.slug]), (LOGIN, 403, 403, 200)),
    (lambda o, p: reverse("directory:position", args=[o.slug]), (LOGIN, 403, 403, 200)),
    (lambda o, p: reverse("directory:create"), (LOGIN, 403, 403, 200)),
    (lambda o, p: reverse("directory:import"), (LOGIN, 403, 403, 200)),
    (lambda o, p: reverse("api:organisation-list"), (200, 200, 200, 200)),
    (lambda o, p: reverse("api:organisation-detail", args=[o.slug]), (200, 200, 200, 200)),
    (lambda o, p: reverse("api:service-list"), (200, 200, 200, 200)),
    (lambda o, p: reverse("api:me"), (401, 200, 200, 200)),
    (lambda o, p: reverse("api:schema"), (200, 200, 200, 200)),
]


@pytest.mark.parametrize(("url", "expected"), GET_MATRIX)
def test_get_matrix(client, client_for, people, organisation, other_organisation, url, expected):
    path = url(organisation, other_organisation)
    got = tuple(get_as(client, client_for, person, path) for person in people.values())
    assert got == expected, path


def test_wagtail_admin_is_for_coordinators_only(client, client_for, people):
    from django.contrib.auth.models import Group

    people["coordinator"].groups.add(Group.objects.get(name="Moderators"))
    got = {name: (client_for(p) if p else client).get("/admin/").status_code for name, p in people.items()}
    assert got["coordinator"] == 200
    assert got["anonymous"] == 302 and got["member"] == 302 and got["editor"] == 302


@pytest.mark.parametrize("name", ["membership_decide", "membership_role", "membership_remove"])
def test_membership_actions_matrix(client, client_for, people, organisation, other_organisation, name):
    """POST actions on a membership of the editor's own organisation and of another one."""
    payload = {
        "membership_decide": {"decision": "reject"},
        "membership_role": {"role": "member"},
        "membership_remove": {},
    }[name]
    results = {}
    for label, org in (("own", organisation), ("other", other_organisation)):
        for who, person in people.items():
            target = MembershipFactory(
                organisation=org,
                status=MembershipStatus.PENDING if name == "membership_decide" else MembershipStatus.ACTIVE,
            )
            url = reverse(f"accounts:{name}", args=[org.slug, target.pk])
            response = (client_for(person) if person else client).post(url, payload)
            results[(label, who)] = outcome(response)
    assert results == {
        ("own", "anonymous"): LOGIN,
        ("own", "member"): 403,
        ("own", "editor"): 302,
        ("own", "coordinator"): 302,
        ("other", "anonymous"): LOGIN,
        ("other", "member"): 403,
        ("other", "editor"): 403,
        ("other", "coordinator"): 302,
    }


def test_account_posts_need_login(client):
    for url in [
        reverse("accounts:api_token"),
        reverse("accounts:membership_request"),
        reverse("accounts:membership_leave", args=[1]),
        reverse("privacy:erase"),
    ]:
        assert outcome(client.post(url)) == LOGIN, url


def test_get_on_post_only_views_is_405(client_for, member):
    client = client_for(member)
    assert client.get(reverse("accounts:api_token")).status_code == 405
    assert client.get(reverse("accounts:membership_request")).status_code == 405


def test_knowledge_matrix(client, client_for, people):
    """The library, the handbook and reports are public; drafting is for members, a draft for its owner
    (and coordinators may preview it), verification for coordinators; drafts are nobody's public page."""
    from tests.factories.knowledge import make_chapter, make_handbook, make_practice, make_report

    draft = make_practice(publish=False, owner=people["member"])
    live = make_practice()
    handbook = make_handbook()
    chapter = make_chapter(handbook)
    report = make_report()
    matrix = {
        "/dobre-praktyki/": (200, 200, 200, 200),
        live.url: (200, 200, 200, 200),
        f"/dobre-praktyki/{draft.slug}/": (404, 404, 404, 404),
        reverse("knowledge:practice_create"): (LOGIN, 200, 200, 403),
        reverse("knowledge:my_practices"): (LOGIN, 200, 200, 200),
        reverse("knowledge:practice_edit", args=[draft.pk]): (LOGIN, 200, 403, 403),
        reverse("knowledge:practice_preview", args=[draft.pk]): (LOGIN, 200, 403, 200),
        reverse("knowledge:practice_verify", args=[live.pk]): (LOGIN, 403, 403, 200),
        reverse("knowledge:practice_verify", args=[draft.pk]): (LOGIN, 403, 403, 403),
        "/wiedza/podrecznik/": (302, 302, 302, 302),
        handbook.url: (200, 200, 200, 200),
        chapter.url: (200, 200, 200, 200),
        f"{handbook.url}druk/": (200, 200, 200, 200),
        "/raporty/": (200, 200, 200, 200),
        report.url: (200, 200, 200, 200),
        reverse("api:practice-list"): (200, 200, 200, 200),
        reverse("api:practice-detail", args=[live.pk]): (200, 200, 200, 200),
        reverse("api:practice-detail", args=[draft.pk]): (404, 404, 404, 404),
    }
    got = {
        url: tuple(get_as(client, client_for, person, url) for person in people.values()) for url in matrix
    }
    assert got == matrix
