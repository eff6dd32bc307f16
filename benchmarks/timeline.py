#!/usr/bin/env python
"""How the cost of the timeline's pages grows with the number of stored events.

Fills a throw-away database (a temporary SQLite file, or the PostgreSQL server named by
DATABASE_URL, in a database of its own that is dropped afterwards) with N synthetic events, each
with two participants and a mention (a tenth known only to the month, one in fifty open-ended, a
fixed twenty with the word 'wreath' in their sentence whatever N), then, through Django's test
client, times every page: the first page, a page 90% deep (by its cursor) and its htmx load-more,
each filter (type, participant, date range, text search), an htmx filter fragment, the chart, an
actor page, and a CSV export of everything (time and peak Python memory, by tracemalloc).

For each page it prints the median of 5 requests in milliseconds and the number of queries; after the
largest size, the EXPLAIN of each page's main queries (those that fetch the page's rows).

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
    """A day, a month (every tenth) or an open end (every fiftieth), spread over 74 years."""
    d = start + timedelta(days=(i * 7919) % 27000)
    if i % 50 == 7:
        return d, None, "open"
    if i % 10 == 3:
        first = d.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1), "month"
    return d, d, "day"


def fill(n_events: int, already: int):
    """Add events until there are n_events, in bulk."""
    from events.models import Actor, Article, Event, Mention, Paragraph

    if already == 0:
        article = Article.objects.create(title="Benchmark", published=date(2020, 1, 1), text="One paragraph.")
        Paragraph.objects.create(article=article, index=0, text="One paragraph.")
        Actor.objects.bulk_create([Actor(name=f"Actor {i}") for i in range(500)])
    article = Article.objects.get(title="Benchmark")
    paragraph = article.paragraphs.get()
    actors = list(Actor.objects.order_by("pk").values_list("pk", flat=True))
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
            [through(event_id=e.pk, actor_id=actors[(e.pk * k) % len(actors)]) for e in events for k in (1, 7)],
            ignore_conflicts=True,
        )

        def sentence(i):
            # Twenty events, whatever the size, laid a wreath; the others had ordinary talks.
            if i < 20:
                return "The visitors laid a wreath at the memorial."
            return f"Officials held {WORDS[i % 10]} on {WORDS[(i // 10) % 10]} and {WORDS[(i // 100) % 10]}."

        Mention.objects.bulk_create([
            Mention(event=e, article=article, paragraph=paragraph, sentence=sentence(lo + j), trigger="held",
                    trigger_start=10, trigger_end=14, sentence_end=40)
            for j, e in enumerate(events)
        ])
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")  # what autovacuum does after a bulk load; without it the planner guesses


def measure(client, url: str, extra=None, repeat: int = 5):
    """(median ms, number of queries, the queries of the last request)."""
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
    return statistics.median(times) * 1000, len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


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
    return [q for q in queries if q.startswith('SELECT "events_event"') or "GROUP BY" in q]


def pages(size: int):
    from events.models import Actor, Event
    from events.views import encode_cursor

    deep = Event.objects.in_timeline_order()[size * 9 // 10]
    cursor = encode_cursor(deep.sort_date, deep.pk)
    actor = Actor.objects.order_by("pk").first()
    return [
        ("first page", "/", None),
        ("90% deep", f"/?after={cursor}", None),
        ("deep load-more", f"/?after={cursor}", HTMX),
        ("type", "/?type=summit", None),
        ("participant", f"/?participant={actor.pk}", None),
        ("date range", "/?date_from=1990-01-01&date_to=1990-12-31", None),
        ("date from", "/?date_from=2000-01-01", None),
        ("text search", "/?q=wreath", None),
        ("htmx filter", "/?type=talks&date_from=1980-01-01", HTMX),
        ("chart", "/chart/", HTMX),
        ("actor page", f"/actors/{actor.pk}/", None),
        ("articles", "/articles/", None),
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000])
    ap.add_argument("--no-explain", action="store_true", help="skip the query plans")
    args = ap.parse_args()
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
            print(f"database: {connection.vendor}; median of 5 requests, milliseconds (queries per request)")
            results: dict[int, dict[str, tuple]] = {}
            plans: dict[str, list[str]] = {}
            n = 0
            for size in sorted(args.sizes):
                fill(size, n)
                n = size
                row = {}
                for name, url, extra in pages(size):
                    ms, nq, queries = measure(client, url, extra)
                    row[name] = (ms, nq)
                    plans[name] = main_queries(queries)
                ms, nq, _queries = measure(client, "/export.csv", repeat=1)
                row["CSV export"] = (ms, None)
                mib, nbytes = export_memory(client, "/export.csv")
                row["export peak MiB"] = (mib, None)
                print(f"\n{size:,} events (CSV export: {nbytes / 2**20:.1f} MiB written, peak Python memory {mib:.1f} MiB)")
                for name, (ms, nq) in row.items():
                    if name == "export peak MiB":
                        continue
                    print(f"  {name:<16} {ms:>9.1f} ms" + (f"  ({nq} queries)" if nq is not None else "  (one request)"))
                results[size] = row
            if len(results) > 1:
                lo, hi = min(results), max(results)
                print(f"\n{hi:,} / {lo:,} events: ratio of medians, queries equal?")
                for name in results[lo]:
                    if name == "export peak MiB":
                        continue
                    a, b = results[lo][name], results[hi][name]
                    same = "" if a[1] is None else ("  same queries" if a[1] == b[1] else f"  queries {a[1]} -> {b[1]}")
                    print(f"  {name:<16} {b[0] / a[0]:>6.2f}x{same}")
                a, b = results[lo]["export peak MiB"][0], results[hi]["export peak MiB"][0]
                print(f"  {'export memory':<16} {b / a:>6.2f}x  ({a:.1f} -> {b:.1f} MiB peak)")
            if not args.no_explain:
                print(f"\nQuery plans at {max(results):,} events (main queries of each page):")
                for name, queries in plans.items():
                    for sql in queries:
                        print(f"\n[{name}] {sql[:160]}{'…' if len(sql) > 160 else ''}")
                        print("    " + explain(sql).replace("\n", "\n    "))
        finally:
            runner.teardown_databases(old)


if __name__ == "__main__":
    main()
