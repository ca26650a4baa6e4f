"""The site chrome, statutory pages, errors, language switch and security headers."""

import pytest
from django.urls import reverse

from zitnet.core.site_pages import ACCESSIBILITY_STATEMENT_PATH, PRIVACY_NOTICE_PATH

pytestmark = pytest.mark.django_db


def test_home_page_in_polish_with_landmarks(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pl">' in body
    assert 'href="#main">Przejdź do treści</a>' in body
    assert '<main id="main"' in body and "<header" in body and "<footer" in body
    assert "Platforma sieciująca Związków ZIT" in body or "platforma sieciująca" in body
    assert "Załóż konto" in body
    assert f'href="{ACCESSIBILITY_STATEMENT_PATH}"' in body
    assert f'href="{PRIVACY_NOTICE_PATH}"' in body


def test_statutory_pages_exist(client):
    statement = client.get(ACCESSIBILITY_STATEMENT_PATH).content.decode()
    assert "<h1>Deklaracja dostępności</h1>" in statement
    assert "Procedura wnioskowo-skargowa" in statement
    assert "WCAG 2.1" in statement
    privacy = client.get(PRIVACY_NOTICE_PATH).content.decode()
    assert "Administrator danych" in privacy


def test_navigation_shows_only_what_exists(client, client_for, member):
    anonymous = client.get("/").content.decode()
    assert "Zaloguj się" in anonymous and "Wyloguj się" not in anonymous
    assert "Panel redakcyjny" not in anonymous
    signed_in = client_for(member).get("/").content.decode()
    assert "Wyloguj się" in signed_in and "Załóż konto" not in signed_in
    assert "Panel redakcyjny" not in signed_in


def test_english_switch(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Skip to content" in body and "Sign up" in body
    assert "Polski" in body  # the way back


def test_unknown_language_is_ignored(client):
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert '<html lang="pl">' in client.get("/").content.decode()


def test_404_in_polish(client):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.content.decode()


def test_health_is_trivial(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/")
    assert response.content == b"ok"


def test_public_csp_has_no_unsafe_inline(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_editor_csp_is_relaxed_only_for_admin_paths(client):
    response = client.get("/admin/login/")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in client.get(reverse("account_login"))["Content-Security-Policy"]


def test_home_page_query_count_is_bounded(client, django_assert_max_num_queries):
    client.get("/")
    with django_assert_max_num_queries(6):
        client.get("/")


def test_no_inline_styles_or_scripts_in_our_templates():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = []
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if " style=" in text or "<style" in text or ("<script" in text and "src=" not in text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
