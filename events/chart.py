"""Events per month (or per year over a long range) for a filtered timeline, as the bars of an SVG chart.

Honest about fuzzy dates: an event known to the day or week is counted in its month as 'precise'; one
known only to a month, a season or a year is counted apart ('fuzzy', drawn as a lighter stack) in the
first month it may have been; an event with an open or unknown end is not drawn but counted as undated.

Where the counts come from (`counts_for`):

- A filter of type, status, verified and dates is answered from the table of counts per month × type ×
  status × verified × kind of date (events/models_chart.py): one grouped query over its cells, whose number
  follows the months, not the events. The events a table cell cannot place exactly are counted from the
  events themselves, along indexes over bounded ranges: the month of a From date that is not the 1st and the
  month of a To date that is not the last day, and the closed intervals that began before From but reach
  into it (no further back than the longest stored interval, as the timeline's pages do).
- A participant is answered the same way from that actor's cells (events/models_actor_chart.py: the same
  cells with the actor in front), combined with the other filters as above.
- A search of one word is read from that word's cells (events/models_term_chart.py: each event's terms as
  the backend's own search index reads them, with the event's cell), with the filters of type, status and
  verified, when they answer it exactly (`term_for`): the word's prefix names exactly one term of the
  sentences and titles, no term of a location and no alias; then the cost follows the word's months, not its
  matches.
- Any other text search is counted, exactly, from the matching events. When one word of the search matches at most search.ID_LIST_MAX events, the search is a list of ids and the
  count reads those rows by primary key: bounded work, whatever the number of stored events. When every word
  is common, the count is exact but walks every match, so it grows with the matches; the chart says so
  (`Chart.counted`). That case is not bounded: exact counts for it would need per-word monthly counts that
  repeat each backend's stemming, the last word's prefix match and the names' substring match (kept in step
  with every sentence, title, place and alias), and the cells of two words cannot be intersected: a search
  of several common words is still counted match by match.
"""
from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import BooleanField, Case, CharField, Count, F, Q, Subquery, Sum, Value, When
from django.db.models.expressions import RawSQL

from events import search
from events.models import ActorAlias, alias_key
from events.models_actor_chart import ActorChartCount
from events.models_chart import (
    CLOSED_KINDS,
    OPEN_END,
    OPEN_START,
    PRECISE,
    UNDATED,
    UNDATED_MONTH,
    ChartCount,
    month_key,
)
from events.models_term_chart import TERM_MAX, TermChartCount, tokenize

# Over more months than this the chart has a bar per year.
MAX_MONTH_BARS = 72
PRECISE_GRANULARITIES = ("time", "day", "week")


@dataclass
class Bar:
    label: str  # 'Jun 2016' or '2016'
    key: str  # '2016-06' or '2016'
    start: date
    end: date
    precise: int = 0
    fuzzy: int = 0

    @property
    def total(self) -> int:
        return self.precise + self.fuzzy


@dataclass
class Chart:
    bars: list[Bar]
    unit: str  # 'month' or 'year'
    undated: int
    max_total: int
    counted: int = 0  # when a search of common words was counted event by event: the events counted

    @property
    def dated(self) -> int:
        return sum(b.total for b in self.bars)


def _month_key_sql() -> str:
    # Qualified: a participant's events are joined to the actor's timeline rows, which have a sort_date too.
    column = '"events_event"."sort_date"'
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYY-MM')"
    return f"substr({column}, 1, 7)"  # SQLite stores a date as 'YYYY-MM-DD' text


def month_counts(queryset) -> tuple[dict[str, list[int]], int]:
    """{'YYYY-MM': [precise, fuzzy]} for the closed intervals of `queryset`, and the number of the others.

    One grouped query (the others fall in a group whose month is NULL), so the matching rows are read once."""
    is_open = Q(date_earliest__isnull=True) | Q(date_latest__isnull=True)
    month = Case(When(is_open, then=Value(None)), default=RawSQL(_month_key_sql(), ()), output_field=CharField())
    precise = Case(
        When(Q(date_earliest=F("date_latest")) | Q(granularity__in=PRECISE_GRANULARITIES), then=Value(True)),
        default=Value(False), output_field=BooleanField(),
    )
    rows = (
        queryset.order_by().annotate(month=month, precise=precise)
        .values("month", "precise").annotate(n=Count("id")).values_list("month", "precise", "n")
    )
    counts: dict[str, list[int]] = {}
    undated = 0
    for key, is_precise, n in rows:
        if key is None:
            undated += n
        else:
            counts.setdefault(key, [0, 0])[0 if is_precise else 1] += n
    return counts, undated


