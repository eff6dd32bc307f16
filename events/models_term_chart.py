"""The chart's counts per word of the search index: for a one-word search, the chart reads cells, not matches.

A text search (events/search.py) matches an event when a word of its sentences, its articles' titles or its
location is found by the backend's full-text index (FTS5 with porter stemming on SQLite, to_tsvector on
PostgreSQL), or when one of its participants' aliases contains the word. Counting the matches of a common
word event by event grows with them, so each event's terms are kept here, as the backend's own tokenizer
reads its texts (never a stemmer of ours), with the chart cell (events/models_chart.py: cell_of) the event was
counted in:

- EventTerm: one row per event and distinct term of its sentences and titles (`place` False), or of its
  location (`place` True, tokenized as the search reads locations: PostgreSQL's 'simple' configuration);
- TermChartCount: ChartCount's cells per text term, the visible events that have the term.

The chart of a search answers from TermChartCount only when that is exact (events/chart.py: term_for): one
searched word, whose prefix (the last word of a search is a prefix) names exactly one text term of the
index, names no location term, and is in no alias; otherwise it counts the matches themselves.

Kept in step by signals: an event saved or deleted, a mention saved (also moved to another event) or
deleted, an article's title saved. Ways that bypass signals (bulk_create, QuerySet.update, raw SQL) must be
followed by `manage.py rebuild_timeline_tables`; the admin's split, which moves mentions by an update,
calls `refresh` itself.
"""
from __future__ import annotations

import threading
from collections import Counter

from django.db import connections, models, transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from events.models_chart import COUNTED_FIELDS, ChartCell, cell_of, increment

# Longer terms are stored cut to this length; a search for a term this long is counted from its matches.
TERM_MAX = 200
_TOKENIZE = "porter unicode61 remove_diacritics 2"  # events/search_index.py's, for every SQLite FTS table


class EventTerm(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    term = models.TextField()
    place = models.BooleanField(default=False, help_text="A term of the event's location, not of its texts.")
    # The cell the event was counted in when its terms were last read ('counted' False: not counted, rejected).
    counted = models.BooleanField(default=True)
    month = models.IntegerField(default=0)
    type = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=10, blank=True)
    verified = models.BooleanField(default=False)
    kind = models.CharField(max_length=10, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "place", "term"], name="event_term_unique")]
        # The vocabulary's look-ups: the first term at or after a prefix, of the texts or of the locations.
        indexes = [models.Index(fields=["place", "term"], name="event_term_vocabulary")]

    def __str__(self):
        return f"event {self.event_id} {'place' if self.place else 'text'} term {self.term!r}"

    def cell(self) -> tuple | None:
        return (self.month, self.type, self.status, self.verified, self.kind) if self.counted else None


class TermChartCount(ChartCell):
    term = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "month", "kind", "type", "status", "verified"],
                                               name="term_chart_count_cell")]
        indexes = [models.Index(fields=["term", "kind", "month", "type", "status", "verified", "n"],
                                name="term_chart_count_scan")]

    def __str__(self):
        return f"{self.term!r} {self.month} {self.type} {self.status} verified={self.verified} {self.kind}: {self.n}"


# --- the backend's tokenizer ----------------------------------------------------------------------


def _sqlite_probe(cursor) -> None:
    """A temporary FTS5 table with the search's tokenizer, and its vocabulary (per connection, never written
    to the main database, so a reading request takes no write lock)."""
    cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_probe USING fts5(t, tokenize='{_TOKENIZE}')")
    cursor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_probe_words USING fts5vocab(temp, term_probe, instance)")


def tokenize(docs: dict[int, list[str]], place: dict[int, bool], using: str = "default") -> dict[int, set[str]]:
    """{key: the distinct terms of its texts} as the backend's search index reads them; `place[key]` says
    whether the texts are locations (PostgreSQL reads them with the 'simple' configuration)."""
    conn = connections[using]
    result: dict[int, set[str]] = {key: set() for key in docs}
    items = [(key, text) for key, texts in docs.items() for text in texts if text]
    if not items:
        return result
    with conn.cursor() as c:
        if conn.vendor == "postgresql":
            values = ", ".join(["(%s, %s, %s)"] * len(items))
            params = [p for key, text in items for p in (key, text, "simple" if place.get(key) else "english")]
            c.execute(f"SELECT DISTINCT d.k, unnest(tsvector_to_array(to_tsvector(d.cfg::regconfig, d.t)))"
                      f" FROM (VALUES {values}) AS d(k, t, cfg)", params)
        elif conn.vendor == "sqlite":
            _sqlite_probe(c)
            c.execute("DELETE FROM temp.term_probe")
            c.executemany("INSERT INTO temp.term_probe(rowid, t) VALUES (%s, %s)",
                          [(i, text) for i, (_key, text) in enumerate(items, start=1)])
            keys = {i: key for i, (key, _text) in enumerate(items, start=1)}
            c.execute("SELECT DISTINCT doc, term FROM temp.term_probe_words")
            rows = [(keys[doc], term) for doc, term in c.fetchall()]
            c.execute("DELETE FROM temp.term_probe")
            for key, term in rows:
                result[key].add(term)
            return result
        else:
            raise NotImplementedError(conn.vendor)
        for key, term in c.fetchall():
            result[key].add(term)
    return result


