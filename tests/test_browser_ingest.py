"""Staff ingest in a real browser, with a real worker: paste an article, watch its job go from queued to
stored through the htmx-polled status fragment, follow an extracted event to the timeline."""
from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User

from tests import workers
from tests.test_browser import browser, page  # noqa: F401 - the shared Chromium fixtures
from tests.workers import article_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def db_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _log_in(page, live_server):  # noqa: F811
    User.objects.create_user("desk", password="desk-password", is_staff=True)
    page.goto(live_server.url + "/admin/login/?next=/ingest/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "desk-password")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/ingest/$"))


def test_staff_paste_an_article_and_see_its_events_on_the_timeline(live_server, page, db_queue, tmp_path):  # noqa: F811
    _log_in(page, live_server)
    page.fill("#id_text", article_text(11))
    page.fill("#id_published", "2019-03-04")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/ingest/jobs/\d+/$"))
    status = page.locator("#job-status")
    assert status.get_attribute("data-status") == "queued"  # returned at once: no worker has run yet
    assert "Waiting for a worker" in status.inner_text()
    worker = workers.db_worker()
    try:
        page.wait_for_selector("#job-status[data-status=stored]", timeout=90_000)  # polled, no reload
    finally:
        workers.kill(worker)
    text = page.locator("#job-status").inner_text()
    assert "Stored" in text and "Anna Lindqvist" in text
    page.screenshot(path=str(tmp_path / "ingest-job-stored.png"), full_page=True)
    page.locator(".job-events a").first.click()
    page.wait_for_url(re.compile(r"/\?after=.*#event-\d+$"))
    event_id = page.url.rsplit("#", 1)[1]
    assert "Anna Lindqvist" in page.locator(f"#{event_id}").inner_text()
