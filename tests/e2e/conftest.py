"""Browser fixtures: Playwright driving Debian's Chromium against pytest-django's live server, and axe."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("ZITNET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from django.db import connections

    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections
    }
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make test`, which installs it.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in tests are still sync.
    # Restored afterwards: Django's deploy check (run by another test) refuses this variable.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # With Playwright's event loop running, Django hands this thread new connection objects (asgiref's
            # Local is per context). They must know what the test database was serialized to, or
            # serialized_rollback neither restores the migrations' data after a flush nor stops post_migrate.
            for alias, contents in serialized.items():
                if contents is not None:
                    connections[alias]._test_serialized_contents = contents
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


_axe = Axe()


def assert_accessible(page) -> None:
    """Run axe-core on the page as it is now; fail on any serious or critical violation."""
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in blocking
    )
    assert not blocking, f"axe found serious/critical violations on {page.url}:\n{details}"


@pytest.fixture
def visit(page):
    """Open a path and check it with axe; returns the page."""

    def go(path: str):
        page.goto(path)
        assert_accessible(page)
        return page

    return go


@pytest.fixture
def session(browser, live_server):
    """Open a separate signed-in browser session for a person: `session(user)`, or `session(user, secret)` for
    those who sign in with a TOTP code."""
    from tests.e2e.test_account_flow import log_in
    from tests.e2e.test_knowledge import log_in_with_code

    contexts = []

    def open_as(user, secret=None):
        context = browser.new_context(base_url=live_server.url, locale="pl-PL")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if secret:
            log_in_with_code(page, user, secret)
        else:
            log_in(page, user)
        return page

    yield open_as
    for context in contexts:
        context.close()
