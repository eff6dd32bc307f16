"""Exports of a filtered timeline: CSV, JSON (the fields of `manage.py extract`), iCalendar and TimelineJS.

Each export is a generator of text chunks over the events in timeline order, read in batches of
EXPORT_BATCH along the same index segments as the page (events/views/paging.py), each batch with its
participants and sources read in one query each. Memory is bounded by one batch, whatever the number
of events. (Django's prefetch_related builds a queryset per event, which costs more than the export
itself: the two batch queries are done by hand instead.)
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import icalendar
from django.urls import reverse
from django.utils.html import escape

from events.models import Event, Mention
from events.views.paging import encode_cursor, page_rows

EXPORT_BATCH = 500
PRODID = "-//Diplomatic Events Timeline//timeline export//EN"


_MENTION_FIELDS = (
    "event_id", "article_id", "paragraph_id", "paragraph__index", "sentence_index", "sentence", "trigger",
    "trigger_start", "trigger_end", "date_text", "date_start", "date_end",
)
_ARTICLE_FIELDS = ("article__title", "article__outlet", "article__published", "article__url")


def attach_sources(events: list[Event]) -> None:
    """event.actors_list and event.mentions_list for a batch: two queries of plain rows, no model per row."""
    by_id = {e.pk: e for e in events}
    for e in events:
        e.actors_list, e.mentions_list = [], []
    through = Event.participants.through
    actors = (
        through.objects.filter(event_id__in=by_id).order_by("actor__name")
        .values_list("event_id", "actor__name", "actor__kind", "actor__role")
    )
    for event_id, name, kind, role in actors:
        by_id[event_id].actors_list.append(SimpleNamespace(name=name, kind=kind, role=role))
    rows = (
        Mention.objects.filter(event_id__in=by_id)
        .order_by("article__published", "article_id", "paragraph__index", "sentence_index", "trigger_start")
        .values_list(*_MENTION_FIELDS, *_ARTICLE_FIELDS)
    )
    articles: dict[int, SimpleNamespace] = {}
    for row in rows:
        m = SimpleNamespace(**dict(zip(_MENTION_FIELDS, row[: len(_MENTION_FIELDS)], strict=True)))
        title, outlet, published, url = row[len(_MENTION_FIELDS):]
        m.article = articles.setdefault(
            m.article_id, SimpleNamespace(title=title, outlet=outlet, published=published, url=url)
        )
        m.paragraph = SimpleNamespace(index=m.paragraph__index)
        by_id[m.event_id].mentions_list.append(m)


def iter_events(parts, batch: int | None = None) -> Iterator[Event]:
    """Every event of the segments `parts`, in timeline order, a batch at a time."""
    batch = batch or EXPORT_BATCH
    cursor = None
    while True:
        rows = page_rows(parts, cursor, batch)
        if not rows:
            return
        attach_sources(rows)
        yield from rows
        if len(rows) < batch:
            return
        cursor = (rows[-1].sort_date, rows[-1].pk)


class Links:
    """The absolute URLs of an export, built by formatting (reverse() per row costs more than the row)."""

    def __init__(self, absolute: Callable[[str], str]):
        self.base = absolute("/").rstrip("/")
        self.timeline = self.base + reverse("events:timeline")
        marker = 987654321
        self.article = (self.base + reverse("events:article", args=[marker])).replace(str(marker), "{}")

    def event(self, event: Event) -> str:
        """The permalink (as listing.timeline_url_for): the timeline starting at the event."""
        return f"{self.timeline}?after={encode_cursor(event.sort_date, event.pk - 1)}#event-{event.pk}"

    def mention(self, m: Mention) -> str:
        url = self.article.format(m.article_id)
        return url if not m.paragraph_id else f"{url}#p-{m.paragraph.index}"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _first(event: Event):
    return event.mentions_list[0] if event.mentions_list else None


def event_json(event: Event, links: Links) -> dict:
    """The event with the fields `manage.py extract` prints, plus its id, editorial state and links."""
    first = _first(event)
    actors = event.actors_list
    return {
        "id": event.pk,
        "type": event.type,
        "status": event.status,
        "date": {
            "text": event.date_text or None,
            "value": event.timex_value or None,
            "earliest": _iso(event.date_earliest),
            "latest": _iso(event.date_latest),
            "granularity": event.granularity or None,
        },
        "date_label": event.date_label,
        "date_approximate": event.date_approximate,
        "participants": [a.name for a in actors],
        "location": event.location or None,
        "paragraph": first.paragraph.index if first and first.paragraph_id else None,
        "evidence": first.sentence if first else None,
        "trigger": first.trigger if first else None,
        "confidence": round(event.confidence, 3),
        "reasons": event.reasons,
        "actors": [{"name": a.name, "kind": a.kind, "role": a.role} for a in actors],
        "mentions": [
            {
                "paragraph": m.paragraph.index if m.paragraph_id else None,
                "sentence_index": m.sentence_index,
                "evidence": m.sentence,
                "trigger": m.trigger,
                "trigger_span": [m.trigger_start, m.trigger_end],
                "date_text": m.date_text or None,
                "date_span": [m.date_start, m.date_end] if m.date_start is not None else None,
                "article": {
                    "id": m.article_id, "title": m.article.title, "outlet": m.article.outlet or None,
                    "published": _iso(m.article.published), "url": m.article.url or None,
                },
                "source_url": links.mention(m),
            }
            for m in event.mentions_list
        ],
        "extractor_version": event.extractor_version or None,
        "verified": event.verified,
        "edited": event.edited,
        "url": links.event(event),
    }


def json_chunks(events: Iterator[Event], links: Links) -> Iterator[str]:
    """{"events": [...]}, as `manage.py extract` prints it, one event a chunk."""
    yield '{"events": ['
    for i, event in enumerate(events):
        yield ("," if i else "") + "\n" + json.dumps(event_json(event, links), ensure_ascii=False)
    yield "\n]}\n"


CSV_COLUMNS = [
    "id", "type", "status", "date", "date_earliest", "date_latest", "granularity", "timex_value", "date_as_written",
    "date_approximate", "participants", "location", "verified", "edited", "confidence", "evidence", "trigger",
    "source_count", "sources", "url",
]


def _source_line(m, links: Links) -> str:
    a = m.article
    where = f"¶{m.paragraph.index + 1}" if m.paragraph_id else "headline"
    outlet = f"{a.outlet}, " if a.outlet else ""
    return f"{a.title} ({outlet}{a.published:%Y-%m-%d}, {where}) {links.mention(m)}"


def csv_row(event: Event, links: Links) -> list:
    first = _first(event)
    mentions = event.mentions_list
    return [
        event.pk, event.type, event.status, event.date_label, _iso(event.date_earliest) or "",
        _iso(event.date_latest) or "", event.granularity, event.timex_value, event.date_text,
        "yes" if event.date_approximate else "no", "; ".join(a.name for a in event.actors_list),
        event.location, "yes" if event.verified else "no", "yes" if event.edited else "no",
        f"{event.confidence:.2f}", first.sentence if first else "", first.trigger if first else "",
        len(mentions), "\n".join(_source_line(m, links) for m in mentions), links.event(event),
    ]


def csv_chunks(events: Iterator[Event], links: Links) -> Iterator[str]:
    """One row per event; its sources in one cell, a line each: title (outlet, date, paragraph) link."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for n, event in enumerate(events, 1):
        writer.writerow(csv_row(event, links))
        if n % 100 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _summary(event: Event) -> str:
    names = ", ".join(a.name for a in event.actors_list)
    text = event.get_type_display() + (f": {names}" if names else "")
    return text + (" (planned)" if event.status == Event.Status.PLANNED else "")


