"""Guards from issue 10's mutation check for the timeline's count and htmx history (one-line changes to
events/views/timeline.py that passed every test before): each test here fails under one of them.

- "More than 1,000 events" is said from 1,001 events on, never for exactly 1,000 (nor 999);
- an htmx history restore of a later page (a cursor in the URL, HX-History-Restore-Request) gets the whole
  page, while "Load more" (the same URL without the restore header) gets the bare page fragment.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from events.models import Event

pytestmark = pytest.mark.django_db

URL = reverse("events:timeline")
HTMX = {"HTTP_HX_REQUEST": "true"}


def make_events(n: int) -> None:
    start = date(2015, 1, 1)
    Event.objects.bulk_create(
        Event(type=Event.Type.MEETING, status=Event.Status.OCCURRED, date_earliest=start + timedelta(days=i),
              date_latest=start + timedelta(days=i), granularity="day")
        for i in range(n)
    )


def summary(html: str) -> str:
    found = re.search(r'<p[^>]*id="results-summary"[^>]*>(.*?)</p>', html, re.S)
    assert found, "no results summary on the page"
    words = re.sub(r'<span class="loading-note".*?</span>', " ", found.group(1), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", words).split())


@pytest.mark.parametrize("n,said", [
    (999, "999 events."),
    (1000, "1000 events."),
    (1001, "More than 1000 events."),
])
def test_the_count_says_more_than_1000_only_above_1000(client, settings, n, said):
    settings.TIMELINE_PAGE_SIZE = 5
    make_events(n)
    response = client.get(URL)
    assert response.context["count"] == min(n, 1000)
    assert response.context["count_capped"] is (n > 1000)
    assert summary(response.content.decode()) == said


def test_the_capped_count_holds_under_filters_too(client, settings):
    settings.TIMELINE_PAGE_SIZE = 5
    make_events(1001)
    html = client.get(URL, {"type": "meeting"}).content.decode()
    assert summary(html) == "More than 1000 events match these filters."
    Event.objects.filter(pk=Event.objects.order_by("pk").first().pk).delete()
    html = client.get(URL, {"type": "meeting"}).content.decode()
    assert summary(html) == "1000 events match these filters."


def next_page_url(html: str) -> str:
    found = re.search(r'<div id="load-more".*?hx-get="([^"]+)"', html, re.S)
    assert found, "no Load more link"
    return found.group(1).replace("&amp;", "&")


def test_a_history_restore_of_a_later_page_gets_the_whole_page(client, settings):
    settings.TIMELINE_PAGE_SIZE = 2
    make_events(5)
    later = next_page_url(client.get(URL).content.decode())
    assert "after=" in later

    # "Load more": only the next events, to append
    more = client.get(later, **HTMX).content.decode()
    assert "<html" not in more and '<form id="filter-form"' not in more
    assert len(re.findall(r'id="event-\d+"', more)) == 2

    # Back to that URL after the snapshot is gone: htmx asks for it with the restore header and swaps the
    # response into the whole body, so it must be the whole page, form and all
    restored = client.get(later, **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    html = restored.content.decode()
    assert "<html" in html and '<form id="filter-form"' in html
    assert len(re.findall(r'id="event-\d+"', html)) == 2
    assert "HX-History-Restore-Request" in restored["Vary"]
