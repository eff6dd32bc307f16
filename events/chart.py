"""Events per month (or per year over a long range) for a filtered timeline, as the bars of an SVG chart.

Honest about fuzzy dates: an event known to the day or week is counted in its month as 'precise'; one
known only to a month, a season or a year is counted apart ('fuzzy', drawn as a lighter stack) in the
first month it may have been; an event with an open or unknown end is not drawn but counted as undated.

Two queries: the counts grouped by month and precision (done by the database, so only the bars travel),
and the number of open or undated events.
"""
from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import BooleanField, Case, CharField, Count, F, Q, Value, When
from django.db.models.expressions import RawSQL

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

    @property
    def dated(self) -> int:
        return sum(b.total for b in self.bars)


def _month_key_sql() -> str:
    if connection.vendor == "postgresql":
        return "to_char(sort_date, 'YYYY-MM')"
    return "substr(sort_date, 1, 7)"  # SQLite stores a date as 'YYYY-MM-DD' text


def month_counts(queryset) -> tuple[dict[str, list[int]], int]:
    """{'YYYY-MM': [precise, fuzzy]} for the closed intervals of `queryset`, and the number of the others."""
    closed = queryset.filter(date_earliest__isnull=False, date_latest__isnull=False)
    precise = Case(
        When(Q(date_earliest=F("date_latest")) | Q(granularity__in=PRECISE_GRANULARITIES), then=Value(True)),
        default=Value(False), output_field=BooleanField(),
    )
    rows = (
        closed.order_by()
        .annotate(month=RawSQL(_month_key_sql(), (), output_field=CharField()), precise=precise)
        .values("month", "precise").annotate(n=Count("id")).values_list("month", "precise", "n")
    )
    counts: dict[str, list[int]] = {}
    for month, is_precise, n in rows:
        counts.setdefault(month, [0, 0])[0 if is_precise else 1] += n
    undated = queryset.filter(Q(date_earliest__isnull=True) | Q(date_latest__isnull=True)).order_by().count()
    return counts, undated


def _months_between(first: tuple[int, int], last: tuple[int, int]):
    y, m = first
    while (y, m) <= last:
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def build(counts: dict[str, list[int]], undated: int, date_from: date | None = None, date_to: date | None = None) -> Chart:
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
        return Chart(bars=[], unit="month", undated=undated, max_total=0)
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
    return Chart(bars=bars, unit=unit, undated=undated, max_total=max(b.total for b in bars))


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
