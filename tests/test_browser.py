"""The timeline in a real browser: htmx swaps the results and pushes the URL, source links land on their paragraph.

Needs Debian's chromium (`apt-get install -y chromium`). Where it is missing the tests skip, except
under CI (CI=true), where a missing browser is a failure.
"""
from __future__ import annotations

import os
import shutil
from datetime import date

import pytest

from events.models import Event
from tests.factories import make_actor, make_article, make_event, make_mention

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def _chromium_or_skip() -> str:
    path = shutil.which("chromium")
    if path:
        return path
    message = "chromium is not installed (apt-get install -y chromium); the browser tests need it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    executable = _chromium_or_skip()
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in these tests are ordinary
    # sync ones. Allowed for this module's tests only, not for the rest of the session.
    with pytest.MonkeyPatch.context() as mp, sync_api.sync_playwright() as p:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def events_in_db():
    filler = [f"Background paragraph {i} about the week's diplomacy. " * 6 for i in range(30)]
    article = make_article(
        ["Leaders held a summit in Singapore on Tuesday.", *filler, "The foreign ministers met on Thursday.", *filler],
        title="Summit report", published=date(2018, 6, 13),
    )
    trump, kim = make_actor("Donald Trump"), make_actor("Kim Jong-un")
    summit = make_event(Event.Type.SUMMIT, date(2018, 6, 12), participants=[trump, kim], location="Singapore")
    make_mention(summit, article, 0, "summit")
    meeting = make_event(Event.Type.MEETING, date(2018, 6, 14), participants=[make_actor("Mike Pompeo")])
    make_mention(meeting, article, 31, "met")
    call = make_event(Event.Type.PHONE_CALL, date(2016, 12, 2), participants=[trump])
    return {"article": article, "summit": summit, "meeting": meeting, "call": call}


def _event_ids(page) -> list[int]:
    return [int(x.split("-")[1]) for x in page.locator("li.event").evaluate_all("els => els.map(e => e.id)")]


def test_type_filter_updates_results_in_place_and_pushes_url(live_server, page, events_in_db):
    page.goto(live_server.url + "/")
    page.wait_for_function("() => window.htmx !== undefined")
    assert len(_event_ids(page)) == 3
    # A marker on the window survives an htmx swap but not a full page load; one on the live region shows
    # that it stays in the page (so screen readers announce its new content) while #results is replaced.
    page.evaluate("() => { window.__noReload = true; document.getElementById('results-summary').__kept = true; }")
    with page.expect_response(lambda r: "type=summit" in r.url and r.request.headers.get("hx-request") == "true"):
        page.get_by_role("checkbox", name="Summit", exact=True).check()
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 1")
    assert _event_ids(page) == [events_in_db["summit"].pk]
    assert page.evaluate("() => window.__noReload") is True
    assert page.url.endswith("/?type=summit")
    assert page.locator("#results-summary").inner_text().startswith("1 event matches these filters")
    assert page.evaluate("() => document.getElementById('results-summary').__kept") is True
    assert page.locator("[role=status]").count() == 1

    # Back in history: the full list again, still without a reload.
    page.go_back()
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 3")
    assert page.evaluate("() => window.__noReload") is True


def test_source_link_lands_on_the_paragraph(live_server, page, events_in_db):
    article, meeting = events_in_db["article"], events_in_db["meeting"]
    page.goto(live_server.url + "/")
    page.locator(f"#event-{meeting.pk} a.source-link").click()
    page.wait_for_url(f"**/articles/{article.pk}/#p-31")
    target = page.locator("#p-31")
    assert target.is_visible()
    assert page.evaluate("() => document.querySelector(':target').id") == "p-31"
    # The paragraph is scrolled into view and its trigger is marked and links back to the event.
    assert page.evaluate("() => window.scrollY") > 500
    assert 0 <= target.evaluate("el => el.getBoundingClientRect().top") < 200
    back = target.locator("a.trigger-link")
    assert back.inner_text() == "met"
    back.click()
    page.wait_for_url(f"**#event-{meeting.pk}")
    assert page.locator(f"#event-{meeting.pk}").is_visible()


def test_plain_form_submit_works_without_javascript(live_server, browser, events_in_db):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.get_by_role("checkbox", name="Phone call", exact=True).check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**/?type=phone_call")
        assert _event_ids(page) == [events_in_db["call"].pk]
    finally:
        context.close()


def test_load_more_appends_the_next_page_in_place(live_server, page, settings, events_in_db):
    settings.TIMELINE_PAGE_SIZE = 2
    for day in (1, 2, 3):
        make_event(Event.Type.VISIT, date(2019, 3, day))
    expected = list(Event.objects.in_timeline_order().values_list("pk", flat=True))
    page.goto(live_server.url + "/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.__noReload = true; }")
    url = page.url
    for shown in (4, 6):
        page.get_by_role("link", name="Load more events").click()
        page.wait_for_function(f"() => document.querySelectorAll('li.event').length === {shown}")
    assert _event_ids(page) == expected
    assert page.locator("text=End of the timeline.").is_visible()
    assert page.get_by_role("link", name="Load more events").count() == 0
    assert page.url == url and page.evaluate("() => window.__noReload") is True
    # The March 2019 heading appears once although its events came in two pages.
    assert page.locator("h3.month-heading", has_text="March 2019").count() == 1


def test_search_box_filters_as_you_type(live_server, page, events_in_db):
    page.goto(live_server.url + "/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.__noReload = true; }")
    page.get_by_label("Search").press_sequentially("pompeo", delay=30)
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 1")
    assert _event_ids(page) == [events_in_db["meeting"].pk]
    assert page.url.endswith("/?q=pompeo")
    assert page.evaluate("() => window.__noReload") is True
