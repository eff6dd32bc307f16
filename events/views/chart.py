"""The chart of a filtered timeline: a page of its own, or the fragment the timeline loads through htmx."""
from __future__ import annotations

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from events import chart as charts
from events.filters import EventFilterSet
from events.models import Event
from events.views.timeline import filter_query


def _bar_href(params: QueryDict):
    base = QueryDict(filter_query(params), mutable=True)
    for name in ("date_from", "date_to"):
        base.pop(name, None)
    timeline = reverse("events:timeline")

    def href(bar) -> str:
        q = base.copy()
        q["date_from"] = bar.start.isoformat()
        q["date_to"] = bar.end.isoformat()
        return f"{timeline}?{q.urlencode()}"

    return href


def chart(request):
    filterset = EventFilterSet(request.GET or None, queryset=Event.objects.all())
    valid = filterset.is_bound and filterset.form.is_valid()
    term = charts.term_for(filterset.form.cleaned_data) if valid else None
    if term is not None:
        # A one-word search that the word's cells answer exactly: the matches are never read.
        data = filterset.form.cleaned_data
        counts, undated, _edges = charts.table_counts(data, term)
        counted = 0
    else:
        data = filterset.form.cleaned_data if filterset.is_bound else {}
        events = filterset.qs if filterset.is_bound else Event.objects.all()  # runs the search's look-ups first
        counts, undated, counted = charts.counts_for(events, data, filterset.search_bounded)
    result = charts.build(counts, undated, data.get("date_from"), data.get("date_to"), counted=counted)
    query = filter_query(request.GET)
    context = {
        "chart": result,
        "svg": charts.layout(result, _bar_href(request.GET)) if result.bars else None,
        "filter_query": query,
        "filterset": filterset,
    }
    htmx = getattr(request, "htmx", None)
    template = "events/chart.html#chart" if htmx and not htmx.history_restore_request else "events/chart.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response
