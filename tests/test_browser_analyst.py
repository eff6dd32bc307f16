"""What analysts do next, in a real browser: Back keeps the form and the list together, exports, the chart,
actor pages, and the filters collapsed on a phone. Screenshots go to TEST_ARTIFACTS (default test-artifacts/).

Uses the chromium fixtures of tests/test_browser.py (skipped without chromium, a failure under CI).
"""
from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

import pytest

from events.models import Event
from tests import test_browser as _chromium
from tests.factories import make_actor, make_article, make_event, make_mention

# The chromium fixtures of tests/test_browser.py, used here under the same names.
browser = _chromium.browser
page = _chromium.page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS") or Path(__file__).resolve().parent.parent / "test-artifacts")


def screenshot(target, name: str) -> None:
    """A PNG of a page (all of it) or of one element."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = str(ARTIFACTS / f"{name}.png")
    if hasattr(target, "goto"):
        target.screenshot(path=path, full_page=True)
    else:
        target.screenshot(path=path)


@pytest.fixture
def data():
    article = make_article(
        ["Leaders held a summit in Singapore on Tuesday.", "The foreign ministers met on Thursday.",
         "The two men spoke by phone in December 2016."],
        title="Summit report", published=date(2018, 6, 15),
    )
    trump, kim, pompeo = make_actor("Donald Trump"), make_actor("Kim Jong-un"), make_actor("Mike Pompeo")
    summit = make_event(Event.Type.SUMMIT, date(2018, 6, 12), participants=[trump, kim], location="Singapore")
    make_mention(summit, article, 0, "summit")
    meeting = make_event(Event.Type.MEETING, date(2018, 6, 14), participants=[pompeo, kim])
    make_mention(meeting, article, 1, "met")
    call = make_event(Event.Type.PHONE_CALL, date(2016, 12, 2), participants=[trump])
    make_mention(call, article, 2, "spoke by phone")
    talks = make_event(Event.Type.TALKS, date(2018, 7, 1), date(2018, 7, 31), participants=[pompeo],
                       status=Event.Status.PLANNED, granularity="month")
    return {"summit": summit, "meeting": meeting, "call": call, "talks": talks, "trump": trump}


def ids(page) -> list[int]:
    return [int(x.split("-")[1]) for x in page.locator("li.event").evaluate_all("els => els.map(e => e.id)")]


def ready(page, url):
    page.goto(url)
    page.wait_for_function("() => window.htmx !== undefined")


def checkbox(page, name):
    return page.get_by_role("checkbox", name=name, exact=True)


def test_back_restores_the_form_with_the_list(live_server, page, data):
    ready(page, live_server.url + "/")
    checkbox(page, "Summit").check()
    page.wait_for_url("**/?type=summit")
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 1")
    checkbox(page, "Meeting").check()
    page.wait_for_url("**/?type=meeting&type=summit")
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 2")

    page.go_back()
    page.wait_for_url("**/?type=summit")
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 1")
    assert ids(page) == [data["summit"].pk]
    # the form comes with the list (one response): wait for the swap to settle, then read both boxes
    page.wait_for_function("() => document.querySelector('input[name=type][value=summit]').checked")
    assert checkbox(page, "Summit").is_checked() and not checkbox(page, "Meeting").is_checked()

    # The next click builds on the filter gone back to, not on a stale form.
    checkbox(page, "Phone call").check()
    page.wait_for_url("**/?type=summit&type=phone_call")
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 2")
    assert ids(page) == [data["call"].pk, data["summit"].pk]

    page.go_back()
    page.wait_for_url("**/?type=summit")
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 1")
    page.go_back()
    page.wait_for_url(live_server.url + "/")
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 4")
    assert not checkbox(page, "Summit").is_checked()


def test_an_export_link_downloads_the_current_filter(live_server, page, data, tmp_path):
    ready(page, live_server.url + "/")
    checkbox(page, "Summit").check()
    checkbox(page, "Phone call").check()
    page.wait_for_url("**/?type=summit&type=phone_call")
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 2")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    path = tmp_path / "export.csv"
    info.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert [int(r["id"]) for r in rows] == [data["call"].pk, data["summit"].pk]
    assert info.value.suggested_filename == "diplomatic-events.csv"


def test_clicking_a_chart_bar_filters_to_its_month(live_server, page, data):
    ready(page, live_server.url + "/")
    bar = page.locator('#chart a.bar-link[data-key="2018-06"]')
    bar.wait_for()
    # The chart shows the fuzzy July talks apart from the day-precise June events.
    assert page.locator('#chart a.bar-link[data-key="2018-07"] rect.bar-fuzzy').count() == 1
    assert page.locator('#chart a.bar-link[data-key="2018-06"] rect.bar-precise').count() == 1
    screenshot(page.locator("#chart"), "chart")
    bar.click()
    page.wait_for_url("**/?date_from=2018-06-01&date_to=2018-06-30")
    assert ids(page) == [data["summit"].pk, data["meeting"].pk]
    assert page.get_by_label("From", exact=True).input_value() == "2018-06-01"
    assert page.get_by_label("To", exact=True).input_value() == "2018-06-30"


def test_an_actor_page_lists_the_actors_events(live_server, page, data):
    ready(page, live_server.url + "/")
    page.locator(f"#event-{data['summit'].pk} a.actor", has_text="Donald Trump").click()
    page.wait_for_url(f"**/actors/{data['trump'].pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Donald Trump"
    assert ids(page) == [data["call"].pk, data["summit"].pk]
    assert page.locator(".met-list li").first.inner_text().startswith("Kim Jong-un")
    screenshot(page, "actor-page")


def test_on_a_phone_the_filters_collapse_behind_a_button_that_counts_them(live_server, browser, data):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        ready(page, live_server.url + "/?type=summit&q=singapore")
        toggle = page.locator(".filters-toggle")
        assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
        assert "2 active" in toggle.inner_text()
        assert not page.locator("#filter-form").is_visible()
        # The first event is on the first screen.
        assert page.locator("li.event").first.bounding_box()["y"] < 844
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390

        toggle.click()
        assert page.locator("#filter-form").is_visible() and toggle.get_attribute("aria-expanded") == "true"
        checkbox(page, "Meeting").check()
        page.wait_for_url("**/?q=singapore&type=meeting&type=summit")
        page.wait_for_function("() => document.querySelector('.filters-toggle').innerText.includes('2 active')")
        page.get_by_label("Search").fill("")
        page.wait_for_function("() => document.querySelector('.filters-toggle').innerText.includes('1 active')")
        screenshot(page, "timeline-phone")
    finally:
        context.close()


def test_screenshot_of_the_timeline(live_server, page, data):
    ready(page, live_server.url + "/")
    page.locator("#chart a.bar-link").first.wait_for()
    assert page.locator(".filters-toggle").is_hidden()  # a wide screen keeps the filters open
    screenshot(page, "timeline")