def _key(month: int) -> str:
    return f"{month // 100:04d}-{month % 100:02d}"


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _next_month(month: int) -> int:
    y, m = divmod(month, 100)
    return (y + 1) * 100 + 1 if m == 12 else month + 1


def _previous_month(month: int) -> int:
    y, m = divmod(month, 100)
    return (y - 1) * 100 + 12 if m == 1 else month - 1


def table_answers(data: dict) -> bool:
    """Whether the filter's cleaned data can be answered from the tables of counts (all of it but a text search)."""
    return not (data.get("q") or "").strip()


def _first_term_after(term: str, place: bool, strictly: bool) -> str | None:
    """The first term of the vocabulary (events/models_term_chart.py) at or after `term` in byte order: one seek
    of its index (PostgreSQL compares in the "C" collation, so that the terms of one prefix are one range)."""
    collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    with connection.cursor() as c:
        c.execute(f"SELECT term FROM events_eventterm WHERE place = %s AND term{collate} {'>' if strictly else '>='} %s"
                  f" ORDER BY term{collate} LIMIT 1", [place, term])
        row = c.fetchone()
    return row[0] if row else None


def term_for(data: dict) -> str | None:
    """The term whose cells answer the text search of `data` (cleaned data) exactly, or None.

    The search (events/search.py: narrow) matches the events with a term of their sentences or titles that
    begins with the word as the index reads it (the last word of a search is a prefix), or a term of their
    location, or a participant's alias that contains the word. The cells of one term are those events exactly
    when there is one searched word, the prefix begins exactly one term of the texts (or none: then no
    event's texts match), no term of a location and no alias. Neither a participant nor dates are combined
    with the cells (their edges would be counted over the word's matches)."""
    if data.get("participant") or data.get("date_from") or data.get("date_to"):
        return None
    content = [w for w in search.words(data.get("q") or "") if w.lower() not in search.STOP_WORDS]
    if len(content) != 1:
        return None
    word = content[0]
    terms = tokenize({0: [word], 1: [word]}, {0: False, 1: True})
    if len(terms[0]) != 1 or len(terms[1]) > 1:
        return None
    (term,) = terms[0]
    if len(term) >= TERM_MAX:
        return None  # stored terms are cut to TERM_MAX
    first = _first_term_after(term, False, strictly=False)
    if first is not None and first.startswith(term):
        following = _first_term_after(first, False, strictly=True)
        if following is not None and following.startswith(term):
            return None  # two terms begin with it: an event may have both
        term = first
    for place_term in terms[1]:
        found = _first_term_after(place_term, True, strictly=False)
        if found is not None and found.startswith(place_term):
            return None
    key = alias_key(word)
    if key and ActorAlias.objects.filter(key__contains=key).exists():
        return None
    return term


