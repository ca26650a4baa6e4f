"""The index follows the content: publishing, unpublishing, deleting, view restrictions and directory edits
reach search after the commit, and the management commands rebuild and check it."""

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from search import api
from search.models import SearchEntry, SearchOutbox
from tests.factories import OrganisationFactory, ServiceFactory
from tests.factories.knowledge import make_chapter, make_handbook, make_practice, make_report

pytestmark = pytest.mark.django_db


def titles(text: str, user=None, **options) -> list[str]:
    return [hit.title for hit in api.search(api.make_query(text, user=user, **options)).hits]


def test_a_published_practice_is_found_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_practice(title="Edukacja włączająca w gminach MOF")
        assert titles("edukacji włączającej") == []  # not before the commit
    for callback in callbacks:
        callback()
    assert titles("edukacji włączającej") == ["Edukacja włączająca w gminach MOF"]


def test_unpublishing_and_deleting_take_the_page_out(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        practice = make_practice(title="Centrum Aktywności Lokalnej w Wałbrzychu")
        report = make_report(title="Raport o centrach aktywności lokalnej")
    assert len(titles("centrów aktywności lokalnej")) == 2
    with django_capture_on_commit_callbacks(execute=True):
        practice.unpublish()
    assert titles("centrów aktywności lokalnej") == ["Raport o centrach aktywności lokalnej"]
    with django_capture_on_commit_callbacks(execute=True):
        report.delete()
    assert titles("centrów aktywności lokalnej") == []
    assert not SearchEntry.objects.exists()


def test_a_draft_is_never_found(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(title="Szkic praktyki o transporcie", publish=False)
    assert titles("transport") == []


def test_a_login_restriction_hides_the_page_from_anonymous_users(django_capture_on_commit_callbacks, member):
    with django_capture_on_commit_callbacks(execute=True):
        practice = make_practice(title="Rada seniorów w gminie wiejskiej")
    assert titles("rada seniorów") == ["Rada seniorów w gminie wiejskiej"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.LOGIN)
    assert titles("rada seniorów") == []
    assert titles("rada seniorów", user=member) == ["Rada seniorów w gminie wiejskiej"]
    assert api.suggest("rada sen")[0] == []
    assert [s.title for s in api.suggest("rada sen", user=member)[0]] == ["Rada seniorów w gminie wiejskiej"]


def test_a_group_restriction_lets_only_that_group_find_it(django_capture_on_commit_callbacks, member, user):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Uczestnicy cyklu")
    member.groups.add(group)
    with django_capture_on_commit_callbacks(execute=True):
        handbook = make_handbook()
        chapter = make_chapter(handbook, title="Wewnętrzne notatki o monitorowaniu strategii")
        restriction = PageViewRestriction.objects.create(
            page=handbook, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(group)
        restriction.save()
    assert titles("monitorowanie strategii", user=member) == [chapter.title]
    assert titles("monitorowanie strategii", user=user) == []
    assert titles("monitorowanie strategii") == []


def test_a_password_protected_page_is_found_by_nobody(django_capture_on_commit_callbacks, member):
    with django_capture_on_commit_callbacks(execute=True):
        practice = make_practice(title="Tajny plan rewitalizacji")
        PageViewRestriction.objects.create(
            page=practice, restriction_type=PageViewRestriction.PASSWORD, password="sekret"
        )
    assert titles("rewitalizacja", user=member) == []


def test_directory_changes_reach_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        org = OrganisationFactory(name="Gmina Miejska Kraków", slug="krakow", latitude=50.06, longitude=19.94)
        ServiceFactory(organisation=org, name="Punkt nieodpłatnej pomocy prawnej")
    assert titles("krakow") == ["Gmina Miejska Kraków", "Punkt nieodpłatnej pomocy prawnej"]
    assert titles("pomocy prawnej") == ["Punkt nieodpłatnej pomocy prawnej"]
    with django_capture_on_commit_callbacks(execute=True):
        org.name = "Miasto Kraków"
        org.save()
    assert titles("krakow", types=["organisation"]) == ["Miasto Kraków"]
    with django_capture_on_commit_callbacks(execute=True):
        org.delete()
    assert titles("krakow") == [] and titles("pomoc prawna") == []


def test_merged_duplicates_leave_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kept = OrganisationFactory(name="Związek ZIT Aglomeracji Wałbrzyskiej", slug="zit-aw")
        duplicate = OrganisationFactory(name="ZIT Aglomeracji Wałbrzyskiej (duplikat)", slug="zit-aw-2")
    assert len(titles("aglomeracja wałbrzyska")) == 2
    with django_capture_on_commit_callbacks(execute=True):
        duplicate.merged_into = kept
        duplicate.save()
    assert titles("aglomeracja wałbrzyska") == [kept.name]


def test_rebuild_and_check_commands(capsys):
    # Created without the after-commit hooks: the index is behind the content, and the check says so.
    make_practice(title="Transport publiczny w MOF")
    OrganisationFactory(name="Miasto Łódź", slug="lodz")
    with pytest.raises(SystemExit):
        call_command("search_check")
    assert "practice" in capsys.readouterr().out
    call_command("search_rebuild")
    assert "database: 2 documents" in capsys.readouterr().out
    call_command("search_check")
    assert "search indexes match the content" in capsys.readouterr().out
    assert titles("łodzi") == ["Miasto Łódź"]


def test_changes_elasticsearch_misses_wait_in_the_outbox(settings, django_capture_on_commit_callbacks):
    settings.SEARCH = {**settings.SEARCH, "ELASTICSEARCH_URL": "http://127.0.0.1:9", "TIMEOUT": 0.5}
    api.breaker.recovered()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            practice = make_practice(title="Cyfrowe usługi publiczne w MOF")
        # The database index took the change; Elasticsearch did not, so the key waits.
        assert SearchEntry.objects.filter(title="Cyfrowe usługi publiczne w MOF").exists()
        assert SearchOutbox.objects.filter(key=f"practice:{practice.pk}").exists()
        results = api.search(api.make_query("cyfrowe usługi"))
        assert results.degraded and [h.title for h in results.hits] == ["Cyfrowe usługi publiczne w MOF"]
    finally:
        api.breaker.recovered()


def test_suggestions_are_kept_only_until_the_index_changes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(title="Rewitalizacja śródmieścia Wałbrzycha")
    assert [s.title for s in api.suggest("rewital")[0]] == ["Rewitalizacja śródmieścia Wałbrzycha"]
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(title="Rewitalizacja osiedli w Łodzi")
    assert {s.title for s in api.suggest("rewital")[0]} == {
        "Rewitalizacja śródmieścia Wałbrzycha",
        "Rewitalizacja osiedli w Łodzi",
    }