def _description(event: Event, links: Links) -> str:
    lines = [f"When: {event.date_label}" + (f" (“{event.date_text}”)" if event.date_text else "")]
    if event.date_earliest != event.date_latest:
        lines.append(f"Known only to the {event.get_granularity_display().lower() or 'interval'}: the entry spans every day it may have been.")
    lines.append("Status: " + ("planned, not yet reported as having happened" if event.status == Event.Status.PLANNED else "occurred"))
    for m in event.mentions_list:
        lines.append(f"Source: {_source_line(m, links)}")
        lines.append(f"  “{m.sentence}”")
    lines.append(f"On the timeline: {links.event(event)}")
    return "\n".join(lines)


def ical_event(event: Event, links: Links, host: str) -> icalendar.Event | None:
    """A VEVENT, all-day over every day the event may have been; None for an open or unknown date."""
    if event.date_earliest is None or event.date_latest is None:
        return None
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@{host}")
    vevent.add("dtstamp", event.updated_at or datetime.now().astimezone())
    vevent.add("dtstart", event.date_earliest)
    vevent.add("dtend", event.date_latest + timedelta(days=1))  # DTEND of an all-day event is exclusive
    vevent.add("summary", _summary(event))
    vevent.add("description", _description(event, links))
    if event.location:
        vevent.add("location", event.location)
    vevent.add("url", links.event(event))
    vevent.add("status", "TENTATIVE" if event.status == Event.Status.PLANNED else "CONFIRMED")
    vevent.add("categories", [event.get_type_display()])
    vevent.add("transp", "TRANSPARENT")
    return vevent


