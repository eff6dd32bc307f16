#!/usr/bin/env python
"""How the cost of the timeline's pages grows with the number of stored events.

Fills a throw-away database (a temporary SQLite file, or the PostgreSQL server named by
DATABASE_URL, in a database of its own that is dropped afterwards) with N synthetic events, each
with two participants (and a third, the same busy actor, in every tenth) and a mention (a tenth known only to the month, one in fifty open-ended and one in fifty with an open start, a
fixed twenty with the word 'wreath' in their sentence whatever N; an article for every ten events),
then, through Django's test client, times every page: the first page, a page 90% deep (by its cursor)
and its htmx load-more, each filter (type, participant, date range, text search), an htmx filter
fragment, the chart (unfiltered, by type and dates, by participant alone and with type and dates, by a
rare word and by a common one), an actor page, the articles index, and a CSV export of everything (time
and peak Python memory, by tracemalloc). The bulk load bypasses the signals that keep the chart's counts
and the actors' tables, so it ends with what `manage.py rebuild_timeline_tables` runs.

The sizes are measured in rounds, interleaved (1,000, 100,000, then the table is cut back to 1,000,
then grown again to 100,000, ...), so that a change in the machine's load falls on both sizes; each
round times every page `--repeat` times. It prints, per size, the median over all rounds in
milliseconds and the number of queries, the ratio of the medians, the load average, and after the
largest size the EXPLAIN (ANALYZE on PostgreSQL) of each page's main queries.

    .venv/bin/python benchmarks/timeline.py                        # SQLite, 1,000 and 100,000 events
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/timeline.py --sizes 1000 10000
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPES = ["meeting", "visit", "press_conference", "conference", "summit", "talks", "phone_call", "signing", "ceremony"]
WORDS = ["talks", "visit", "meeting", "ministers", "agreement", "trade", "security", "delegation", "border", "energy"]
HTMX = {"HTTP_HX_REQUEST": "true"}


def setup_django(tmp: Path):
    url = os.environ.get("DATABASE_URL")
    if not url:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    return url is not None


def _dates(i: int, start: date):
    """A day, a month (every tenth), an open end or an open start (every fiftieth each), over 74 years."""
    d = start + timedelta(days=(i * 7919) % 27000)
    if i % 50 == 7:
        return d, None, "open"
    if i % 50 == 17:
        return None, d, "open"  # 'before Jun 2006'
    if i % 10 == 3:
        first = d.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1), "month"
    return d, d, "day"


EVENTS_PER_ARTICLE = 10
# The actor of the participant filter and the actor page: in every tenth event, so that their pages are full at
# every size and their events grow with the table (100 at 1,000 events, 10,000 at 100,000).
BUSY = "Busy actor"


def _articles(lo: int, hi: int):
    """The articles (and their one paragraph) of events lo..hi-1, created in bulk: {event index // 10: paragraph}."""
    from events.models import Article, Paragraph

    keys = range(lo // EVENTS_PER_ARTICLE, (hi - 1) // EVENTS_PER_ARTICLE + 1)
    existing = {p.article.content_hash: p for p in Paragraph.objects.select_related("article").filter(
        article__content_hash__in=[f"{k:064d}" for k in keys])}
    new = [Article(title=f"Report {k}", published=date(2020, 1, 1) + timedelta(days=k % 2000),
                   text="One paragraph.", content_hash=f"{k:064d}") for k in keys if f"{k:064d}" not in existing]
    made = Article.objects.bulk_create(new)
    if made and not all(a.pk for a in made):
        made = list(Article.objects.filter(content_hash__in=[a.content_hash for a in new]))
    paragraphs = Paragraph.objects.bulk_create([Paragraph(article=a, index=0, text="One paragraph.") for a in made])
    for p in paragraphs:
        existing[p.article.content_hash] = p
    return {k: existing[f"{k:064d}"] for k in keys}


def fill(n_events: int, already: int):
    """Add events until there are n_events, in bulk, then recount the chart's cells."""
    from events.models import Actor, Event, Mention

    if already == 0:
        Actor.objects.bulk_create([Actor(name=f"Actor {i}") for i in range(500)])
        Actor.objects.create(name=BUSY)
    actors = list(Actor.objects.exclude(name=BUSY).order_by("pk").values_list("pk", flat=True))
    busy = Actor.objects.get(name=BUSY).pk
    through = Event.participants.through
    start, batch = date(1950, 1, 1), 5000
    for lo in range(already, n_events, batch):
        hi = min(n_events, lo + batch)
        events = []
        for i in range(lo, hi):
            earliest, latest, granularity = _dates(i, start)
            events.append(Event(type=TYPES[i % len(TYPES)], date_earliest=earliest, date_latest=latest,
                                sort_date=earliest or latest, granularity=granularity))
        events = Event.objects.bulk_create(events)
        if not all(e.pk for e in events):
            events = list(Event.objects.order_by("-pk")[: hi - lo])
        through.objects.bulk_create(
            [through(event_id=e.pk, actor_id=actors[(e.pk * k) % len(actors)]) for e in events for k in (1, 7)]
            + [through(event_id=e.pk, actor_id=busy) for i, e in enumerate(events, start=lo) if i % 10 == 5],
            ignore_conflicts=True,
        )

        def sentence(i):
            # Twenty events, whatever the size, laid a wreath; the others had ordinary talks.
            if i < 20:
                return "The visitors laid a wreath at the memorial."
            return f"Officials held {WORDS[i % 10]} on {WORDS[(i // 10) % 10]} and {WORDS[(i // 100) % 10]}."

        paragraphs = _articles(lo, hi)
        Mention.objects.bulk_create([
            Mention(event=e, article_id=paragraphs[(lo + j) // EVENTS_PER_ARTICLE].article_id,
                    paragraph=paragraphs[(lo + j) // EVENTS_PER_ARTICLE], sentence=sentence(lo + j), trigger="held",
                    trigger_start=10, trigger_end=14, sentence_end=40)
            for j, e in enumerate(events)
        ])
    rebuild_derived()
    analyze()


def rebuild_derived():
    """What `manage.py rebuild_timeline_tables` does: the bulk load bypassed the signals that keep them."""
    from events import models_actor_chart, models_actors, models_chart, models_term_chart

    models_chart.rebuild()
    models_actor_chart.rebuild()
    models_actors.rebuild()
    models_term_chart.rebuild()


def analyze():
    from django.db import connection

    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk change; without it the planner guesses
        else:
            c.execute("ANALYZE")


def trim(n_events: int):
    """Cut the tables back to the first n_events events (and their articles), by plain SQL, then recount."""
    from django.db import connection

    from events.models import Event

    last = Event.objects.order_by("pk").values_list("pk", flat=True)[n_events - 1]
    keep_articles = (n_events - 1) // EVENTS_PER_ARTICLE + 1
    with connection.cursor() as c:
        c.execute("DELETE FROM events_mention WHERE event_id > %s", [last])
        c.execute("DELETE FROM events_actortimeline WHERE event_id > %s", [last])
        c.execute("DELETE FROM events_eventterm WHERE event_id > %s", [last])
        c.execute("DELETE FROM events_event_participants WHERE event_id > %s", [last])
        c.execute("DELETE FROM events_event WHERE id > %s", [last])
        c.execute("SELECT id FROM events_article ORDER BY id LIMIT 1 OFFSET %s", [keep_articles - 1])
        (last_article,) = c.fetchone()
        c.execute("DELETE FROM events_paragraph WHERE article_id > %s", [last_article])
        c.execute("DELETE FROM events_article WHERE id > %s", [last_article])
    rebuild_derived()
    analyze()


def measure(client, url: str, extra=None, repeat: int = 5):
    """(the times in ms, number of queries, the queries of the last request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    extra = extra or {}
    client.get(url, **extra)  # warm caches
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        response = client.get(url, **extra)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
        times.append(time.perf_counter() - t)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
    return [t * 1000 for t in times], len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def export_memory(client, url: str) -> float:
    """Peak Python memory (MiB) while streaming the whole export, and the bytes written."""
    tracemalloc.start()
    size = 0
    response = client.get(url)
    for chunk in response.streaming_content:
        size += len(chunk)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20, size


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql)
            return "\n".join(r[0] for r in c.fetchall())
        c.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(r[-1] for r in c.fetchall())


def main_queries(queries: list[str]) -> list[str]:
    """The queries that fetch a page's events (segments of the list, or the chart's counts)."""
    return [q for q in queries if q.startswith(('SELECT "events_event"', 'SELECT "events_article"', "SELECT COUNT"))
            or "GROUP BY" in q]


def pages(size: int):
    from events.models import Actor, Event
    from events.views import encode_cursor

    deep = Event.objects.in_timeline_order()[size * 9 // 10]
    cursor = encode_cursor(deep.sort_date, deep.pk)
    actor = Actor.objects.get(name=BUSY)
    theirs = list(Event.objects.filter(participants=actor).in_timeline_order())
    middle = theirs[len(theirs) // 2]
    actor_cursor = encode_cursor(middle.sort_date, middle.pk)
    return [
        ("first page", "/", None),
        ("90% deep", f"/?after={cursor}", None),
        ("deep load-more", f"/?after={cursor}", HTMX),
        ("type", "/?type=summit", None),
        ("participant", f"/?participant={actor.pk}", None),
        ("participant deep", f"/?participant={actor.pk}&after={actor_cursor}", HTMX),
        ("date range", "/?date_from=1990-01-01&date_to=1990-12-31", None),
        ("date from", "/?date_from=2000-01-01", None),
        ("text search", "/?q=wreath", None),
        ("htmx filter", "/?type=talks&date_from=1980-01-01", HTMX),
        ("chart", "/chart/", HTMX),
        ("chart type+dates", "/chart/?type=summit&type=talks&date_from=1990-01-15&date_to=1995-06-20", HTMX),
        ("chart participant", f"/chart/?participant={actor.pk}", HTMX),
        # Status and dates with the participant: the busy actor has events in this range at 1,000 events too
        # (with type=summit&type=talks it had none, and a chart with no bars draws no SVG).
        ("chart part.+dates", f"/chart/?participant={actor.pk}&status=occurred&date_from=1990-01-15"
                              "&date_to=1995-06-20", HTMX),
        ("chart search", "/chart/?q=wreath", HTMX),
        # 'talks' is in about 27% of the sentences: an id list at 1,000 events, every match walked at 100,000.
        ("chart common word", "/chart/?q=talks", HTMX),
        ("actor page", f"/actors/{actor.pk}/", None),
        ("actor load-more", f"/actors/{actor.pk}/?after={actor_cursor}", HTMX),
        ("articles", "/articles/", None),
    ]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000])
    ap.add_argument("--rounds", type=int, default=2, help="times each size is measured, interleaved (default 2)")
    ap.add_argument("--repeat", type=int, default=7, help="requests per page and round (default 7)")
    ap.add_argument("--no-explain", action="store_true", help="skip the query plans")
    args = ap.parse_args()
    sizes = sorted(args.sizes)
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp))
        from django.db import connection
        from django.test.runner import DiscoverRunner
        from django.test.utils import setup_test_environment

        setup_test_environment()
        runner = DiscoverRunner(verbosity=0, interactive=False)
        old = runner.setup_databases()
        try:
            from django.test import Client

            client = Client()
            print(f"database: {connection.vendor}; {args.rounds} rounds of {args.repeat} requests per page and size;"
                  f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {load()}")
            times: dict[int, dict[str, list[float]]] = {size: {} for size in sizes}
            queries_of: dict[int, dict[str, int]] = {size: {} for size in sizes}
            memory: dict[int, tuple[float, int]] = {}
            plans: dict[str, list[str]] = {}
            n = 0
            for round_ in range(args.rounds):
                for size in sizes:
                    if size > n:
                        fill(size, n)
                    elif size < n:
                        trim(size)
                    n = size
                    for name, url, extra in pages(size):
                        ms, nq, queries = measure(client, url, extra, repeat=args.repeat)
                        times[size].setdefault(name, []).extend(ms)
                        previous = queries_of[size].setdefault(name, nq)
                        assert previous == nq, (name, size, previous, nq)
                        if size == sizes[-1]:
                            plans[name] = main_queries(queries)
                    ms, _nq, _queries = measure(client, "/export.csv", repeat=1)
                    times[size].setdefault("CSV export", []).extend(ms)
                    memory[size] = export_memory(client, "/export.csv")
                    print(f"  round {round_ + 1}, {size:,} events measured; {load()}", flush=True)
            for size in sizes:
                mib, nbytes = memory[size]
                print(f"\n{size:,} events (CSV export: {nbytes / 2**20:.1f} MiB written, peak Python memory {mib:.1f} MiB)")
                for name, samples in times[size].items():
                    nq = queries_of[size].get(name)
                    print(f"  {name:<18} {statistics.median(samples):>9.1f} ms"
                          + (f"  ({nq} queries)" if nq is not None else "  (one request a round)"))
            if len(sizes) > 1:
                lo, hi = sizes[0], sizes[-1]
                print(f"\n{hi:,} / {lo:,} events: ratio of medians, queries equal?")
                for name in times[lo]:
                    a, b = statistics.median(times[lo][name]), statistics.median(times[hi][name])
                    qa, qb = queries_of[lo].get(name), queries_of[hi].get(name)
                    same = "" if qa is None else ("  same queries" if qa == qb else f"  queries {qa} -> {qb}")
                    print(f"  {name:<18} {b / a:>6.2f}x{same}")
                a, b = memory[lo][0], memory[hi][0]
                print(f"  {'export memory':<18} {b / a:>6.2f}x  ({a:.1f} -> {b:.1f} MiB peak)")
            if not args.no_explain:
                if n != sizes[-1]:
                    fill(sizes[-1], n)
                print(f"\nQuery plans at {sizes[-1]:,} events (main queries of each page):")
                for name, queries in plans.items():
                    for sql in queries:
                        print(f"\n[{name}] {sql[:160]}{'…' if len(sql) > 160 else ''}")
                        print("    " + explain(sql).replace("\n", "\n    "))
        finally:
            runner.teardown_databases(old)


if __name__ == "__main__":
    main()