def table_counts(data: dict, term: str | None = None) -> tuple[dict[str, list[int]], int, list]:
    """Counts from the tables for a filter of participant, type, status, verified, date_from and date_to
    (cleaned data): ChartCount, or the participant's ActorChartCount cells, or a search term's TermChartCount
    cells (`term`, from term_for: then there is no participant and no date).

    Returns the counts and undated number the table answers exactly (without dates, when the months span more
    than MAX_MONTH_BARS, the counts of each year under its January, as build draws them: a bar per year), and the
    day ranges [(first, last)] of the edge months it cannot (a From that is not the 1st, a To that is not a
    month's last day), to be counted from the events.
    """
    date_from, date_to = data.get("date_from"), data.get("date_to")
    if term is not None:
        cells = TermChartCount.objects.filter(term=term, n__gt=0)
    elif data.get("participant"):
        cells = ActorChartCount.objects.filter(actor=data["participant"], n__gt=0)
    else:
        cells = ChartCount.objects.filter(n__gt=0)
    if data.get("type"):
        cells = cells.filter(type__in=data["type"])
    if data.get("status"):
        cells = cells.filter(status=data["status"])
    if data.get("verified"):
        cells = cells.filter(verified=True)
    lo, hi, edges = 1, 999912, []
    if date_from:
        first = month_key(date_from)
        lo = first if date_from.day == 1 else _next_month(first)
        if date_from.day != 1:
            edges.append((date_from, min(_month_end(date_from), date_to or date.max)))
    if date_to:
        last = month_key(date_to)
        hi = last if date_to == _month_end(date_to) else _previous_month(last)
        if date_to != _month_end(date_to) and not (edges and month_key(edges[0][0]) == last):
            edges.append((max(_month_start(date_to), date_from or date.min), date_to))
    # Inside the range every kind of event overlaps it; before From only those with an open end do, after To
    # only those with an open start; the undated always. Each term is one kind and one range of months, the
    # order of the cells' index (kind, month, ...), so that each is a range scan of it, not a scan of them all.
    within = {"month__gte": lo, "month__lte": hi}
    terms = [Q(kind__in=CLOSED_KINDS, **within), Q(kind=OPEN_END, **within), Q(kind=OPEN_START, **within),
             Q(kind=UNDATED)]
    if date_from:
        terms.append(Q(kind=OPEN_END, month__gte=1, month__lt=month_key(date_from)))
    if date_to:
        terms.append(Q(kind=OPEN_START, month__gt=month_key(date_to)))
    # One query, a UNION ALL of the terms (disjoint: each is one kind, and a kind's ranges do not overlap): with
    # an OR of them, SQLite scanned every cell.
    month = F("month")
    if not (date_from or date_to):
        # Without dates the chart spans the months of its closed cells; over more than MAX_MONTH_BARS it has a bar
        # per year, so the cells are summed per year by the database ('YYYY-01': build sums a year's months, and
        # these give it the same years and span), and the rows read back follow the years, not the months.
        # The first and last month of each closed kind: four seeks of the cells' index (kind, month, ...), in one
        # query of one row.
        ends = {f"{kind}_{order}": Subquery(cells.filter(kind=kind, month__gte=1).order_by(order).values("month")[:1])
                for kind in CLOSED_KINDS for order in ("month", "-month")}
        row = next(iter(cells.model.objects.order_by().annotate(**ends).values(*ends)[:1]), {})
        firsts = [row[f"{k}_month"] for k in CLOSED_KINDS if row.get(f"{k}_month")]
        lasts = [row[f"{k}_-month"] for k in CLOSED_KINDS if row.get(f"{k}_-month")]
        if firsts:
            first, last = min(firsts), max(lasts)
            if (last // 100 - first // 100) * 12 + last % 100 - first % 100 + 1 > MAX_MONTH_BARS:
                month = F("month") / 100 * 100 + 1
    grouped = [cells.filter(term).order_by().annotate(bucket=month).values("kind", "bucket").annotate(
        total=Sum("n")).values_list("bucket", "kind", "total") for term in terms]
    rows = grouped[0].union(*grouped[1:], all=True)
    counts: dict[str, list[int]] = {}
    undated = 0
    for month, kind, total in rows:
        if kind in CLOSED_KINDS and month != UNDATED_MONTH:
            counts.setdefault(_key(month), [0, 0])[0 if kind == PRECISE else 1] += total
        else:
            undated += total
    return counts, undated, edges


def counts_for(queryset, data: dict, search_bounded: bool = True) -> tuple[dict[str, list[int]], int, int]:
    """{'YYYY-MM': [precise, fuzzy]}, the number of undated or open events, and how many events were counted one
    by one because a text search's words are all common (0 otherwise), for `queryset`, the events of the filter
    whose cleaned data is `data`; `search_bounded` says whether the search is a bounded list of ids."""
    if not table_answers(data):
        counts, undated = month_counts(queryset)
        total = undated + sum(p + f for p, f in counts.values())
        return counts, undated, 0 if search_bounded else total
    counts, undated, edges = table_counts(data)
    from events.views.paging import ACTOR_KEYSET, NOT_SINGLE_DAY_SQL, longest_interval_days

    # The ranges are written on the sort date of the rows the filter reads in order: with a participant, the
    # actor's timeline rows (the same date, indexed by actor and date), so that the index serves the range
    # instead of every one of the actor's rows being joined and tested.
    sd = ACTOR_KEYSET[0] if data.get("participant") else "sort_date"
    date_from = data.get("date_from")
    if date_from:
        # Closed intervals that began before From (and its month) but reach into the range.
        start = _month_start(date_from)
        window = date_from - timedelta(days=min(longest_interval_days(), (date_from - date.min).days))
        live = Q(**{f"{sd}__lt": start, f"{sd}__gte": window}, date_latest__isnull=False) & Q(
            RawSQL(NOT_SINGLE_DAY_SQL, (), output_field=BooleanField()))
        for first, last in edges:
            live |= Q(**{f"{sd}__gte": first - timedelta(days=first.day - 1), f"{sd}__lte": _month_end(last)})
        more, more_undated = month_counts(queryset.filter(live))
    elif edges:
        (first, last), = edges
        more, more_undated = month_counts(queryset.filter(**{f"{sd}__gte": _month_start(first),
                                                             f"{sd}__lte": _month_end(last)}))
    else:
        return counts, undated, 0
    for key, (p, f) in more.items():
        c = counts.setdefault(key, [0, 0])
        c[0] += p
        c[1] += f
    return counts, undated + more_undated, 0


def _months_between(first: tuple[int, int], last: tuple[int, int]):
    y, m = first
    while (y, m) <= last:
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def build(counts: dict[str, list[int]], undated: int, date_from: date | None = None, date_to: date | None = None,
          counted: int = 0) -> Chart:
    """The bars from the first to the last month with events (or the filter's range), empty months included."""
    months = {(int(k[:4]), int(k[5:7])): v for k, v in counts.items()}
    lo = (date_from.year, date_from.month) if date_from else None
    hi = (date_to.year, date_to.month) if date_to else None
    if lo or hi:
        # An interval that began before From is drawn in From's month; nothing is drawn outside the range.
        clamped: dict[tuple[int, int], list[int]] = {}
        for key, (p, f) in months.items():
            k = max(key, lo) if lo else key
            if hi and k > hi:
                continue
            c = clamped.setdefault(k, [0, 0])
            c[0] += p
            c[1] += f
        months = clamped
    if not months:
        return Chart(bars=[], unit="month", undated=undated, max_total=0, counted=counted)
    first, last = min(months), max(months)
    if lo and hi and (hi[0] - lo[0]) * 12 + hi[1] - lo[1] < MAX_MONTH_BARS:
        first, last = min(first, lo), max(last, hi)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    bars: list[Bar] = []
    if span <= MAX_MONTH_BARS:
        for y, m in _months_between(first, last):
            p, f = months.get((y, m), (0, 0))
            bars.append(Bar(label=f"{calendar.month_abbr[m]} {y}", key=f"{y}-{m:02d}", start=date(y, m, 1),
                            end=date(y, m, calendar.monthrange(y, m)[1]), precise=p, fuzzy=f))
        unit = "month"
    else:
        years: dict[int, list[int]] = {}
        for (y, _m), (p, f) in months.items():
            c = years.setdefault(y, [0, 0])
            c[0] += p
            c[1] += f
        for y in range(first[0], last[0] + 1):
            p, f = years.get(y, (0, 0))
            bars.append(Bar(label=str(y), key=str(y), start=date(y, 1, 1), end=date(y, 12, 31), precise=p, fuzzy=f))
        unit = "year"
    return Chart(bars=bars, unit=unit, undated=undated, max_total=max(b.total for b in bars), counted=counted)


@dataclass
class SvgBar:
    bar: Bar
    href: str
    x: float
    width: float
    precise_y: float
    precise_h: float
    fuzzy_y: float
    fuzzy_h: float
    label_x: float
    show_label: bool


def layout(chart: Chart, href, height: int = 180, gap: int = 3) -> dict:
    """Geometry of the SVG: one link per bar (href(bar) → URL), the precise stack below the fuzzy one.

    Bars are wider when there are few (up to 40 px, at least 10); a label is drawn under every bar for
    which there is room ('Jun 2018' needs about 52 px, '2018' about 30).
    """
    top, bottom, left = 12, 28, 36
    plot = height - top - bottom
    scale = plot / chart.max_total if chart.max_total else 0
    n = max(1, len(chart.bars))
    bar_width = max(10, min(40, 720 // n - gap))
    step = bar_width + gap
    every = max(1, math.ceil((30 if chart.unit == "year" else 52) / step))
    bars = []
    for i, b in enumerate(chart.bars):
        x = left + i * step
        ph, fh = b.precise * scale, b.fuzzy * scale
        base = top + plot
        bars.append(SvgBar(
            bar=b, href=href(b), x=x, width=bar_width, precise_y=base - ph, precise_h=ph, fuzzy_y=base - ph - fh,
            fuzzy_h=fh, label_x=x + bar_width / 2, show_label=i % every == 0,
        ))
    width = left + n * step + 24
    return {"bars": bars, "width": width, "height": height, "base": top + plot, "top": top, "left": left,
            "plot": plot, "label_y": top + plot + 16, "last_label": chart.bars[-1].label if chart.bars else ""}
