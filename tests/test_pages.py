"""Actor pages, the articles index, error pages, day-first dates, the reversed range and full-text search."""
from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.dates import parse_day_first
from events.models import Event
from tests.factories import make_actor, make_article, make_event, make_mention

pytestmark = pytest.mark.django_db
URL = reverse("events:timeline")


def event_ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'id="event-(\d+)"', html)]


def queries(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


@pytest.fixture
def trio():
    article = make_article(
        ["Xi Jinping and David Cameron had a pint at a pub near Chequers on Thursday.",
         "The president laid a wreath at the Tomb of the Unknown Warrior."],
        title="Xi goes to Chequers", published=date(2015, 10, 24), outlet="Demo Wire",
    )
    xi = make_actor("Xi Jinping", role="President")
    xi.add_alias("President Xi")
    cameron, queen = make_actor("David Cameron", role="Prime Minister"), make_actor("Elizabeth II")
    pub = make_event(Event.Type.MEETING, date(2015, 10, 22), participants=[xi, cameron], location="Buckinghamshire")
    make_mention(pub, article, 0, "had a pint")
    wreath = make_event(Event.Type.CEREMONY, date(2015, 10, 21), participants=[xi])
    make_mention(wreath, article, 1, "laid a wreath")
    banquet = make_event(Event.Type.CEREMONY, date(2015, 10, 20), participants=[xi, queen, cameron])
    other = make_event(Event.Type.PHONE_CALL, date(2016, 1, 5), participants=[cameron, queen])
    return {"article": article, "xi": xi, "cameron": cameron, "queen": queen, "pub": pub, "wreath": wreath,
            "banquet": banquet, "other": other}


# --- actor pages ----------------------------------------------------------------------------------


def test_actor_page_shows_who_they_are_their_events_and_whom_they_met(client, trio):
    html = client.get(reverse("events:actor", args=[trio["xi"].pk])).content.decode()
    assert "<h1>Xi Jinping</h1>" in html and "President" in html and "Person" in html
    assert "President Xi" in html  # an alias
    assert event_ids(html) == [trio["banquet"].pk, trio["wreath"].pk, trio["pub"].pk]
    met = re.findall(r'<li><a href="/actors/(\d+)/">([^<]+)</a> <span class="met-count"[^>]*>(\d+)</span>', html)
    assert met == [(str(trio["cameron"].pk), "David Cameron", "2"), (str(trio["queen"].pk), "Elizabeth II", "1")]
    assert "3 events with Xi Jinping." in html


def test_actor_page_pages_with_load_more_on_its_own_address(client, trio, settings):
    settings.TIMELINE_PAGE_SIZE = 2
    url = reverse("events:actor", args=[trio["xi"].pk])
    html = client.get(url).content.decode()
    assert event_ids(html) == [trio["banquet"].pk, trio["wreath"].pk]
    nxt = re.search(r'id="load-more".*?href="([^"]+)"', html, re.S).group(1).replace("&amp;", "&")
    assert nxt.startswith(url + "?after=")
    assert event_ids(client.get(nxt).content.decode()) == [trio["pub"].pk]


def test_article_page_links_participants_to_their_actor_pages(client, trio):
    html = client.get(reverse("events:article", args=[trio["article"].pk])).content.decode()
    assert f'href="/actors/{trio["cameron"].pk}/"' in html


def test_actor_page_query_count_does_not_grow_with_events(client, trio):
    url = reverse("events:actor", args=[trio["xi"].pk])
    few = queries(client, url)
    for day in range(1, 25):
        e = make_event(Event.Type.TALKS, date(2017, 3, day), participants=[trio["xi"], make_actor(f"Envoy {day}")])
        make_mention(e, make_article(), 0)
    assert queries(client, url) == few


def test_missing_actor_and_article_get_the_sites_404_page_even_with_debug_on(client, settings):
    settings.DEBUG = True
    for url in ("/actors/999999/", "/articles/999999/"):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert 'class="error-page"' in html and "Back to the timeline" in html and "Traceback" not in html


def test_500_page_renders_without_a_request_or_database(settings):
    html = render_to_string("500.html")
    assert "Something went wrong" in html and "app.css" in html


# --- articles index -------------------------------------------------------------------------------


def test_articles_index_newest_first_with_event_counts_and_pages(client, trio, monkeypatch):
    old = make_article(title="An older report", published=date(2001, 1, 1))
    make_mention(trio["banquet"], old, 0)
    make_mention(trio["other"], old, 1)
    html = client.get(reverse("events:articles")).content.decode()
    rows = re.findall(r'<td><a href="/articles/(\d+)/">([^<]+)</a></td>.*?<td class="num">(\d+)</td>', html, re.S)
    assert rows == [(str(trio["article"].pk), "Xi goes to Chequers", "2"), (str(old.pk), "An older report", "2")]
    monkeypatch.setattr("events.views.articles.ARTICLES_PER_PAGE", 1)
    html = client.get(reverse("events:articles"), {"page": 2}).content.decode()
    assert "An older report" in html and "Xi goes to Chequers" not in html and "Page 2 of 2" in html


def test_articles_index_query_count_does_not_grow(client, trio):
    few = queries(client, reverse("events:articles"))
    for i in range(20):
        make_mention(trio["other"], make_article(title=f"Report {i}"), 0)
    assert queries(client, reverse("events:articles")) == few


# --- dates, range, count wording ------------------------------------------------------------------


@pytest.mark.parametrize("text,end,expected", [
    ("2016-06-07", False, date(2016, 6, 7)),
    ("07/06/2016", False, date(2016, 6, 7)),
    ("7.6.2016", False, date(2016, 6, 7)),
    ("7 Jun 2016", False, date(2016, 6, 7)),
    ("Tue 7 Jun 2016", False, date(2016, 6, 7)),
    ("7 June, 2016", False, date(2016, 6, 7)),
    ("June 7, 2016", False, date(2016, 6, 7)),
    ("Jun 2016", False, date(2016, 6, 1)),
    ("Jun 2016", True, date(2016, 6, 30)),
    ("2016-02", True, date(2016, 2, 29)),
    ("2016", False, date(2016, 1, 1)),
    ("2016", True, date(2016, 12, 31)),
    ("next week", False, None),
])
def test_dates_are_read_day_first(text, end, expected):
    assert parse_day_first(text, end=end) == expected


def test_date_inputs_are_text_fields_that_show_day_first_hints(client):
    html = client.get(URL).content.decode()
    assert 'type="date"' not in html
    assert re.search(r'<input type="text" name="date_from"[^>]*placeholder="e.g. 1 Jun 2016"', html)


def test_day_first_date_filters_the_timeline(client, trio):
    html = client.get(URL, {"date_from": "21/10/2015", "date_to": "Oct 2015"}).content.decode()
    assert event_ids(html) == [trio["wreath"].pk, trio["pub"].pk]
    html = client.get(URL, {"date_from": "31/02/2015"}).content.decode()
    assert "is not a day of the calendar" in html


def test_a_reversed_date_range_says_so_and_is_ignored(client, trio):
    html = client.get(URL, {"date_from": "2016-01-01", "date_to": "2015-01-01"}).content.decode()
    assert "The date range is reversed: From (1 Jan 2016) is after To (1 Jan 2015)" in html
    assert len(event_ids(html)) == 4


def test_count_agrees_with_its_number(client, trio):
    assert "1 event matches these filters." in client.get(URL, {"type": "phone_call"}).content.decode()
    assert "2 events match these filters." in client.get(URL, {"type": "ceremony"}).content.decode()


# --- text search ----------------------------------------------------------------------------------


def test_search_finds_words_of_the_evidence_sentence_and_of_the_article_title(client, trio):
    assert event_ids(client.get(URL, {"q": "wreath"}).content.decode()) == [trio["wreath"].pk]
    # Stemmed: 'wreaths' finds 'wreath'; the title 'Xi goes to Chequers' finds both of its events.
    assert event_ids(client.get(URL, {"q": "Wreaths"}).content.decode()) == [trio["wreath"].pk]
    assert event_ids(client.get(URL, {"q": "chequers"}).content.decode()) == [trio["wreath"].pk, trio["pub"].pk]
    # Every word must match somewhere in the event: a name and a word of its sentence.
    assert event_ids(client.get(URL, {"q": "cameron pint"}).content.decode()) == [trio["pub"].pk]
    assert event_ids(client.get(URL, {"q": "cameron wreath"}).content.decode()) == []
    # The last word is a prefix (as one types); stop words are not searched in the text.
    assert event_ids(client.get(URL, {"q": "the wrea"}).content.decode()) == [trio["wreath"].pk]
    # FTS syntax in the query is read as plain words, not obeyed.
    assert client.get(URL, {"q": 'wreath OR "pint'}).status_code == 200
    assert event_ids(client.get(URL, {"q": "buckingham"}).content.decode()) == [trio["pub"].pk]


@pytest.mark.parametrize("id_list_max", [0, 1, 2000])
def test_search_finds_the_same_events_whether_its_matches_are_listed_or_left_as_a_subquery(
        client, trio, monkeypatch, id_list_max):
    from events import search

    monkeypatch.setattr(search, "ID_LIST_MAX", id_list_max)
    assert event_ids(client.get(URL, {"q": "chequers"}).content.decode()) == [trio["wreath"].pk, trio["pub"].pk]
    assert event_ids(client.get(URL, {"q": "cameron pint"}).content.decode()) == [trio["pub"].pk]
    assert event_ids(client.get(URL, {"q": "cameron wreath"}).content.decode()) == []
    assert event_ids(client.get(URL, {"q": "nothingmatches"}).content.decode()) == []


def test_search_index_follows_edits_and_deletions(client, trio):
    pub = trio["pub"]
    pub.location = "Ellesborough"
    pub.save()
    assert event_ids(client.get(URL, {"q": "ellesborough"}).content.decode()) == [pub.pk]
    assert event_ids(client.get(URL, {"q": "buckinghamshire"}).content.decode()) == []
    trio["wreath"].mentions.all().delete()
    assert event_ids(client.get(URL, {"q": "wreath"}).content.decode()) == []


def test_search_triggers_come_back_after_sqlite_rebuilds_a_table():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL alters tables in place and keeps its indexes")
    from events.search_index import ensure_sqlite_fts

    with connection.cursor() as c:
        c.execute("DROP TRIGGER events_event_fts_ai")
        c.execute("DROP INDEX event_interval_order")
    ensure_sqlite_fts()
    event = make_event(Event.Type.VISIT, date(2019, 1, 1), location="Reykjavik")
    from events.search import matching

    assert list(matching(Event.objects.all(), "reykjavik")) == [event]
    with connection.cursor() as c:
        c.execute("SELECT name FROM sqlite_master WHERE name = 'event_interval_order'")
        assert c.fetchone()


def test_search_page_query_count_does_not_grow_with_events(client, trio):
    few = queries(client, URL + "?q=wreath")
    article = make_article(["A wreath was laid again."])
    for day in range(1, 30):
        make_mention(make_event(Event.Type.CEREMONY, date(2014, 5, day)), article, 0)
    assert queries(client, URL + "?q=wreath") == few


# --- keyset segments: every event once, in order, whatever the range and the page size -----------


def _overlaps(e, start, end):
    return (start is None or e.date_latest is None or e.date_latest >= start) and (
        end is None or e.date_earliest is None or e.date_earliest <= end
    )


def _walk(client, params, start_url=URL):
    ids, url, seen_queries = [], start_url, set()
    query = dict(params)
    while True:
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url, query).content.decode()
        seen_queries.add(len(ctx.captured_queries))
        ids += event_ids(html)
        m = re.search(r'id="load-more".*?href="[^"?]*\?([^"]+)"', html, re.S)
        if not m:
            return ids, seen_queries
        url, query = start_url + "?" + m.group(1).replace("&amp;", "&"), {}