def query_term(word: str, place: bool = False, using: str = "default") -> str | None:
    """The one term the search index makes of `word` (None when it makes none or several)."""
    terms = tokenize({0: [word]}, {0: place}, using)[0]
    return next(iter(terms)) if len(terms) == 1 else None


# --- keeping the terms in step ----------------------------------------------------------------------


_deleting = threading.local()


def _being_deleted() -> set:
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids


def _texts(event_ids, using: str) -> tuple[dict[int, list[str]], dict[int, tuple | None]]:
    """The texts of each event ({(event_id, place): [text]}) and its (cell, counted), read from the stored rows."""
    from events.models import Event, Mention

    # Locked (PostgreSQL): two refreshes of one event, from two transactions, take their turns, so that the second
    # reads the terms the first stored.
    events = {row["pk"]: row for row in Event.all_objects.using(using).select_for_update().filter(
        pk__in=event_ids).order_by("pk").values("pk", "location", *COUNTED_FIELDS)}
    texts: dict[tuple, list[str]] = {}
    for pk, row in events.items():
        texts[(pk, False)] = []
        texts[(pk, True)] = [row["location"]]
    for event_id, sentence, title in Mention.all_objects.using(using).filter(event_id__in=events).values_list(
            "event_id", "sentence", "article__title"):
        texts[(event_id, False)] += [sentence, title]
    # The cell as if counted (so that a rejected event's rows read as the rebuild writes them), and whether it is.
    return texts, {pk: (cell_of({**row, "rejected": False}), not row["rejected"]) for pk, row in events.items()}


def refresh(event_ids, using: str = "default") -> None:
    """Read the terms of these events again and move their cells' counts (a missing event has none)."""
    event_ids = {pk for pk in event_ids if pk is not None} - _being_deleted()
    if not event_ids:
        return
    with transaction.atomic(using=using):
        texts, cells = _texts(event_ids, using)
        keys = list(texts)
        numbered = {i: key for i, key in enumerate(keys)}
        terms = tokenize({i: texts[key] for i, key in numbered.items()}, {i: key[1] for i, key in numbered.items()},
                         using)
        stored = list(EventTerm.objects.using(using).filter(event_id__in=event_ids))
        moves: Counter = Counter()
        for row in stored:
            if not row.place and row.counted:
                moves[(row.term, row.cell())] -= 1
        new = []
        for i, (event_id, place) in numbered.items():
            cell, counted = cells[event_id]
            month, type_, status, verified, kind = cell
            for term in {t[:TERM_MAX] for t in terms[i]}:
                new.append(EventTerm(event_id=event_id, term=term, place=place, counted=counted,
                                     month=month, type=type_, status=status, verified=verified, kind=kind))
                if not place and counted:
                    moves[(term, cell)] += 1
        EventTerm.objects.using(using).filter(event_id__in=event_ids).delete()
        EventTerm.objects.using(using).bulk_create(new, batch_size=2000, ignore_conflicts=True)
        increment(TermChartCount, [(term, *cell, n) for (term, cell), n in moves.items() if n], using, key=("term",))


def _month_sql(vendor: str, column: str) -> str:
    if vendor == "postgresql":
        return f"(EXTRACT(YEAR FROM {column}) * 100 + EXTRACT(MONTH FROM {column}))::integer"
    return f"CAST(substr({column}, 1, 4) || substr({column}, 6, 2) AS INTEGER)"


