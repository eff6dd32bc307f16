"""The Content-Security-Policy in a real browser: every page and htmx interaction works with no violation.

Each page gets a `securitypolicyviolation` listener before any of its scripts run (page.add_init_script), and
every console message is kept: Chromium logs "Refused to ..." for each blocked script, style or eval. The
walk covers the timeline, a filter applied through htmx, "Load more", the chart loaded by htmx, an actor
page, an article page, the ingest form, and the admin (login, index, change lists, a change form, history).

Needs Debian's chromium, like tests/test_browser.py: skipped without it, except under CI (CI=true).
"""
from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from events.models import Event
from tests.factories import make_actor, make_article, make_event, make_mention
from tests.test_browser import browser  # noqa: F401 (the module-scoped fixture that launches chromium)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


class Watch:
    """The page's CSP violations (from its listener) and console errors, collected across navigations."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        self.violations: list[str] = []
        self.pages_checked = 0
        page.add_init_script(LISTENER)
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text} ({msg.location.get('url')})"))
        page.on("pageerror", lambda err: self.console.append(f"pageerror: {err}"))

    def collect(self):
        """Reads the current document's violations (call before leaving it: a navigation starts a new list)."""
        found = self.page.evaluate("() => window.__csp")
        assert found is not None, "the listener was not installed in this document"
        self.violations += [f"{self.page.url}: {v}" for v in found]
        self.pages_checked += 1

    def goto(self, url):
        response = self.page.goto(url)
        assert response.status == 200, url
        assert "default-src 'self'" in response.headers["content-security-policy"]
        return response

    def assert_clean(self):
        self.collect()
        csp_console = [m for m in self.console if "Content Security Policy" in m or "Refused to" in m]
        assert self.violations == []
        assert csp_console == []
        # Any other error too (htmx logs an eval it was not allowed as one), except the admin's favicon, which
        # Django's admin does not provide (Chromium asks for /favicon.ico; the public pages declare none).
        errors = [m for m in self.console if m.startswith(("error", "pageerror")) and "/favicon.ico)" not in m]
        assert errors == []


@pytest.fixture
def watched(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield Watch(page)
    context.close()


@pytest.fixture
def stored():
    article = make_article(
        ["Leaders held a summit in Singapore on Tuesday.", "The foreign ministers met on Thursday."],
        title="Summit report", published=date(2018, 6, 13),
    )
    trump, kim = make_actor("Donald Trump"), make_actor("Kim Jong-un")
    summit = make_event(Event.Type.SUMMIT, date(2018, 6, 12), participants=[trump, kim], location="Singapore")
    make_mention(summit, article, 0, "summit")
    meeting = make_event(Event.Type.MEETING, date(2018, 6, 14), participants=[make_actor("Mike Pompeo")])
    make_mention(meeting, article, 1, "met")
    for day in (1, 2, 3):
        make_event(Event.Type.VISIT, date(2019, 3, day), participants=[trump])
    return {"article": article, "summit": summit, "trump": trump}


def test_public_pages_and_htmx_work_under_the_policy(live_server, watched, settings, stored):
    settings.TIMELINE_PAGE_SIZE = 2
    page = watched.page
    watched.goto(live_server.url + "/")
    page.wait_for_function("() => window.htmx !== undefined")
    # htmx was told not to inject its indicator <style> (blocked by style-src 'self').
    assert page.evaluate("() => htmx.config.includeIndicatorStyles") is False
    assert page.locator("style").count() == 0
    page.evaluate("() => { window.__noReload = true; }")

    # The chart, loaded by htmx (hx-trigger="load") into its slot: an SVG styled by classes.
    page.wait_for_selector("#chart-slot svg")
    # "Load more" through htmx.
    page.get_by_role("link", name="Load more events").click()
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 4")
    # A filter through htmx (the form's change trigger), without a reload.
    with page.expect_response(lambda r: "type=summit" in r.url and r.request.headers.get("hx-request") == "true"):
        page.get_by_role("checkbox", name="Summit", exact=True).check()
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 1")
    # The search box (its own trigger: typing, not change) also goes through htmx.
    with page.expect_response(lambda r: "q=trump" in r.url and r.request.headers.get("hx-request") == "true"):
        page.get_by_label("Search").press_sequentially("trump", delay=20)
    page.wait_for_function("() => document.querySelectorAll('li.event').length === 1")
    assert page.evaluate("() => window.__noReload") is True
    watched.collect()

    watched.goto(f"{live_server.url}/actors/{stored['trump'].pk}/")
    watched.collect()
    watched.goto(f"{live_server.url}/articles/{stored['article'].pk}/")
    watched.collect()
    watched.goto(f"{live_server.url}/chart/")
    watched.collect()
    watched.goto(f"{live_server.url}/articles/")
    watched.assert_clean()
    assert watched.pages_checked == 5


def test_admin_works_under_the_policy(live_server, watched, stored):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    page = watched.page
    watched.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
    watched.collect()

    summit = stored["summit"]
    for path in (
        "/admin/events/event/",
        "/admin/events/event/?type__exact=summit",
        f"/admin/events/event/{summit.pk}/change/",
        f"/admin/events/event/{summit.pk}/history/",
        "/admin/events/actor/",
        "/admin/events/article/",
        f"/admin/events/article/{stored['article'].pk}/change/",
        "/admin/events/mention/",
        "/ingest/",
    ):
        watched.goto(live_server.url + path)
        watched.collect()

    # An edit saved through the change form (admin JavaScript: inlines, calendar, actions) records history.
    watched.goto(f"{live_server.url}/admin/events/event/{summit.pk}/change/")
    page.get_by_label("Location").fill("Sentosa, Singapore")
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    watched.collect()
    # The action bar of the change list (its select-all checkbox is driven by admin JavaScript).
    watched.goto(live_server.url + "/admin/events/event/")
    page.locator("#action-toggle").check()
    assert page.locator("input.action-select:checked").count() == Event.objects.count()
    watched.assert_clean()
    summit.refresh_from_db()
    assert summit.location == "Sentosa, Singapore"
