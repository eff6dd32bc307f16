#!/usr/bin/env python
"""How the timeline page's cost grows with the number of stored events.

Fills a throw-away database (a temporary SQLite file, or the PostgreSQL server named by
DATABASE_URL, in a database of its own that is dropped afterwards) with N synthetic events, each
with two participants and a mention, then times the first page, a page deep in the list (reached by
its cursor), a type filter and a participant filter, through Django's test client.

    .venv/bin/python benchmarks/timeline.py                  # SQLite, 1,000 / 10,000 / 100,000 events
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/timeline.py --sizes 1000 10000
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPES = ["meeting", "visit", "press_conference", "conference", "summit", "talks", "phone_call", "signing", "ceremony"]


def setup_django(tmp: Path):
    url = os.environ.get("DATABASE_URL")
    if not url:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    return url is not None


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
            d = start + timedelta(days=(i * 7919) % 27000)
            events.append(Event(type=TYPES[i % len(TYPES)], date_earliest=d, date_latest=d, sort_date=d,
                                granularity="day"))
        events = Event.objects.bulk_create(events)
        if not all(e.pk for e in events):
            events = list(Event.objects.order_by("-pk")[: hi - lo])
        through.objects.bulk_create(
            [through(event_id=e.pk, actor_id=actors[(e.pk * k) % len(actors)]) for e in events for k in (1, 7)],
            ignore_conflicts=True,
        )
        Mention.objects.bulk_create([
            Mention(event=e, article=article, paragraph=paragraph, sentence="One paragraph.", trigger="One",
                    trigger_start=0, trigger_end=3, sentence_end=14)
            for e in events
        ])
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")  # what autovacuum does after a bulk load; without it the planner guesses


def timed(client, url: str, repeat: int = 5) -> float:
    client.get(url)  # warm caches
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
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

            from events.models import Actor, Event

            client = Client()
            print(f"database: {connection.vendor}; median of 5 requests, milliseconds")
            print(f"{'events':>8} {'first page':>11} {'deep page':>10} {'type filter':>12} {'participant':>12}")
            n = 0
            for size in sorted(args.sizes):
                fill(size, n)
                n = size
                deep = Event.objects.in_timeline_order()[size * 9 // 10]
                from events.views import encode_cursor

                actor = Actor.objects.order_by("pk").first()
                row = [
                    timed(client, "/"),
                    timed(client, f"/?after={encode_cursor(deep.sort_date, deep.pk)}"),
                    timed(client, "/?type=summit"),
                    timed(client, f"/?participant={actor.pk}"),
                ]
                print(f"{size:>8,} " + " ".join(f"{v:>11.1f}" for v in row))
        finally:
            runner.teardown_databases(old)


if __name__ == "__main__":
    main()
