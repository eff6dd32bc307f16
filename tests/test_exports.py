"""Exports of the current filter (parsed back with csv, json and icalendar) and the SVG chart."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from xml.etree import ElementTree

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import chart as charts
from events.models import Event
from tests.charting import FILTERS, chart_and_list, varied_events
from tests.factories import make_actor, make_article, make_event, make_mention

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def body(response) -> str:
    assert response.status_code == 200
    assert response.streaming, "exports are streamed"
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def world():
    article = make_article(
        ["Leaders held a summit in Singapore on Tuesday.", "Talks will follow next month, officials said."],
        title="Singapore summit", published=date(2018, 6, 13), outlet="Demo Wire",
    )
    other = make_article(["The summit ended with a signed statement."], title="Second report",
                         published=date(2018, 6, 14))
    trump, kim = make_actor("Donald Trump", role="President"), make_actor("Kim Jong-un")
    summit = make_event(Event.Type.SUMMIT, date(2018, 6, 12), participants=[trump, kim], location="Singapore",
                        date_text="on Tuesday", confidence=0.9 + 0.05)  # 0.9500000000000001
    make_mention(summit, article, 0, "summit")
    make_mention(summit, other, 0, "summit")
    talks = make_event(Event.Type.TALKS, date(2018, 7, 1), date(2018, 7, 31), participants=[trump, kim],
                       status=Event.Status.PLANNED, granularity="month")
    make_mention(talks, article, 1, "Talks")
    before = make_event(Event.Type.SIGNING, None, date(2006, 5, 31), participants=[trump], granularity="month")
    call = make_event(Event.Type.PHONE_CALL, date(2016, 12, 2), participants=[trump])
    return {"summit": summit, "talks": talks, "before": before, "call": call, "article": article, "other": other}


def export_url(fmt, **params):
    return reverse("events:export", args=[fmt]), params


def test_csv_has_one_row_per_event_of_the_filter_with_its_sources(client, world):
    url, params = export_url("csv", participant=make_actor("Kim Jong-un").pk)
    response = client.get(url, params)
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="diplomatic-events.csv"' == response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert [int(r["id"]) for r in rows] == [world["summit"].pk, world["talks"].pk]
    summit = rows[0]
    assert summit["participants"] == "Donald Trump; Kim Jong-un" and summit["location"] == "Singapore"
    assert summit["date"] == "Tue 12 Jun 2018" and summit["date_earliest"] == "2018-06-12"
    assert summit["source_count"] == "2" and summit["confidence"] == "0.95"
    sources = summit["sources"].split("\n")
    assert sources[0].startswith("Singapore summit (Demo Wire, 2018-06-13, ¶1) http://testserver/articles/")
    assert sources[1].startswith("Second report (Test Wire, 2018-06-14, ¶1) http://testserver/articles/")
    assert summit["evidence"] == "Leaders held a summit in Singapore on Tuesday."
    assert rows[1]["status"] == "planned" and rows[1]["granularity"] == "month"


def test_json_has_the_fields_of_extract(client, world):
    url, params = export_url("json", type="summit")
    data = json.loads(body(client.get(url, params)))
    (event,) = data["events"]
    extract_fields = {"type", "status", "date", "participants", "location", "paragraph", "evidence", "trigger",
                      "confidence", "reasons", "actors", "mentions", "extractor_version"}
    assert extract_fields <= set(event)
    assert set(event["date"]) == {"text", "value", "earliest", "latest", "granularity"}
    assert event["date"]["earliest"] == "2018-06-12" and event["date"]["text"] == "on Tuesday"
    assert event["participants"] == ["Donald Trump", "Kim Jong-un"]
    assert event["actors"][0] == {"name": "Donald Trump", "kind": "person", "role": "President"}
    assert event["paragraph"] == 0 and event["trigger"] == "summit"
    assert [m["article"]["title"] for m in event["mentions"]] == ["Singapore summit", "Second report"]
    assert event["mentions"][0]["trigger_span"] == [15, 21]


def test_json_of_no_events_is_valid(client, world):
    url, params = export_url("json", q="nothingmatchesthis")
    assert json.loads(body(client.get(url, params))) == {"events": []}


def test_icalendar_has_one_vevent_per_dated_event_all_day_with_planned_ones_and_source_links(client, world):
    url, _ = export_url("ics")
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(body(response))
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    # The open-ended signing ('before May 2006') has no place in a calendar; the others each have one.
    assert set(events) == {f"event-{world[k].pk}@testserver" for k in ("summit", "talks", "call")}
    summit = events[f"event-{world['summit'].pk}@testserver"]
    assert summit.decoded("dtstart") == date(2018, 6, 12) and summit.decoded("dtend") == date(2018, 6, 13)
    assert "Summit: Donald Trump, Kim Jong-un" == str(summit["summary"])
    assert "http://testserver/articles/" in str(summit["description"]) and str(summit["location"]) == "Singapore"
    talks = events[f"event-{world['talks'].pk}@testserver"]
    assert str(talks["status"]) == "TENTATIVE" and "(planned)" in str(talks["summary"])
    assert talks.decoded("dtstart") == date(2018, 7, 1) and talks.decoded("dtend") == date(2018, 8, 1)


def test_timelinejs_slides(client, world):
    url, _ = export_url("timelinejs")
    data = json.loads(body(client.get(url)))
    slides = {s["unique_id"]: s for s in data["events"]}
    assert data["title"]["text"]["headline"]
    summit = slides[f"event-{world['summit'].pk}"]
    assert summit["start_date"] == {"year": 2018, "month": 6, "day": 12, "display_date": "Tue 12 Jun 2018"}
    assert summit["group"] == "Summit" and "<blockquote>" in summit["text"]["text"]
    assert slides[f"event-{world['talks'].pk}"]["start_date"] == {"year": 2018, "month": 7, "display_date": "Jul 2018"}
    assert slides[f"event-{world['before'].pk}"]["start_date"]["display_date"] == "before May 2006"


def test_unknown_export_format_is_404(client):
    assert client.get("/export.xlsx").status_code == 404


def test_the_timeline_links_each_export_with_its_filters(client, world):
    html = client.get("/", {"type": "summit"}).content.decode()
    for fmt in ("csv", "json", "ics", "timelinejs"):
        assert f'href="/export.{fmt}?type=summit"' in html


def test_export_walks_every_event_once_in_batches_with_queries_per_batch_not_per_event(client, monkeypatch):
    monkeypatch.setattr("events.exports.EXPORT_BATCH", 7)
    article = make_article()
    start = date(2010, 1, 1)
    for i in range(40):
        e = make_event(Event.Type.MEETING, start + timedelta(days=i % 13), participants=[f"P{i % 5}"])
        make_mention(e, article, 0)
    for _ in range(3):
        make_event(Event.Type.VISIT, None, None)
    expected = list(Event.objects.in_timeline_order().values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as ctx:
        rows = list(csv.DictReader(io.StringIO(body(client.get("/export.csv")))))
    assert [int(r["id"]) for r in rows] == expected
    batches = -(-len(expected) // 7)
    assert len(ctx.captured_queries) <= 4 * (batches + 1) + 2


# --- chart ----------------------------------------------------------------------------------------


def test_chart_counts_precise_and_fuzzy_apart_and_open_intervals_as_undated(world):
    counts, undated = charts.month_counts(Event.objects.all())
    assert counts == {"2018-06": [1, 0], "2018-07": [0, 1], "2016-12": [1, 0]}
    assert undated == 1
    chart = charts.build(counts, undated)
    assert chart.unit == "month" and chart.bars[0].key == "2016-12" and chart.bars[-1].key == "2018-07"
    assert len(chart.bars) == 20  # empty months drawn too
    assert chart.dated == 3 and chart.max_total == 1


def test_chart_has_a_bar_per_year_over_a_long_range():
    chart = charts.build({"1990-03": [2, 0], "2016-06": [1, 3]}, 0)
    assert chart.unit == "year" and [b.key for b in chart.bars][:2] == ["1990", "1991"] and len(chart.bars) == 27
    assert chart.bars[-1].total == 4 and chart.bars[-1].fuzzy == 3


def test_chart_svg_bars_link_to_their_month_keeping_the_other_filters(client, world):
    html = client.get(reverse("events:chart"), {"participant": make_actor("Donald Trump").pk}, HTTP_HX_REQUEST="true")
    fragment = html.content.decode()
    svg = ElementTree.fromstring(re.search(r"<svg.*?</svg>", fragment, re.S).group(0))
    links = {a.get("data-key"): a.get("href") for a in svg.iter(f"{SVG}a")}
    assert links["2018-06"] == (
        f"/?participant={make_actor('Donald Trump').pk}&date_from=2018-06-01&date_to=2018-06-30"
    )
    fuzzy = [r for r in svg.iter(f"{SVG}rect") if "bar-fuzzy" in r.get("class", "")]
    precise = [r for r in svg.iter(f"{SVG}rect") if "bar-precise" in r.get("class", "")]
    assert len(fuzzy) == 1 and len(precise) == 2
    assert "1 event with an open or unknown date is not drawn" in fragment


def test_chart_within_a_date_filter_stays_in_its_range(client, world):
    html = client.get(reverse("events:chart"), {"date_from": "2018-06-01", "date_to": "2018-12-31"}).content.decode()
    keys = re.findall(r'data-key="([^"]+)"', html)
    assert keys[0] == "2018-06" and keys[-1] == "2018-12"


def test_chart_query_count_does_not_grow_with_events(client, world):
    def n():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("events:chart")).status_code == 200
        return len(ctx.captured_queries)

    few = n()
    for i in range(30):
        make_event(Event.Type.VISIT, date(2012, 1 + i % 12, 1 + i))
    assert n() == few


def test_admin_confidence_column_shows_two_decimals(admin_client, world):
    html = admin_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert '<td class="field-confidence_display">0.95</td>' in html
    assert "0.9500000000000001" not in html


# --- chart counts kept in a table ---------------------------------------------------------------


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_chart_from_the_table_of_counts_equals_counting_the_events(params):
    varied_events()
    from_table, direct, listed = chart_and_list(params)
    assert from_table == (direct[0], direct[1], 0)
    assert sum(p + f for p, f in direct[0].values()) + direct[1] == listed


def test_chart_counts_follow_edits_rejections_and_deletions():
    from events.models_chart import ChartCount, rebuild

    def cells():
        return {(c.month, c.type, c.status, c.verified, c.kind): c.n for c in ChartCount.objects.filter(n__gt=0)}

    event = make_event(Event.Type.SUMMIT, date(2018, 6, 12))
    assert cells() == {(201806, "summit", "occurred", False, "precise"): 1}
    event.date_earliest, event.date_latest, event.granularity = date(2018, 7, 1), date(2018, 7, 31), "month"
    event.save()
    assert cells() == {(201807, "summit", "occurred", False, "fuzzy"): 1}
    loaded = Event.objects.only("id").get(pk=event.pk)  # counted fields deferred: the stored row is read
    loaded.type = Event.Type.TALKS
    loaded.save(update_fields=["type"])
    assert cells() == {(201807, "talks", "occurred", False, "fuzzy"): 1}
    event.refresh_from_db()
    event.rejected = True
    event.save()
    assert cells() == {}
    event.rejected = False
    event.save()
    other = make_event(Event.Type.MEETING, None, None)
    assert cells() == {(201807, "talks", "occurred", False, "fuzzy"): 1, (0, "meeting", "occurred", False, "undated"): 1}
    Event.objects.filter(pk=other.pk).delete()
    assert cells() == {(201807, "talks", "occurred", False, "fuzzy"): 1}
    # A bulk change bypasses the signals; the rebuild recounts.
    Event.objects.filter(pk=event.pk).update(verified=True)
    rebuild()
    assert cells() == {(201807, "talks", "occurred", True, "fuzzy"): 1}


def test_rebuild_timeline_tables_command_recounts_the_chart_and_copies_participations():
    from django.core.management import call_command

    from events.models import ActorChartCount, ActorTimeline, ChartCount

    kim = make_actor("Kim Jong-un")
    make_event(Event.Type.SUMMIT, date(2018, 6, 12), participants=[kim, make_actor("Donald Trump")])
    make_event(Event.Type.SUMMIT, date(2018, 6, 13), participants=[kim])
    ChartCount.objects.all().delete()
    ActorTimeline.objects.all().delete()
    ActorChartCount.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_timeline_tables", stdout=out)
    assert "1 chart cells counted, 2 actor chart cells counted, 3 actor timeline rows copied" in out.getvalue()
    assert ChartCount.objects.get().n == 2
    assert ActorChartCount.objects.get(actor=kim).n == 2
    assert sorted(ActorTimeline.objects.filter(actor=kim).values_list("sort_date", flat=True)) == [
        date(2018, 6, 12), date(2018, 6, 13)]
