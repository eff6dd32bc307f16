"""The public pages: the filterable timeline and an article with its paragraphs.

The timeline is paginated by a keyset cursor on (sort_date, id), the order of
EventQuerySet.in_timeline_order() (undated events last), so a page costs the same whatever the
page number and however many events are stored, and a fixed number of queries.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django_htmx.http import push_url

from events.filters import EventFilterSet
from events.ingest import split_paragraphs
from events.models import Article, Event, Mention, paragraph_url

# "About N events" is counted up to this many rows, so the count's cost is bounded too.
COUNT_CAP = 1000
_NULL = "none"


# --- cursor ---------------------------------------------------------------------------------------


def encode_cursor(sort_date: date | None, pk: int) -> str:
    return f"{sort_date.isoformat() if sort_date else _NULL}_{pk}"


def decode_cursor(value: str | None) -> tuple[date | None, int] | None:
    """(sort_date, id) from 'YYYY-MM-DD_ID' or 'none_ID'; None for a missing or malformed cursor."""
    if not value:
        return None
    day, sep, pk = value.partition("_")
    # isdigit() alone accepts '²' and other digits that int() refuses: ASCII digits only.
    if not sep or not (pk.isascii() and pk.isdigit()):
        return None
    if day == _NULL:
        return None, int(pk)
    try:
        return date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def after_cursor(queryset, cursor: tuple[date | None, int]):
    """The rows that come after `cursor` in timeline order (sort_date ascending, nulls last, then id)."""
    sort_date, pk = cursor
    if sort_date is None:
        return queryset.filter(sort_date__isnull=True, id__gt=pk)
    return queryset.filter(
        Q(sort_date__gt=sort_date) | Q(sort_date=sort_date, id__gt=pk) | Q(sort_date__isnull=True)
    )


def cursor_starting_at(event: Event) -> str:
    """A cursor whose page begins with `event` itself (the id just below it, at the same sort date)."""
    return encode_cursor(event.sort_date, event.pk - 1)


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


# --- views ----------------------------------------------------------------------------------------


def timeline_url_for(event: Event) -> str:
    """The timeline page that starts with `event`, scrolled to it (the permalink; also used by the admin)."""
    q = QueryDict(mutable=True)
    q["after"] = cursor_starting_at(event)
    return f"{reverse('events:timeline')}?{q.urlencode()}#event-{event.pk}"


def mention_url(mention: Mention) -> str:
    """The article page at the mention's paragraph, without touching paragraph.article (no extra query)."""
    return paragraph_url(mention.article_id, mention.paragraph.index if mention.paragraph_id else None)


def _page_queryset(base):
    # Texts are not shown on the timeline (the mention carries its sentence): leave them in the database.
    mentions = Mention.objects.select_related("article", "paragraph").defer("article__text", "paragraph__text").order_by(
        "article__published", "article_id", "paragraph__index", "sentence_index", "trigger_start"
    )
    return base.prefetch_related("participants", Prefetch("mentions", queryset=mentions))


def _clean_query(params: QueryDict) -> str:
    """The query string without empty fields, for URLs worth sharing: '?type=summit', not '?q=&type=summit&...'."""
    clean = QueryDict(mutable=True)
    for key, values in params.lists():
        kept = [v for v in values if v.strip()]
        if kept:
            clean.setlist(key, kept)
    return clean.urlencode()


def _clean_url(request) -> str:
    """This page's URL with the cleaned query string (no '?' when nothing is left)."""
    query = _clean_query(request.GET)
    return f"{request.path}?{query}" if query else request.path


def _has_empty_values(params: QueryDict) -> bool:
    return any(not value.strip() for _key, values in params.lists() for value in values)


def timeline(request):
    htmx = getattr(request, "htmx", None)
    if not htmx and _has_empty_values(request.GET):
        # The plain form sends every field, empty or not: redirect once to the short, shareable URL.
        return redirect(_clean_url(request))

    page_size = max(1, settings.TIMELINE_PAGE_SIZE)
    filterset = EventFilterSet(request.GET or None, queryset=Event.objects.all())
    filtered = filterset.qs.in_timeline_order()

    cursor = decode_cursor(request.GET.get("after"))
    page_qs = after_cursor(filtered, cursor) if cursor else filtered
    rows = list(_page_queryset(page_qs)[: page_size + 1])
    has_more = len(rows) > page_size
    events = rows[:page_size]
    for event in events:
        event.permalink = timeline_url_for(event)
        for m in event.mentions.all():
            m.highlighted = sentence_with_trigger(m)
            m.url = mention_url(m)

    next_query = None
    if has_more:
        params = QueryDict(_clean_query(request.GET), mutable=True)
        params["after"] = encode_cursor(events[-1].sort_date, events[-1].pk)
        next_query = params.urlencode()

    first_page = cursor is None
    appending = bool(htmx) and not htmx.history_restore_request and not first_page
    context = {
        "filterset": filterset,
        "form": filterset.form,
        # Only a page appended below the previous one continues its year and month headings.
        "groups": group_by_year_month(events, previous=cursor[0] if appending else False),
        "events": events,
        "has_more": has_more,
        "next_query": next_query,
        "first_page": first_page,
        "page_size": page_size,
    }
    if first_page:
        capped = filtered.order_by()[:COUNT_CAP + 1].count()
        context["count"] = min(capped, COUNT_CAP)
        context["count_capped"] = capped > COUNT_CAP
    else:
        reset = QueryDict(_clean_query(request.GET), mutable=True)
        reset.pop("after", None)
        context["start_query"] = reset.urlencode()

    if appending:
        template = "events/timeline.html#page"
    elif htmx and not htmx.history_restore_request:
        template = "events/timeline.html#results"
        context["oob_summary"] = True  # the count lives outside #results, in a live region
    else:
        template = "events/timeline.html"
    response = render(request, template, context)
    if htmx and not appending and not htmx.history_restore_request:
        push_url(response, _clean_url(request))
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def article_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    paragraphs = list(article.paragraphs.all())
    mentions = list(
        Mention.objects.filter(article=article)
        .select_related("event", "paragraph")
        .prefetch_related("event__participants")
        .order_by("paragraph__index", "sentence_index", "trigger_start")
    )
    by_paragraph: dict[int | None, list[Mention]] = {}
    for m in mentions:
        m.event.timeline_url = timeline_url_for(m.event)
        by_paragraph.setdefault(m.paragraph_id, []).append(m)

    if paragraphs:
        rows = [
            {
                "index": p.index,
                "html": paragraph_with_triggers(p.text, by_paragraph.get(p.pk, [])),
                "mentions": by_paragraph.get(p.pk, []),
                "is_headline": p.text.strip() == article.title.strip(),
            }
            for p in paragraphs
        ]
    else:
        # An article typed into the admin has no Paragraph rows yet: number its non-empty lines.
        rows = [{"index": i, "html": line, "mentions": []} for i, line in enumerate(split_paragraphs(article.text))]

    context = {
        "article": article,
        "paragraphs": rows,
        "title_mentions": by_paragraph.get(None, []),
        "event_count": len({m.event_id for m in mentions}),
    }
    return render(request, "events/article.html", context)
