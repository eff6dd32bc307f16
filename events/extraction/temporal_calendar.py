"""Calendar arithmetic for the temporal resolver: intervals and TIMEX3 values of calendar units.

Every function returns a `Span`: (value, earliest, latest, granularity). Weeks are ISO weeks
(Monday to Sunday, value 2016-W23), quarters 2016-Q2, halves 2016-H1, seasons 2016-SP/SU/FA/WI
(winter runs from December of the year into February of the next), decades 199, centuries 19.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import NamedTuple

MIN_YEAR, MAX_YEAR = 1, 9998


class Span(NamedTuple):
    value: str
    earliest: date | None
    latest: date | None
    granularity: str


def clamp_year(y: int) -> int:
    return min(max(y, MIN_YEAR), MAX_YEAR)


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def add_days(d: date, n: int) -> date:
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return date.max if n > 0 else date.min


def add_months(d: date, n: int) -> date:
    k = d.year * 12 + (d.month - 1) + n
    y, m = divmod(k, 12)
    y = clamp_year(y)
    return date(y, m + 1, min(d.day, last_day(y, m + 1)))


def add_years(d: date, n: int) -> date:
    y = clamp_year(d.year + n)
    return date(y, d.month, min(d.day, last_day(y, d.month)))


def day(d: date) -> Span:
    return Span(d.isoformat(), d, d, "day")


def month(y: int, m: int) -> Span:
    y = clamp_year(y)
    return Span(f"{y:04d}-{m:02d}", date(y, m, 1), date(y, m, last_day(y, m)), "month")


def week_of(d: date) -> Span:
    iy, iw, wd = d.isocalendar()
    monday = add_days(d, 1 - wd)
    return Span(f"{iy:04d}-W{iw:02d}", monday, add_days(monday, 6), "week")


def weekend_of(d: date) -> Span:
    w = week_of(d)
    return Span(w.value + "-WE", add_days(w.earliest, 5), w.latest, "week")


def quarter(y: int, q: int) -> Span:
    y = clamp_year(y)
    m0 = 3 * (q - 1) + 1
    return Span(f"{y:04d}-Q{q}", date(y, m0, 1), date(y, m0 + 2, last_day(y, m0 + 2)), "quarter")


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def half(y: int, h: int) -> Span:
    y = clamp_year(y)
    return Span(f"{y:04d}-H{h}", date(y, 1 if h == 1 else 7, 1), date(y, 6, 30) if h == 1 else date(y, 12, 31), "half")


SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season(y: int, code: str) -> Span:
    y = clamp_year(y)
    m0 = _SEASON_START[code]
    start = date(y, m0, 1)
    end = add_days(add_months(start, 3), -1)
    return Span(f"{y:04d}-{code}", start, end, "season")


def season_of(d: date) -> tuple[int, str]:
    """The season a date falls in, with the year it is named by (January 1999 is in 1998-WI)."""
    if d.month == 12:
        return d.year, "WI"
    if d.month <= 2:
        return d.year - 1, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def year(y: int) -> Span:
    y = clamp_year(y)
    return Span(f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year")


def decade(d: int) -> Span:
    """Decade `d` is the years d*10 .. d*10+9 (value '199' for the 1990s)."""
    y0 = clamp_year(d * 10)
    return Span(f"{d:03d}", date(y0, 1, 1), date(clamp_year(d * 10 + 9), 12, 31), "decade")


def century(c: int) -> Span:
    """Century value `c` covers the years c*100 .. c*100+99 (value '19' for the 1900s, TimeML style)."""
    y0 = clamp_year(c * 100)
    return Span(f"{c:02d}", date(y0, 1, 1), date(clamp_year(c * 100 + 99), 12, 31), "century")


def part(span: Span, which: str) -> tuple[date | None, date | None]:
    """The early / mid / late third of an interval (for "early May", "mid-2015", "late last week")."""
    a, b = span.earliest, span.latest
    if a is None or b is None:
        return a, b
    n = (b - a).days + 1
    third = max(n // 3, 1)
    if which == "START":
        return a, add_days(a, third - 1)
    if which == "END":
        return add_days(b, -(third - 1)), b
    if which == "MID":
        return add_days(a, third), add_days(a, n - third - 1) if n - third - 1 >= third else add_days(a, third)
    return a, b


def shift(span: Span, n: int) -> Span:
    """The calendar unit `n` units after the one `span` denotes (same granularity)."""
    g = span.granularity
    a = span.earliest
    if a is None:
        return span
    if g == "day":
        return day(add_days(a, n))
    if g == "week":
        d = add_days(a, 7 * n)
        return weekend_of(d) if span.value.endswith("-WE") else week_of(d)  # "last weekend" stays a weekend
    if g == "month":
        d = add_months(a, n)
        return month(d.year, d.month)
    if g == "quarter":
        k = a.year * 4 + quarter_of(a) - 1 + n
        return quarter(k // 4, k % 4 + 1)
    if g == "half":
        k = a.year * 2 + (0 if a.month <= 6 else 1) + n
        return half(k // 2, k % 2 + 1)
    if g == "season":
        y, code = span.value[:4], span.value[-2:]
        order = ["SP", "SU", "FA", "WI"]
        k = int(y) * 4 + order.index(code) + n
        return season(k // 4, order[k % 4])
    if g == "year":
        return year(a.year + n)
    if g == "decade":
        return decade(a.year // 10 + n)
    if g == "century":
        return century(a.year // 100 + n)
    return span
