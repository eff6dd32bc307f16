"""Keyset pages of events in timeline order, each found by an index range scan.

Timeline order is (sort_date ascending, nulls last, id). A cursor 'YYYY-MM-DD_ID' (or 'none_ID' among
the undated events) names the last row shown. A page is the concatenation of disjoint segments, each
a query that an index serves in order, so that neither a deep cursor nor a date range makes the
database walk the rows before them:

- with a From date: the events that begin before it but may still overlap it, merged from two queries:
  the open-ended ones (partial index on date_latest IS NULL) and the closed intervals that began at most
  the longest stored interval before From (partial index on non-single-day events, migration 0005_search; the longest interval
  is one look-up in an index on its length), so the rows looked through are those of that window only;
- the dated events from From to To (or all dated events), served by (sort_date, id) or (type, sort_date, id);
- with a To date: the events known only to end after it ('before Jun 2006' reaches back into the range),
  served by the partial index on date_earliest IS NULL;
- the undated events.

The indexes are made by migration 0005_search (events/search_index.py).

With a participant, the dated and the undated segments are ordered and cut by the columns of the actor's
timeline table instead (ACTOR_KEYSET, the aliases that `for_actor` gives them; events/models_actors.py),
whose index (actor, sort_date, event) makes the actor's page a range scan from the cursor; the segments before a From date keep the
event's own partial indexes. A segment's cursor condition is always written on the columns it is
ordered by (read from its ORDER BY), so the index that serves the order also serves the cursor.

Every segment runs whatever the page holds, so a page costs the same number of queries each time.
"""
from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL

from events.models import Event
from events.search_index import SPAN_SQL

_NULL = "none"

# The condition of the partial index event_interval_order: every event that is not a single known day.
NOT_SINGLE_DAY_SQL = "(date_earliest IS NULL OR date_latest IS NULL OR date_earliest <> date_latest)"


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


def cursor_starting_at(event: Event) -> str:
    """A cursor whose page begins with `event` itself (the id just below it, at the same sort date)."""
    return encode_cursor(event.sort_date, event.pk - 1)


def _not_single_day():
    return RawSQL(NOT_SINGLE_DAY_SQL, (), output_field=BooleanField())


def longest_interval_days() -> int:
    """The length in days of the longest closed interval stored (0 when there is none): one index look-up."""
    expression = SPAN_SQL[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({expression}) FROM events_event")
        (value,) = cursor.fetchone()
    return int(value or 0)


EVENT_KEYSET = ("sort_date", "id")
ACTOR_KEYSET = ("actor_sort", "actor_event")


def for_actor(queryset, actor):
    """`queryset` narrowed to `actor`'s events through their timeline rows, whose columns are aliased as
    ACTOR_KEYSET (an alias reuses the filter's join; a second filter() across the relation would not)."""
    return queryset.filter(actor_rows__actor=actor).alias(
        actor_sort=F("actor_rows__sort_date"), actor_event=F("actor_rows__event"))


def _ordered(qs, keyset: tuple[str, str] = EVENT_KEYSET):
    return qs.order_by(*keyset)


def _keyset(segment) -> tuple[str, str]:
    """The (date, id) names `segment` is ordered by: EVENT_KEYSET or ACTOR_KEYSET."""
    order = tuple(segment.query.order_by)
    return order if order in (EVENT_KEYSET, ACTOR_KEYSET) else EVENT_KEYSET


def segments(filtered, date_from: date | None = None, date_to: date | None = None,
             keyset: tuple[str, str] = EVENT_KEYSET) -> list:
    """The disjoint parts of `filtered` (already narrowed to the date range) in timeline order.

    A part is a queryset, or a list of querysets whose rows interleave and are merged by (sort_date, id).
    `keyset` is ACTOR_KEYSET when `filtered` comes from `for_actor`.
    """
    sd = keyset[0]
    dated = filtered.filter(**{f"{sd}__isnull": False})
    parts: list = []
    if date_from:
        before = filtered.filter(sort_date__isnull=False, sort_date__lt=date_from)
        window = date_from - timedelta(days=min(longest_interval_days(), (date_from - date.min).days))
        parts.append([
            _ordered(before.filter(date_latest__isnull=True)),
            _ordered(before.filter(_not_single_day(), sort_date__gte=window, date_latest__isnull=False)),
        ])
        dated = dated.filter(**{f"{sd}__gte": date_from})
    if date_to:
        parts.append(_ordered(dated.filter(**{f"{sd}__lte": date_to}), keyset))
        parts.append(_ordered(filtered.filter(sort_date__isnull=False, sort_date__gt=date_to,
                                              date_earliest__isnull=True)))
    else:
        parts.append(_ordered(dated, keyset))
    parts.append(_ordered(filtered.filter(**{f"{sd}__isnull": True}), keyset))
    return parts


def after_undated(segment, cursor):
    """The undated rows after `cursor`: all of them after a dated cursor, those of higher id after an undated one."""
    if cursor is None or cursor[0] is not None:
        return segment
    _sd, pk = _keyset(segment)
    return segment.filter(**{f"{pk}__gt": cursor[1]})


def after_dated(segment, cursor):
    """The rows of a dated segment after `cursor`, in a form its index range-scans.

    sort_date >= d is the range; the rows of day d up to the cursor's id are the only ones it skips
    (an OR of 'later day' and 'same day, higher id' would make the database scan from the start).
    """
    if cursor is None:
        return segment
    sort_date, pk = cursor
    if sort_date is None:
        return segment.none()
    sd, id_ = _keyset(segment)
    return segment.filter(**{f"{sd}__gte": sort_date}).exclude(**{sd: sort_date, f"{id_}__lte": pk})


def page_rows(parts, cursor, size: int) -> list:
    """Up to `size` rows after `cursor` across the segments, in order (one query per queryset)."""
    rows: list = []
    for i, part in enumerate(parts):
        after = after_undated if i == len(parts) - 1 else after_dated
        # Each segment is asked for what is still missing, at least one row, so the number of queries is fixed.
        wanted = max(1, size - len(rows))
        if isinstance(part, list):
            merged = [row for qs in part for row in after(qs, cursor)[:wanted]]
            merged.sort(key=lambda e: (e.sort_date, e.pk))
            rows.extend(merged[:wanted])
        else:
            rows.extend(after(part, cursor)[:wanted])
    return rows[:size]


def capped_count(parts, cap: int) -> int:
    """The number of rows in the segments, counted up to cap + 1 rows per query (so its cost is bounded).

    Each count keeps its segment's ORDER BY: with it the database reads the first cap + 1 entries of the
    index that serves the page; without it PostgreSQL may prefer a scan (or a hash join) that visits more
    rows than the cap (all of an actor's participations, every event for a text search).
    """
    total = 0
    for part in parts:
        for qs in part if isinstance(part, list) else [part]:
            total += qs[: cap + 1].count()
    return total