@pytest.mark.parametrize("size", [1, 2, 5])
@pytest.mark.parametrize("start,end", [
    (None, None), (date(2015, 6, 1), None), (None, date(2015, 6, 30)), (date(2015, 6, 10), date(2015, 6, 20)),
    (date(2016, 1, 1), date(2016, 12, 31)),
])
def test_pages_walk_every_matching_event_once_in_timeline_order(client, settings, size, start, end):
    settings.TIMELINE_PAGE_SIZE = size
    d = date(2015, 6, 15)
    events = [
        make_event(Event.Type.MEETING, d), make_event(Event.Type.MEETING, d),  # two on one day
        make_event(Event.Type.VISIT, date(2015, 6, 1), date(2015, 6, 30), granularity="month"),
        make_event(Event.Type.VISIT, date(2015, 1, 1), date(2015, 12, 31), granularity="year"),
        make_event(Event.Type.TALKS, None, date(2016, 5, 31)),  # before Jun 2016
        make_event(Event.Type.TALKS, date(2014, 3, 1), None),  # after Mar 2014
        make_event(Event.Type.SUMMIT, date(2015, 5, 1)), make_event(Event.Type.SUMMIT, date(2015, 7, 1)),
        make_event(Event.Type.CEREMONY, None, None), make_event(Event.Type.CEREMONY, None, None),
    ]
    expected = [e.pk for e in Event.objects.in_timeline_order() if _overlaps(e, start, end)]
    assert len(events) == 10
    params = {k: v.isoformat() for k, v in (("date_from", start), ("date_to", end)) if v}
    ids, _ = _walk(client, params)
    assert ids == expected


