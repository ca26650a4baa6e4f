"""Paths of the pages every deployment has (created by a knowledge migration, edited in Wagtail)."""

ACCESSIBILITY_STATEMENT_SLUG = "deklaracja-dostepnosci"
PRIVACY_NOTICE_SLUG = "polityka-prywatnosci"
ACCESSIBILITY_STATEMENT_PATH = f"/{ACCESSIBILITY_STATEMENT_SLUG}/"
PRIVACY_NOTICE_PATH = f"/{PRIVACY_NOTICE_SLUG}/"
