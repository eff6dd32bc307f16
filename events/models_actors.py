"""Each actor's events in timeline order: a copy of the participation table with the event's sort date.

The join table of Event.participants has no date, so the events of one actor (their page, the
participant filter) could only be found by the actor and then sorted, a cost that grows with the actor's
events. This table repeats (actor, event) with the event's sort_date and is indexed on
(actor, sort_date, event): a page of an actor's events is a range scan of that index from the cursor
(events/views/paging.py orders and cuts by these columns when the filter names a participant).

Kept in step by signals: participants added, removed or cleared (either side of the relation), an
event's sort date changed by a save; rows go with their event or actor (CASCADE). Ways that bypass
signals (bulk_create on the join table, raw SQL) must be followed by `manage.py rebuild_timeline_tables`.
"""
from __future__ import annotations

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver


class ActorTimeline(models.Model):
    actor = models.ForeignKey("events.Actor", on_delete=models.CASCADE, related_name="timeline_rows")
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="actor_rows")
    sort_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor", "event"], name="actor_timeline_unique")]
        indexes = [models.Index(fields=["actor", "sort_date", "event"], name="actor_timeline_order")]

    def __str__(self):
        return f"actor {self.actor_id}, event {self.event_id} ({self.sort_date})"


def rebuild(using: str = "default", event_model=None, row_model=None) -> int:
    """Copy every participation with its event's sort date (one INSERT ... SELECT); returns the rows made."""
    if event_model is None:
        from events.models import Event as event_model
    row_model = row_model or ActorTimeline
    through = event_model.participants.through
    from django.db import connections

    conn = connections[using]
    q = conn.ops.quote_name
    table, join, events = q(row_model._meta.db_table), q(through._meta.db_table), q(event_model._meta.db_table)
    with transaction.atomic(using=using), conn.cursor() as c:
        c.execute(f"DELETE FROM {table}")
        c.execute(
            f"INSERT INTO {table} (actor_id, event_id, sort_date)"
            f" SELECT p.actor_id, p.event_id, e.sort_date FROM {join} p JOIN {events} e ON e.id = p.event_id"
        )
        c.execute(f"SELECT COUNT(*) FROM {table}")
        return c.fetchone()[0]


def _connect():
    from events.models import Event

    through = Event.participants.through

    @receiver(m2m_changed, sender=through, dispatch_uid="actor_timeline_m2m")
    def _participants_changed(sender, instance, action, reverse, model, pk_set, using="default", **kwargs):
        rows = ActorTimeline.objects.using(using)
        if action == "post_add" and pk_set:
            if reverse:  # actor.events.add(events)
                dates = dict(Event.all_objects.using(using).filter(pk__in=pk_set).values_list("pk", "sort_date"))
                new = [ActorTimeline(actor_id=instance.pk, event_id=pk, sort_date=dates.get(pk)) for pk in pk_set]
            else:  # event.participants.add(actors)
                new = [ActorTimeline(actor_id=pk, event_id=instance.pk, sort_date=instance.sort_date) for pk in pk_set]
            rows.bulk_create(new, ignore_conflicts=True)
        elif action == "post_remove" and pk_set:
            if reverse:
                rows.filter(actor_id=instance.pk, event_id__in=pk_set).delete()
            else:
                rows.filter(event_id=instance.pk, actor_id__in=pk_set).delete()
        elif action == "post_clear":
            rows.filter(**{"actor_id" if reverse else "event_id": instance.pk}).delete()

    @receiver(post_save, sender=Event, dispatch_uid="actor_timeline_sort_date")
    def _event_saved(sender, instance, created, raw=False, using="default", update_fields=None, **kwargs):
        if raw or created:
            return  # a new event has no participants yet
        if update_fields is not None and not {"sort_date", "date_earliest", "date_latest"} & set(update_fields):
            return
        ActorTimeline.objects.using(using).filter(event_id=instance.pk).exclude(sort_date=instance.sort_date).update(
            sort_date=instance.sort_date)


_connect()