def test_deep_and_date_range_pages_cost_the_same_queries_with_more_events(client, settings):
    settings.TIMELINE_PAGE_SIZE = 2
    for day in range(1, 9):
        make_event(Event.Type.MEETING, date(2015, 6, day))
    make_event(Event.Type.VISIT, date(2015, 6, 1), date(2015, 6, 30), granularity="month")
    make_event(Event.Type.TALKS, None, date(2016, 5, 31))
    params = {"date_from": "2015-06-03", "date_to": "2015-06-20"}
    _ids, few = _walk(client, params)
    for day in range(1, 28):
        make_event(Event.Type.MEETING, date(2015, 6, day))
        make_event(Event.Type.VISIT, date(2015, 6, day), date(2015, 7, day), granularity="month")
    _ids, many = _walk(client, params)
    assert few == many and len(few) <= 2  # the first page (with the count) and the later ones


# --- an actor's events through their timeline rows (events/models_actors.py) ----------------------


def _actor_world():
    kim, trump = make_actor("Kim Jong-un"), make_actor("Donald Trump")
    d = date(2015, 6, 15)
    made = [
        make_event(Event.Type.MEETING, d, participants=[kim, trump]), make_event(Event.Type.MEETING, d, participants=[kim]),
        make_event(Event.Type.VISIT, date(2015, 6, 1), date(2015, 6, 30), granularity="month", participants=[kim]),
        make_event(Event.Type.VISIT, date(2015, 1, 1), date(2015, 12, 31), granularity="year", participants=[kim]),
        make_event(Event.Type.TALKS, None, date(2016, 5, 31), participants=[kim]),
        make_event(Event.Type.TALKS, date(2014, 3, 1), None, participants=[kim]),
        make_event(Event.Type.SUMMIT, date(2015, 5, 1), participants=[kim]),
        make_event(Event.Type.SUMMIT, date(2015, 7, 1), participants=[trump]),
        make_event(Event.Type.CEREMONY, None, None, participants=[kim]), make_event(Event.Type.CEREMONY, None, None),
    ]
    return kim, trump, made


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("start,end", [
    (None, None), (date(2015, 6, 1), None), (None, date(2015, 6, 30)), (date(2015, 6, 10), date(2015, 6, 20)),
])
def test_participant_pages_walk_the_actors_events_once_in_timeline_order(client, settings, size, start, end):
    settings.TIMELINE_PAGE_SIZE = size
    kim, _trump, _made = _actor_world()
    expected = [e.pk for e in Event.objects.filter(participants=kim).in_timeline_order() if _overlaps(e, start, end)]
    params = {k: v.isoformat() for k, v in (("date_from", start), ("date_to", end)) if v}
    ids, _ = _walk(client, {**params, "participant": kim.pk})
    assert ids == expected
    if not params:
        actor_ids, _ = _walk(client, {}, start_url=reverse("events:actor", args=[kim.pk]))
        assert actor_ids == expected


