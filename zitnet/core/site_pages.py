"""Paths of the pages every deployment has (created by a knowledge migration, edited in Wagtail)."""

ACCESSIBILITY_STATEMENT_SLUG = "deklaracja-dostepnosci"
PRIVACY_NOTICE_SLUG = "polityka-prywatnosci"
ACCESSIBILITY_STATEMENT_PATH = f"/{ACCESSIBILITY_STATEMENT_SLUG}/"
PRIVACY_NOTICE_PATH = f"/{PRIVACY_NOTICE_SLUG}/"
# The knowledge libraries (created by knowledge's migration 0004) and the current handbook's stable address.
PRACTICE_LIBRARY_PATH = "/dobre-praktyki/"
REPORT_LIBRARY_PATH = "/raporty/"
