"""Two people in two browsers on the demo platform as `make run` serves it (migrate, seed_demo, runserver: daphne
with the configured channel layer, in-memory or Redis when REDIS_URL is set): each sees the other's post appear
without reloading, who else is reading, the bell counting a mention, a moderator's hiding, and a post whose live
frame was lost arriving after a reconnect. axe checks the thread page after the live changes."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

REPO = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "zitnet-demo-2026"  # zitnet.accounts.demo.DEMO_PASSWORD, printed by `make run`
THREAD_TITLE = "Jak angażować młodzieżowe rady gmin w sprawy całego MOF?"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    """The demo platform in a server process of its own, on a fresh SQLite file, as `make run` starts it."""
    home = tmp_path_factory.mktemp("platform")
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="zitnet.settings.dev",
        DATABASE_URL=f"sqlite:///{home / 'db.sqlite3'}",
        MEDIA_ROOT=str(home / "media"),
        ZITNET_REQUIRE_TWO_FACTOR="false",
    )
    for command in (["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
        done = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *command], cwd=REPO, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"manage.py {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    port = _free_port()
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health/", timeout=2) as answer:  # noqa: S310 - http on loopback
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the platform did not start:\n{(home / 'server.log').read_text()[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture
def person(browser, platform):
    contexts = []

    def open_as(email: str):
        context = browser.new_context(base_url=platform, locale="pl-PL")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto("/konto/login/")
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Zaloguj", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Twój profil")
        return page

    yield open_as
    for context in contexts:
        context.close()


def open_thread(page) -> str:
    page.goto("/dyskusje/mlodziezowe-rady/")
    page.get_by_role("link", name=THREAD_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(THREAD_TITLE)
    # Marks this page load: still there later means the page was not reloaded.
    page.evaluate("window.__sameLoad = true")
    return page.url


def reply(page, text: str) -> None:
    page.locator("#id_body").fill(text)
    page.get_by_role("button", name="Opublikuj odpowiedź").click()
    # A mention is shown as the person's name.
    expect(page.locator(".forum-posts")).to_contain_text(re.sub(r"^@\w+ ", "", text))


def not_reloaded(page) -> bool:
    return page.evaluate("window.__sameLoad === true")


def test_two_people_see_each_others_posts_live(person):
    joanna = person("czlonek@zitnet.test")  # Joanna Kamińska, a member
    marek = person("redaktor@zitnet.test")  # Marek Kowalczyk, an organisation's editor
    open_thread(joanna)
    open_thread(marek)

    # Each sees the other reading.
    expect(joanna.locator(".forum-presence")).to_contain_text("Marek Kowalczyk")
    expect(marek.locator(".forum-presence")).to_contain_text("Joanna Kamińska")

    # Joanna posts (her page reloads on the post); Marek's page shows it without reloading, and announces it.
    reply(joanna, "W Tarnowie rada młodzieżowa opiniuje projekty ZIT od 2025 r.")
    new_post = marek.locator(".forum-post", has_text="W Tarnowie rada młodzieżowa")
    expect(new_post).to_be_visible()
    expect(new_post.locator(".forum-post__author")).to_have_text("Joanna Kamińska")
    expect(marek.locator(".forum-live__announcer")).to_have_text("Nowy wpis: Joanna Kamińska.")
    assert not_reloaded(marek)
    # Its forms work from the live copy: Marek thanks for it, with his page's CSRF token.
    new_post.get_by_role("button", name=re.compile("Dziękuję")).click()
    expect(marek.locator(".forum-post", has_text="W Tarnowie rada młodzieżowa")).to_be_visible()

    # Marek replies and mentions Joanna: her page gets the post, and her bell counts it with a link.
    open_thread(joanna)
    bell = joanna.locator(".notification-bell")
    unread = int(re.search(r"\((\d+)\)", bell.inner_text()).group(1))  # the demo left her some
    reply(marek, "@czlonek czy możesz podesłać uchwałę Rady Miasta?")
    expect(joanna.locator(".forum-posts")).to_contain_text("czy możesz podesłać uchwałę")
    expect(bell).to_have_text(f"Powiadomienia ({unread + 1})")
    expect(bell).to_have_attribute("aria-label", f"Powiadomienia ({unread + 1}), nieprzeczytane")
    expect(joanna.locator("#notification-toast")).to_contain_text("Marek Kowalczyk wspomina o Tobie")
    assert not_reloaded(joanna)
    assert_accessible(joanna)
    assert_accessible(marek)


def test_a_hidden_post_disappears_live_and_a_lost_frame_is_caught_up(person):
    joanna = person("czlonek@zitnet.test")
    piotr = person("moderator@zitnet.test")  # Piotr Zieliński, the spaces' moderator
    marek = person("redaktor@zitnet.test")

    # A frame the channel layer loses: Joanna's socket passes nothing on while Piotr writes.
    dropping = {"on": False}

    def route(ws):
        server = ws.connect_to_server()
        server.on_message(lambda message: None if dropping["on"] else ws.send(message))

    joanna.route_web_socket(re.compile(r"/ws/dyskusje/"), route)
    open_thread(joanna)
    expect(joanna.locator(".forum-presence")).to_be_hidden()  # she reads alone for now
    dropping["on"] = True
    open_thread(piotr)
    reply(piotr, "Przypominam o zasadach: bez danych osobowych uczniów.")
    joanna.wait_for_timeout(1500)
    expect(joanna.locator(".forum-posts")).not_to_contain_text("bez danych osobowych uczniów")
    dropping["on"] = False
    joanna.evaluate("window.ZITnetForumLive.drop()")  # the connection breaks; the client comes back
    expect(joanna.locator(".forum-posts")).to_contain_text("bez danych osobowych uczniów")
    assert not_reloaded(joanna)

    # Marek writes something the moderator hides: Joanna's copy loses its text at once.
    open_thread(marek)
    reply(marek, "Numer telefonu ucznia to 600 000 000.")
    marek.evaluate("window.__sameLoad = true")  # his page after posting
    expect(joanna.locator(".forum-posts")).to_contain_text("Numer telefonu ucznia")
    post = piotr.locator(".forum-post", has_text="Numer telefonu ucznia")
    post.get_by_role("link", name=re.compile("^Ukryj")).click()
    piotr.locator("form.form textarea").first.fill("Dane osobowe ucznia.")
    piotr.get_by_role("button", name="Ukryj wpis").click()
    expect(joanna.locator(".forum-posts")).not_to_contain_text("Numer telefonu ucznia")
    expect(joanna.locator(".forum-post--hidden").last).to_contain_text("ukryty przez moderatorów")
    # Its author still sees the text, and why.
    expect(marek.locator(".forum-post--hidden").last).to_contain_text("Dane osobowe ucznia.")
    assert not_reloaded(joanna) and not_reloaded(marek)
    assert_accessible(joanna)
