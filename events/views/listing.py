"""What the timeline and the actor pages share: one page of events with their sources, grouped by year and month.

A page is fetched segment by segment along indexes (events/views/paging.py), so it costs the same fixed
number of queries whatever the page number and however many events are stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, prefetch_related_objects
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html

from events.models import Event, Mention, paragraph_url
from events.views.paging import cursor_starting_at, encode_cursor, page_rows

# --- grouping -------------------------------------------------------------------------------------


@dataclass
class MonthGroup:
    key: tuple[int, int] | None  # (year, month); None for undated events
    label: str
    show_heading: bool
    events: list = field(default_factory=list)


@dataclass
class YearGroup:
    year: int | None
    label: str
    show_heading: bool
    months: list[MonthGroup] = field(default_factory=list)


def _month_key(d: date | None) -> tuple[int, int] | None:
    return (d.year, d.month) if d else None


def group_by_year_month(events, previous: date | None | bool = False) -> list[YearGroup]:
    """Year and month groups for one page of events in timeline order.

    `previous` is the sort date of the last event of the page before (False on the first page):
    a page that continues the same year or month does not repeat its heading.
    """
    years: list[YearGroup] = []
    if previous is False:
        last_year, last_month = object(), object()
    else:
        last_year, last_month = (previous.year if previous else None), _month_key(previous)
    for event in events:
        d = event.sort_date
        year = d.year if d else None
        month = _month_key(d)
        if not years or years[-1].year != year:
            years.append(YearGroup(
                year=year,
                label=str(year) if year else "Date unknown",
                show_heading=year != last_year,
            ))
            last_year = year
        months = years[-1].months
        if not months or months[-1].key != month:
            months.append(MonthGroup(
                key=month,
                label=f"{d:%B %Y}" if d else "Date unknown",
                show_heading=month != last_month and d is not None,
            ))
            last_month = month
        months[-1].events.append(event)
    return years


# --- highlighting ---------------------------------------------------------------------------------


def _mark(text: str, start: int, end: int, css_class: str = "trigger"):
    """`text` with [start:end] wrapped in <mark>, HTML-escaped; plain text when the span is off."""
    if not (0 <= start < end <= len(text)):
        return text
    return format_html('{}<mark class="{}">{}</mark>{}', text[:start], css_class, text[start:end], text[end:])


def sentence_with_trigger(mention: Mention):
    start = mention.trigger_start - mention.sentence_start
    return _mark(mention.sentence, start, start + (mention.trigger_end - mention.trigger_start))


def paragraph_with_triggers(text: str, mentions: list[Mention]):
    """The paragraph with each mention's trigger marked and linked to its event on the timeline.

    Overlapping spans (two events sharing a trigger) keep the first; the later one is listed
    beside the paragraph anyway.
    """
    pieces, pos = [], 0
    for m in sorted(mentions, key=lambda m: (m.trigger_start, m.trigger_end)):
        if m.trigger_start < pos or not (0 <= m.trigger_start < m.trigger_end <= len(text)):
            continue
        pieces.append(format_html("{}", text[pos:m.trigger_start]))
        pieces.append(format_html(
            '<a class="trigger-link" href="{}" title="{} on the timeline"><mark class="trigger">{}</mark></a>',
            m.event.timeline_url, m.event.get_type_display(), text[m.trigger_start:m.trigger_end],
        ))
        pos = m.trigger_end
    pieces.append(format_html("{}", text[pos:]))
    return format_html("".join(["{}"] * len(pieces)), *pieces)


def timeline_url_for(event: Event) -> str:
    """The timeline page that starts with `event`, scrolled to it (the permalink; also used by the admin)."""
    q = QueryDict(mutable=True)
    q["after"] = cursor_starting_at(event)
    return f"{reverse('events:timeline')}?{q.urlencode()}#event-{event.pk}"


def mention_url(mention: Mention) -> str:
    """The article page at the mention's paragraph, without touching paragraph.article (no extra query)."""
    return paragraph_url(mention.article_id, mention.paragraph.index if mention.paragraph_id else None)


def prefetch_sources(events: list) -> None:
    """Participants and mentions (with article and paragraph) for a list of events: two queries in all."""
    # Texts are not shown on the timeline (the mention carries its sentence): leave them in the database.
    mentions = Mention.objects.select_related("article", "paragraph").defer("article__text", "paragraph__text").order_by(
        "article__published", "article_id", "paragraph__index", "sentence_index", "trigger_start"
    )
    prefetch_related_objects(events, "participants", Prefetch("mentions", queryset=mentions))


def clean_query(params: QueryDict) -> str:
    """The query string without empty fields, for URLs worth sharing: '?type=summit', not '?q=&type=summit&...'."""
    clean = QueryDict(mutable=True)
    for key, values in params.lists():
        kept = [v for v in values if v.strip()]
        if kept:
            clean.setlist(key, kept)
    return clean.urlencode()


def clean_url(request) -> str:
    """This page's URL with the cleaned query string (no '?' when nothing is left)."""
    query = clean_query(request.GET)
    return f"{request.path}?{query}" if query else request.path


def has_empty_values(params: QueryDict) -> bool:
    return any(not value.strip() for _key, values in params.lists() for value in values)


@dataclass
class EventPage:
    events: list
    has_more: bool
    groups: list
    next_cursor: str | None


def event_page(parts, cursor, size: int, appending: bool) -> EventPage:
    """One page after `cursor` across the segments `parts`, with sources, permalinks and marked sentences.

    `appending`: the page is shown below the previous one, so it continues its year and month headings.
    """
    rows = page_rows(parts, cursor, size + 1)
    has_more = len(rows) > size
    events = rows[:size]
    prefetch_sources(events)
    for event in events:
        event.permalink = timeline_url_for(event)
        for m in event.mentions.all():
            m.highlighted = sentence_with_trigger(m)
            m.url = mention_url(m)
    next_cursor = encode_cursor(events[-1].sort_date, events[-1].pk) if has_more else None
    groups = group_by_year_month(events, previous=cursor[0] if (appending and cursor) else False)
    return EventPage(events=events, has_more=has_more, groups=groups, next_cursor=next_cursor)
