"""The chart's counts kept in a table: visible events per month × type × status × verified × kind of date.

The chart (events/chart.py) reads these cells instead of aggregating every filtered event, so its cost
follows the number of months (times the types and kinds that occur in them), not the number of events.

Kept in step by signals on Event (every way in saves or deletes events one by one: ingest, the admin,
editorial actions, backups' restore): each save reads the row's cell as stored (one look-up by primary key),
then adds one to the new cell and takes one from the old, by an upsert `n = n + 1` done by the database. Ways that bypass
signals (bulk_create, QuerySet.update of a counted field, raw SQL) must be followed by
`manage.py rebuild_chart_counts`, which recounts every cell from the events.
"""
from __future__ import annotations

from django.db import models, transaction
from django.db.models import Count
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

# An event known to the day or the week is 'precise'; a closed interval known only to a month, a season or
# a year is 'fuzzy' (drawn as a lighter stack); open intervals and unknown dates are not drawn.
PRECISE_GRANULARITIES = ("time", "day", "week")
PRECISE, FUZZY, OPEN_END, OPEN_START, UNDATED = "precise", "fuzzy", "open_end", "open_start", "undated"
CLOSED_KINDS = (PRECISE, FUZZY)
UNDATED_MONTH = 0  # the month key of an event with no date at all

# The Event fields a cell depends on.
COUNTED_FIELDS = ("type", "status", "verified", "rejected", "date_earliest", "date_latest", "granularity")


def month_key(d) -> int:
    """201806 for any day of June 2018."""
    return d.year * 100 + d.month


class ChartCell(models.Model):
    """One cell of the chart's counts: the fields both count tables share (this one and ActorChartCount)."""

    month = models.IntegerField(help_text="Year × 100 + month of the event's sort date; 0 for an undated event.")
    type = models.CharField(max_length=20)
    status = models.CharField(max_length=10)
    verified = models.BooleanField()
    kind = models.CharField(max_length=10, help_text="precise, fuzzy, open_end, open_start or undated.")
    n = models.IntegerField(default=0)

    class Meta:
        abstract = True


class ChartCount(ChartCell):
    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "kind", "type", "status", "verified"], name="chart_count_cell"),
        ]
        # Every column, in the order of the chart's GROUP BY (kind, month): the chart reads this index alone, with
        # no look-up in the table, each kind's range of months (events/chart.py: table_counts) a range scan.
        indexes = [models.Index(fields=["kind", "month", "type", "status", "verified", "n"], name="chart_count_kind_scan")]

    def __str__(self):
        return f"{self.month} {self.type} {self.status} verified={self.verified} {self.kind}: {self.n}"


def kind_of(earliest, latest, granularity: str) -> tuple[int, str]:
    """(month key, kind) of an event's dates."""
    if earliest is None and latest is None:
        return UNDATED_MONTH, UNDATED
    if latest is None:
        return month_key(earliest), OPEN_END
    if earliest is None:
        return month_key(latest), OPEN_START
    return month_key(earliest), PRECISE if earliest == latest or granularity in PRECISE_GRANULARITIES else FUZZY


def cell_of(values: dict) -> tuple | None:
    """The cell (month, type, status, verified, kind) an event with these field values is counted in; None if
    it is not counted (rejected)."""
    if values["rejected"]:
        return None
    month, kind = kind_of(values["date_earliest"], values["date_latest"], values["granularity"] or "")
    return month, values["type"], values["status"], bool(values["verified"]), kind


CELL_COLUMNS = ("month", "type", "status", "verified", "kind")  # the order of cell_of's tuple


