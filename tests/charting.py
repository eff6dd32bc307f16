"""Events and filters for the chart's tests, and the chart's counts beside the list's for one filter."""
from __future__ import annotations

from datetime import date, timedelta

from django.http import QueryDict

from events import chart as charts
from events.models import Event
from tests.factories import make_event


def varied_events():
    """Events of every kind of date around the edges of months: single days, month-long and longer intervals,
    open ends and starts, undated; two types and statuses, some verified, one rejected."""
    made = []
    days = [date(2018, 5, 31), date(2018, 6, 1), date(2018, 6, 14), date(2018, 6, 30), date(2018, 7, 1),
            date(2018, 7, 15), date(2018, 8, 31), date(2016, 12, 2)]
    for i, d in enumerate(days):
        kind = Event.Type.SUMMIT if i % 2 else Event.Type.MEETING
        status = Event.Status.PLANNED if i % 3 == 0 else Event.Status.OCCURRED
        made.append(make_event(kind, d, status=status, verified=i % 4 == 0))
        made.append(make_event(kind, d, d + timedelta(days=40), granularity="month", status=status))
        made.append(make_event(kind, d, d + timedelta(days=3), granularity="week"))
    made.append(make_event(Event.Type.TALKS, date(2018, 4, 20), None))  # open end before every range
    made.append(make_event(Event.Type.TALKS, date(2018, 6, 20), None))
    made.append(make_event(Event.Type.TALKS, None, date(2018, 6, 10)))  # open start
    made.append(make_event(Event.Type.TALKS, None, date(2018, 9, 10)))
    made.append(make_event(Event.Type.TALKS, None, None))
    make_event(Event.Type.SUMMIT, date(2018, 6, 14), rejected=True)
    return made


FILTERS = [
    {},
    {"type": ["summit"]},
    {"type": ["talks", "meeting"], "status": "occurred"},
    {"status": "planned"},
    {"verified": "on"},
    {"date_from": "2018-06-01"},
    {"date_from": "2018-06-15"},
    {"date_to": "2018-06-30"},
    {"date_to": "2018-06-20"},
    {"date_from": "2018-06-01", "date_to": "2018-06-30"},
    {"date_from": "2018-06-10", "date_to": "2018-06-20"},
    {"date_from": "2018-06-10", "date_to": "2018-07-31"},
    {"date_from": "2018-06-01", "date_to": "2018-07-20"},
    {"date_from": "2018-05-15", "date_to": "2018-08-10", "type": ["summit"]},
    {"date_from": "2017-01-01", "date_to": "2018-12-31", "status": "occurred"},
]


def chart_and_list(params: dict):
    """(the chart's counts_for, counting the list's events directly, the number of events the list has) for the
    filter of `params` (a value may be a list)."""
    from events.views.timeline import filtered_events

    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    filterset, _parts = filtered_events(query)
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    events = filterset.qs if filterset.is_bound else Event.objects.all()
    from_table = charts.counts_for(events, data, filterset.search_bounded)
    return from_table, charts.month_counts(events), events.order_by().count()