def test_actor_timeline_rows_follow_participants_and_dates(client):
    from events.models import ActorTimeline

    kim, trump, made = _actor_world()

    def rows(actor):
        return sorted(ActorTimeline.objects.filter(actor=actor).values_list("event_id", "sort_date"))

    def expected(actor):
        return sorted((e.pk, e.sort_date) for e in Event.all_objects.filter(participants=actor))

    assert rows(kim) == expected(kim) and rows(trump) == expected(trump)
    summit = made[6]
    summit.date_earliest = summit.date_latest = date(2019, 1, 1)
    summit.save()
    summit.participants.remove(kim)
    summit.participants.add(trump)
    trump.events.add(made[1])  # from the actor's side
    made[0].participants.clear()
    made[2].delete()
    assert rows(kim) == expected(kim) and rows(trump) == expected(trump)
    assert (summit.pk, date(2019, 1, 1)) in rows(trump)
    html = client.get(reverse("events:actor", args=[trump.pk])).content.decode()
    assert event_ids(html) == [e.pk for e in Event.objects.filter(participants=trump).in_timeline_order()]


def test_the_actor_page_is_a_range_scan_of_the_actor_timeline_index(client, settings):
    settings.TIMELINE_PAGE_SIZE = 2
    kim, _trump, _made = _actor_world()
    for day in range(1, 28):
        make_event(Event.Type.MEETING, date(2012, 3, day), participants=[kim])
    with connection.cursor() as c:
        c.execute("ANALYZE")
    first = client.get(reverse("events:actor", args=[kim.pk])).content.decode()
    after = re.search(r'id="load-more".*?href="[^"?]*\?([^"]+)"', first, re.S).group(1).replace("&amp;", "&")
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("events:actor", args=[kim.pk]) + "?" + after)
    dated = [q["sql"] for q in ctx.captured_queries
             if q["sql"].startswith('SELECT "events_event"') and '"events_actortimeline"."sort_date" >=' in q["sql"]]
    assert dated, "the dated segment runs from the cursor on the timeline rows' columns"
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SET enable_seqscan = off")  # a few rows: make the planner show the index it would use
            c.execute("EXPLAIN " + dated[0])
            plan = "\n".join(r[0] for r in c.fetchall())
            c.execute("RESET enable_seqscan")
            assert "actor_timeline_order" in plan and "Sort" not in plan.split("Limit")[-1].split("->")[1], plan
        else:
            c.execute("EXPLAIN QUERY PLAN " + dated[0])
            plan = "\n".join(r[-1] for r in c.fetchall())
            assert "actor_timeline_order (actor_id=? AND sort_date>?)" in plan and "TEMP B-TREE" not in plan, plan


def test_met_most_is_counted_over_the_actors_latest_events_and_says_so(client, monkeypatch):
    from events.views import actors

    kim, trump, pompeo = make_actor("Kim Jong-un"), make_actor("Donald Trump"), make_actor("Mike Pompeo")
    make_event(Event.Type.MEETING, date(2015, 1, 1), participants=[kim, trump])
    make_event(Event.Type.MEETING, date(2015, 2, 1), participants=[kim, trump])
    make_event(Event.Type.MEETING, date(2019, 1, 1), participants=[kim, pompeo])
    url = reverse("events:actor", args=[kim.pk])
    html = client.get(url).content.decode()
    assert re.findall(r'<li><a href="/actors/\d+/">([^<]+)</a>', html) == ["Donald Trump", "Mike Pompeo"]
    assert "most recent events" not in html
    monkeypatch.setattr(actors, "MET_OVER", 1)
    html = client.get(url).content.decode()
    assert re.findall(r'<li><a href="/actors/\d+/">([^<]+)</a>', html) == ["Mike Pompeo"]
    assert "Counted over their 1 most recent events." in html