def rebuild(using: str = "default") -> int:
    """Read every event's terms again from the search index (one INSERT ... SELECT per source) and recount the
    cells; returns the number of cells."""
    conn = connections[using]
    vendor = conn.vendor
    e = "e"
    month = (f"CASE WHEN {e}.date_earliest IS NULL AND {e}.date_latest IS NULL THEN 0"
             f" WHEN {e}.date_earliest IS NULL THEN {_month_sql(vendor, e + '.date_latest')}"
             f" ELSE {_month_sql(vendor, e + '.date_earliest')} END")
    kind = (f"CASE WHEN {e}.date_earliest IS NULL AND {e}.date_latest IS NULL THEN 'undated'"
            f" WHEN {e}.date_latest IS NULL THEN 'open_end' WHEN {e}.date_earliest IS NULL THEN 'open_start'"
            f" WHEN {e}.date_earliest = {e}.date_latest OR {e}.granularity IN ('time', 'day', 'week') THEN 'precise'"
            f" ELSE 'fuzzy' END")
    if vendor == "postgresql":
        sources = [
            ("false", "SELECT m.event_id, unnest(tsvector_to_array(to_tsvector('english', m.sentence))) AS term"
                      " FROM events_mention m"
                      " UNION SELECT m.event_id, unnest(tsvector_to_array(to_tsvector('english', a.title)))"
                      " FROM events_mention m JOIN events_article a ON a.id = m.article_id"),
            ("true", "SELECT x.id AS event_id, unnest(tsvector_to_array(to_tsvector('simple', x.location))) AS term"
                     " FROM events_event x"),
        ]
    elif vendor == "sqlite":
        sources = [
            ("0", "SELECT m.event_id, v.term FROM temp.term_mentions v JOIN events_mention m ON m.id = v.doc"
                  " UNION SELECT m.event_id, v.term FROM temp.term_titles v JOIN events_mention m ON m.article_id = v.doc"),
            ("1", "SELECT v.doc AS event_id, v.term FROM temp.term_places v"),
        ]
    else:
        raise NotImplementedError(vendor)
    with transaction.atomic(using=using), conn.cursor() as c:
        if vendor == "sqlite":
            for name, fts in (("term_mentions", "events_mention_fts"), ("term_titles", "events_article_fts"),
                              ("term_places", "events_event_fts")):
                c.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{name} USING fts5vocab(main, {fts}, instance)")
        c.execute("DELETE FROM events_eventterm")
        c.execute("DELETE FROM events_termchartcount")
        for place, select in sources:
            c.execute(
                "INSERT INTO events_eventterm (event_id, term, place, counted, month, type, status, verified, kind)"
                f" SELECT DISTINCT t.event_id, substr(t.term, 1, {TERM_MAX}), {place}, NOT e.rejected, {month},"
                f" e.type, e.status, e.verified, {kind} FROM ({select}) AS t JOIN events_event e ON e.id = t.event_id"
            )
        c.execute(
            "INSERT INTO events_termchartcount (term, month, kind, type, status, verified, n)"
            " SELECT term, month, kind, type, status, verified, COUNT(*) FROM events_eventterm"
            f" WHERE place = {sources[0][0]} AND counted GROUP BY term, month, kind, type, status, verified"
        )
        c.execute("SELECT COUNT(*) FROM events_termchartcount")
        return c.fetchone()[0]


def _connect():
    from events.models import Article, Event, Mention

    read = (*COUNTED_FIELDS, "location")  # what an event's terms and cell depend on, of its own fields

    @receiver(pre_save, sender=Event, dispatch_uid="term_chart_pre_save")
    def _event_saving(sender, instance, raw=False, using="default", update_fields=None, **kwargs):
        instance._term_stored = None
        if not raw and instance.pk is not None and (update_fields is None or set(update_fields) & set(read)):
            instance._term_stored = Event.all_objects.using(using).filter(pk=instance.pk).values(*read).first()

    @receiver(post_save, sender=Event, dispatch_uid="term_chart_post_save")
    def _event_saved(sender, instance, created, raw=False, using="default", update_fields=None, **kwargs):
        if raw or (update_fields is not None and not set(update_fields) & set(read)):
            return
        stored = getattr(instance, "_term_stored", None)
        if created and not instance.location:
            return  # no mention yet, no place: no term
        if stored is not None and all(stored[f] == getattr(instance, f) for f in read):
            return  # nothing it depends on changed
        refresh([instance.pk], using)

    @receiver(pre_delete, sender=Event, dispatch_uid="term_chart_pre_delete")
    def _event_deleting(sender, instance, using="default", **kwargs):
        rows = EventTerm.objects.using(using).filter(event_id=instance.pk, place=False, counted=True)
        instance._term_cells = Counter((row.term, row.cell()) for row in rows)
        _being_deleted().add(instance.pk)  # its mentions' deletions must not read its terms again

    @receiver(post_delete, sender=Event, dispatch_uid="term_chart_post_delete")
    def _event_deleted(sender, instance, using="default", **kwargs):
        _being_deleted().discard(instance.pk)
        cells = getattr(instance, "_term_cells", Counter())
        increment(TermChartCount, [(term, *cell, -n) for (term, cell), n in cells.items()], using, key=("term",))

    @receiver(pre_save, sender=Mention, dispatch_uid="term_chart_mention_pre_save")
    def _mention_saving(sender, instance, raw=False, using="default", **kwargs):
        instance._term_old_event = None
        if not raw and instance.pk is not None:
            instance._term_old_event = Mention.all_objects.using(using).filter(pk=instance.pk).values_list(
                "event_id", flat=True).first()

    @receiver(post_save, sender=Mention, dispatch_uid="term_chart_mention_post_save")
    def _mention_saved(sender, instance, raw=False, using="default", **kwargs):
        if not raw:
            refresh({instance.event_id, getattr(instance, "_term_old_event", None)}, using)

    @receiver(post_delete, sender=Mention, dispatch_uid="term_chart_mention_post_delete")
    def _mention_deleted(sender, instance, using="default", **kwargs):
        refresh([instance.event_id], using)

    @receiver(post_save, sender=Article, dispatch_uid="term_chart_article_post_save")
    def _article_saved(sender, instance, created, raw=False, using="default", update_fields=None, **kwargs):
        if raw or created or (update_fields is not None and "title" not in update_fields):
            return
        refresh(set(Mention.all_objects.using(using).filter(article_id=instance.pk).values_list("event_id", flat=True)),
                using)


_connect()
