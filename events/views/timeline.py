"""The filterable timeline: the whole page, the htmx fragment of its results, and the next page appended below.

The timeline is paginated by a keyset cursor on (sort_date, id), the order of
EventQuerySet.in_timeline_order() (undated events last), so a page costs the same whatever the
page number and however many events are stored, and a fixed number of queries.
"""
from __future__ import annotations

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django_htmx.http import push_url

from events.filters import EventFilterSet
from events.models import Event
from events.views.listing import clean_query, clean_url, event_page, has_empty_values
from events.views.paging import ACTOR_KEYSET, EVENT_KEYSET, capped_count, decode_cursor, segments

# "About N events" is counted up to this many rows, so the count's cost is bounded too.
COUNT_CAP = 1000
EXPORT_FORMATS = [("csv", "CSV"), ("json", "JSON"), ("ics", "iCalendar"), ("timelinejs", "TimelineJS")]


def filtered_events(params: QueryDict):
    """The filter set for `params`, and the segments of its events in timeline order (events/views/paging.py)."""
    filterset = EventFilterSet(params or None, queryset=Event.objects.all())
    qs = filterset.qs
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    keyset = ACTOR_KEYSET if data.get("participant") else EVENT_KEYSET
    return filterset, segments(qs, data.get("date_from"), data.get("date_to"), keyset=keyset)


def filter_query(params: QueryDict) -> str:
    """The cleaned query string of the filters alone (no cursor): what exports, the chart and 'back to the start' use."""
    query = QueryDict(clean_query(params), mutable=True)
    query.pop("after", None)
    return query.urlencode()


def timeline(request):
    htmx = getattr(request, "htmx", None)
    if not htmx and has_empty_values(request.GET):
        # The plain form sends every field, empty or not: redirect once to the short, shareable URL.
        return redirect(clean_url(request))

    page_size = max(1, settings.TIMELINE_PAGE_SIZE)
    filterset, parts = filtered_events(request.GET)
    cursor = decode_cursor(request.GET.get("after"))
    first_page = cursor is None
    appending = bool(htmx) and not htmx.history_restore_request and not first_page
    page = event_page(parts, cursor, page_size, appending=appending)

    next_query = None
    if page.has_more:
        params = QueryDict(clean_query(request.GET), mutable=True)
        params["after"] = page.next_cursor
        next_query = params.urlencode()

    query = filter_query(request.GET)
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "groups": page.groups,
        "events": page.events,
        "has_more": page.has_more,
        "next_query": next_query,
        "list_url": request.path,
        "first_page": first_page,
        "page_size": page_size,
        "filter_query": query,
        "active_count": filterset.active_count,
        "export_formats": EXPORT_FORMATS,
    }
    if first_page:
        capped = capped_count(parts, COUNT_CAP)
        context["count"] = min(capped, COUNT_CAP)
        context["count_capped"] = capped > COUNT_CAP
    else:
        context["start_query"] = query

    if appending:
        template = "events/timeline.html#page"
    elif htmx and not htmx.history_restore_request:
        template = "events/timeline.html#results"
        context["oob_summary"] = True  # the count lives outside #results, in a live region
    else:
        template = "events/timeline.html"
    response = render(request, template, context)
    if htmx and not appending and not htmx.history_restore_request:
        push_url(response, clean_url(request))
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response