def ical_chunks(events: Iterator[Event], links: Links, host: str) -> Iterator[str]:
    """A VCALENDAR with one VEVENT per event whose dates are closed; open and undated events have no place in it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Diplomatic events")
    head = calendar.to_ical().decode()
    end = "END:VCALENDAR\r\n"
    yield head[: -len(end)]
    for event in events:
        vevent = ical_event(event, links, host)
        if vevent is not None:
            yield vevent.to_ical().decode()
    yield end


def _tl_date(d: date, granularity: str) -> dict:
    if granularity in ("year", "decade", "century"):
        return {"year": d.year}
    if granularity in ("month", "quarter", "season", "half"):
        return {"year": d.year, "month": d.month}
    return {"year": d.year, "month": d.month, "day": d.day}


def timelinejs_event(event: Event, links: Links) -> dict | None:
    """A TimelineJS slide; None for an undated event (TimelineJS needs a start date)."""
    known = event.date_earliest or event.date_latest
    if known is None:
        return None
    slide = {
        "unique_id": f"event-{event.pk}",
        "start_date": {**_tl_date(known, event.granularity), "display_date": event.date_label},
        "group": event.get_type_display(),
        "text": {"headline": escape(_summary(event)), "text": _timelinejs_text(event, links)},
    }
    if event.date_earliest and event.date_latest and event.date_latest != event.date_earliest \
            and event.granularity not in ("month", "year", "quarter", "season", "half", "decade", "century"):
        slide["end_date"] = _tl_date(event.date_latest, event.granularity)
    return slide


def _timelinejs_text(event: Event, links: Links) -> str:
    parts = []
    if event.location:
        parts.append(f"<p>{escape(event.location)}</p>")
    for m in event.mentions_list:
        parts.append(
            f'<blockquote>{escape(m.sentence)}</blockquote><p><a href="{escape(links.mention(m))}">'
            f"{escape(m.article.title)}</a></p>"
        )
    return "".join(parts)


def timelinejs_chunks(events: Iterator[Event], links: Links) -> Iterator[str]:
    """TimelineJS 3 JSON: {"title", "events"} with one slide per dated event."""
    title = {"text": {"headline": "Diplomatic events", "text": "Exported from the Diplomatic Events Timeline."}}
    yield '{"title": ' + json.dumps(title) + ', "events": ['
    n = 0
    for event in events:
        slide = timelinejs_event(event, links)
        if slide is not None:
            yield ("," if n else "") + "\n" + json.dumps(slide, ensure_ascii=False)
            n += 1
    yield "\n]}\n"


FORMATS = {
    # name: (content type, file extension)
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "ics": ("text/calendar; charset=utf-8", "ics"),
    "timelinejs": ("application/json", "timelinejs.json"),
}


def chunks(fmt: str, parts, absolute, host: str) -> Iterator[str]:
    events = iter_events(parts)
    links = Links(absolute)
    if fmt == "csv":
        return csv_chunks(events, links)
    if fmt == "json":
        return json_chunks(events, links)
    if fmt == "ics":
        return ical_chunks(events, links, host)
    if fmt == "timelinejs":
        return timelinejs_chunks(events, links)
    raise KeyError(fmt)