def increment(model, rows: list[tuple], using: str = "default", key: tuple[str, ...] = ()) -> None:
    """Add each row's last value to the `n` of its cell of `model` (created at 0 when missing). A row is the
    `key` columns (ActorChartCount's actor_id), then a cell as cell_of gives it, then the delta. Both SQLite
    (3.24+) and PostgreSQL upsert; the increment is done by the database, under its row lock."""
    if not rows:
        return
    from django.db import connections

    conn = connections[using]
    table = conn.ops.quote_name(model._meta.db_table)
    columns = (*key, *CELL_COLUMNS)
    unique = (*key, "month", "kind", "type", "status", "verified")  # the cell's unique constraint
    with conn.cursor() as c:
        c.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}, n) VALUES ({', '.join(['%s'] * (len(columns) + 1))})"
            f" ON CONFLICT ({', '.join(unique)}) DO UPDATE SET n = {table}.n + excluded.n",
            rows,
        )


def add(cell: tuple | None, delta: int, using: str = "default") -> None:
    """Add `delta` to one cell (created at 0 when missing)."""
    if cell is not None and delta:
        increment(ChartCount, [(*cell, delta)], using)


def rebuild(using: str = "default", event_model=None, count_model=None) -> int:
    """Recount every cell from the visible events (one grouped query); returns the number of cells.

    The models may be given (a migration passes its historical ones)."""
    if event_model is None:
        from events.models import Event as event_model
    count_model = count_model or ChartCount
    cells: dict[tuple, int] = {}
    rows = (
        event_model._base_manager.using(using).filter(rejected=False).order_by()
        .values("type", "status", "verified", "date_earliest", "date_latest", "granularity")
        .annotate(n=Count("id"))
    )
    for row in rows.iterator(chunk_size=5000):
        cell = cell_of({**row, "rejected": False})
        cells[cell] = cells.get(cell, 0) + row["n"]
    with transaction.atomic(using=using):
        count_model.objects.using(using).all().delete()
        count_model.objects.using(using).bulk_create(
            [count_model(month=m, type=t, status=s, verified=v, kind=k, n=n) for (m, t, s, v, k), n in cells.items()],
            batch_size=2000,
        )
    return len(cells)


# --- signals: every save and delete of an Event moves one count ----------------------------------------


def _stored_cell(instance, using: str) -> tuple | None | bool:
    """The cell of the row as stored now (one look-up by primary key, locking the row inside a transaction),
    False when there is no such row."""
    from django.db import connections

    from events.models import Event

    rows = Event.all_objects.using(using).filter(pk=instance.pk)
    if connections[using].in_atomic_block:
        rows = rows.select_for_update()
    values = rows.values(*COUNTED_FIELDS).first()
    return False if values is None else cell_of(values)


def _writes_counted(update_fields) -> bool:
    return update_fields is None or bool(set(update_fields) & set(COUNTED_FIELDS))


def _connect():
    from events.models import Event

    # The cell before a change is read from the row, not from the instance: an instance may be stale
    # (refresh_from_db, another request's edit), and a stale guess would move the wrong count.
    @receiver(pre_save, sender=Event, dispatch_uid="chart_counts_pre_save")
    def _before_save(sender, instance, raw=False, using="default", update_fields=None, **kwargs):
        instance._chart_cell = False
        if not raw and instance.pk is not None and _writes_counted(update_fields):
            instance._chart_cell = _stored_cell(instance, using)

    @receiver(post_save, sender=Event, dispatch_uid="chart_counts_post_save")
    def _after_save(sender, instance, created, raw=False, using="default", update_fields=None, **kwargs):
        if raw or not _writes_counted(update_fields):
            return
        old = getattr(instance, "_chart_cell", False)
        new = cell_of({f: getattr(instance, f) for f in COUNTED_FIELDS})
        if old != new:
            if old is not False:
                add(old, -1, using)
            add(new, 1, using)

    @receiver(pre_delete, sender=Event, dispatch_uid="chart_counts_pre_delete")
    def _before_delete(sender, instance, using="default", **kwargs):
        instance._chart_cell = _stored_cell(instance, using)

    @receiver(post_delete, sender=Event, dispatch_uid="chart_counts_post_delete")
    def _after_delete(sender, instance, using="default", **kwargs):
        old = getattr(instance, "_chart_cell", False)
        if old is not False:
            add(old, -1, using)


_connect()
