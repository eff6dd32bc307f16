"""The chart's counts per actor: each actor's visible events per month × type × status × verified × kind of date.

The chart filtered by a participant (events/chart.py) reads these cells as the unfiltered chart reads
ChartCount (events/models_chart.py), so its cost follows the actor's months, not the actor's events.
A cell is the same as ChartCount's (models_chart.cell_of) with the actor in front.

Kept in step by signals:
- an event saved with a counted field changed: its participants' counts move from the old cell to the new
  one (the old cell is the stored row's, read by models_chart's pre_save into `instance._chart_cell`);
- participants added, removed or cleared, on either side of the relation: the pairs that really changed
  (Django's remove and clear report the ids asked for, so the existing pairs are read before);
- an event deleted: its participants' counts, read before the cascade takes the participations.
An actor's cells go with the actor (CASCADE). Ways that bypass signals (bulk_create on the join table, raw
SQL, QuerySet.update of a counted field) must be followed by `manage.py rebuild_timeline_tables`.
"""
from __future__ import annotations

from collections import Counter

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from events.models_chart import COUNTED_FIELDS, ChartCell, cell_of, increment


class ActorChartCount(ChartCell):
    actor = models.ForeignKey("events.Actor", on_delete=models.CASCADE, related_name="chart_counts")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "month", "kind", "type", "status", "verified"],
                                    name="actor_chart_count_cell"),
        ]
        # The actor, then the columns of the chart's GROUP BY (kind, month) and its filters: an actor's chart
        # reads this index alone, each kind's range of months a range scan.
        indexes = [models.Index(fields=["actor", "kind", "month", "type", "status", "verified", "n"],
                                name="actor_chart_count_scan")]

    def __str__(self):
        return f"actor {self.actor_id} {self.month} {self.type} {self.status} verified={self.verified} {self.kind}: {self.n}"


def add(counts: Counter, using: str = "default") -> None:
    """Add each {(actor_id, cell): delta} (cells created at 0 when missing), by upserts done by the database."""
    rows = [(actor, *cell, delta) for (actor, cell), delta in counts.items() if cell is not None and delta]
    increment(ActorChartCount, rows, using, key=("actor_id",))


def _pair_cells(pairs, using: str) -> Counter:
    """{(actor_id, cell): number} for (actor_id, event_id) pairs, the cells read from the stored events."""
    from events.models import Event

    pairs = list(pairs)
    if not pairs:
        return Counter()
    cells = {row["pk"]: cell_of(row) for row in Event.all_objects.using(using).filter(
        pk__in={e for _a, e in pairs}).values("pk", *COUNTED_FIELDS)}
    return Counter((actor, cells.get(event)) for actor, event in pairs)


def _negated(counts: Counter) -> Counter:
    return Counter({key: -n for key, n in counts.items()})


def rebuild(using: str = "default", event_model=None, count_model=None) -> int:
    """Recount every actor's cells from the participations of visible events; returns the number of cells."""
    if event_model is None:
        from events.models import Event as event_model
    count_model = count_model or ActorChartCount
    names = [f for f in COUNTED_FIELDS if f != "rejected"]
    rows = event_model.participants.through.objects.using(using).filter(event__rejected=False).values_list(
        "actor_id", *[f"event__{f}" for f in names])
    cells: Counter = Counter()
    for actor, *values in rows.iterator(chunk_size=5000):
        cells[(actor, cell_of({**dict(zip(names, values, strict=True)), "rejected": False}))] += 1
    with transaction.atomic(using=using):
        count_model.objects.using(using).all().delete()
        count_model.objects.using(using).bulk_create(
            [count_model(actor_id=a, month=m, type=t, status=s, verified=v, kind=k, n=n)
             for (a, (m, t, s, v, k)), n in cells.items()],
            batch_size=2000,
        )
    return len(cells)


def _connect():
    from events.models import Event

    through = Event.participants.through

    @receiver(post_save, sender=Event, dispatch_uid="actor_chart_counts_post_save")
    def _after_save(sender, instance, created, raw=False, using="default", update_fields=None, **kwargs):
        if raw or created:
            return  # a new event has no participants yet
        old = getattr(instance, "_chart_cell", False)  # False: the counted fields were not written
        if old is False:
            return
        new = cell_of({f: getattr(instance, f) for f in COUNTED_FIELDS})
        if old == new:
            return
        actors = list(through.objects.using(using).filter(event_id=instance.pk).values_list("actor_id", flat=True))
        moves: Counter = Counter()
        for actor in actors:
            moves[(actor, old)] -= 1
            moves[(actor, new)] += 1
        add(moves, using)

    def _pairs(instance, reverse: bool, pk_set) -> list[tuple[int, int]]:
        return [(instance.pk, pk) if reverse else (pk, instance.pk) for pk in pk_set]

    def _existing(instance, reverse: bool, pk_set, using: str) -> list[tuple[int, int]]:
        """The (actor_id, event_id) pairs that exist now among those a remove or clear names."""
        rows = through.objects.using(using)
        rows = rows.filter(actor_id=instance.pk) if reverse else rows.filter(event_id=instance.pk)
        if pk_set is not None:
            rows = rows.filter(**{"event_id__in" if reverse else "actor_id__in": pk_set})
        return list(rows.values_list("actor_id", "event_id"))

    @receiver(m2m_changed, sender=through, dispatch_uid="actor_chart_counts_m2m")
    def _participants_changed(sender, instance, action, reverse, model, pk_set, using="default", **kwargs):
        if action == "post_add" and pk_set:  # Django reports only the pairs it added
            add(_pair_cells(_pairs(instance, reverse, pk_set), using), using)
        elif action in ("pre_remove", "pre_clear"):
            instance._actor_chart_removed = _existing(instance, reverse, pk_set if action == "pre_remove" else None,
                                                      using)
        elif action in ("post_remove", "post_clear"):
            removed = getattr(instance, "_actor_chart_removed", [])
            instance._actor_chart_removed = []
            add(_negated(_pair_cells(removed, using)), using)

    @receiver(pre_delete, sender=Event, dispatch_uid="actor_chart_counts_pre_delete")
    def _before_delete(sender, instance, using="default", **kwargs):
        # One join: the participations with their event's counted fields, before the cascade takes them.
        rows = through.objects.using(using).filter(event_id=instance.pk).values_list(
            "actor_id", *[f"event__{f}" for f in COUNTED_FIELDS])
        instance._actor_chart_removed = Counter(
            (actor, cell_of(dict(zip(COUNTED_FIELDS, values, strict=True)))) for actor, *values in rows)

    @receiver(post_delete, sender=Event, dispatch_uid="actor_chart_counts_post_delete")
    def _after_delete(sender, instance, using="default", **kwargs):
        add(_negated(getattr(instance, "_actor_chart_removed", Counter())), using)


_connect()
