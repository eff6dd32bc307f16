"""Cross-article merging: what a new source may and may not change, and no race between concurrent ingests."""
import threading
import time
from datetime import date

import pytest
from django.db import connection, connections

from events import ingest
from events.extraction.types import ActorRef, Timex
from events.ingest import ingest_article
from events.models import Event
from tests.test_ingest import DAY, NETANYAHU, PUTIN, REUTERS, TASS, meeting, mention

JUNE = Timex(0, 4, "in June", "DATE", "2016-06", date(2016, 6, 1), date(2016, 6, 30), "month")
FIRST_OF_JUNE = Timex(0, 4, "on 1 June", "DATE", "2016-06-01", date(2016, 6, 1), date(2016, 6, 1), "day")
YEAR_ONE = Timex(0, 4, "that day", "DATE", "0001-01-01", date(1, 1, 1), date(1, 1, 1), "day")
WEEK = Timex(0, 4, "this week", "DATE", "2016-W23", date(2016, 6, 6), date(2016, 6, 12), "week")


@pytest.fixture
def no_extractor(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the extractor was called")

    monkeypatch.setattr(ingest, "extract_candidates", refuse)


def interval(event):
    event.refresh_from_db()
    return event.date_earliest, event.date_latest


@pytest.mark.django_db
@pytest.mark.usefixtures("no_extractor")
class TestWhatANewSourceChanges:
    def test_a_narrower_interval_that_starts_on_the_events_first_day_refines_it(self):
        ingest_article(TASS, date(2016, 6, 30), candidates=[meeting(mention(1), date=JUNE)])
        ingest_article(REUTERS, date(2016, 6, 30), candidates=[meeting(mention(1), date=FIRST_OF_JUNE)])
        assert interval(Event.objects.get()) == (date(2016, 6, 1), date(2016, 6, 1))

    def test_a_date_outside_the_events_interval_never_moves_it(self):
        ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1), date=WEEK)])
        event = Event.objects.get()
        # overlapping but not inside: a wider month, and a day that only touches the week from outside
        ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1), date=JUNE)])
        assert interval(event) == (date(2016, 6, 6), date(2016, 6, 12))

    def test_a_year_one_date_neither_merges_into_nor_redates_a_2016_event(self):
        ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))])
        event = Event.objects.get()
        ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1), date=YEAR_ONE)])
        assert interval(event) == (date(2016, 6, 7), date(2016, 6, 7)) and event.mentions.count() == 1

    @pytest.mark.parametrize("flag", ["edited", "verified"])
    def test_a_new_source_neither_narrows_nor_flips_an_editors_event(self, flag):
        ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1), date=WEEK, status="planned")])
        Event.objects.update(**{flag: True})
        ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1), status="occurred")])
        event = Event.objects.get()
        assert interval(event) == (date(2016, 6, 6), date(2016, 6, 12))
        assert event.status == "planned" and event.mentions.count() == 2

    def test_an_unprotected_planned_event_is_narrowed_and_flipped(self):
        ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1), date=WEEK, status="planned")])
        ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1), status="occurred")])
        event = Event.objects.get()
        assert interval(event) == (date(2016, 6, 7), date(2016, 6, 7)) and event.status == "occurred"

    def test_an_undated_candidate_merges_into_no_event(self):
        ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))])
        ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1), date=None)])
        assert Event.objects.count() == 2
        open_both = Timex(0, 4, "once", "DATE", "", None, None, "open")
        ingest_article(TASS + "\nMore.", date(2016, 6, 7), candidates=[meeting(mention(1), date=open_both)])
        assert Event.objects.count() == 3


# ---------------------------------------------------------------------------------------- the race

LAVROV = ActorRef("Sergei Lavrov", "person", "Foreign Minister", ("Lavrov",))
REPORTS = [
    f"Report {n}: Putin and Netanyahu meet\nRussian President Vladimir Putin received Israeli Prime Minister "
    f"Benjamin Netanyahu at the Kremlin on Tuesday, report number {n} said.\nThe talks lasted {n + 2} hours."
    for n in range(4)
]


def report_candidates(n):
    cands = [meeting(mention(1))]
    if n % 2:
        cands.append(meeting(mention(2, "talks", 4), type="talks", participants=(PUTIN, NETANYAHU, LAVROV)))
    if n >= 2:
        cands.append(meeting(mention(0, "meet", 20), type="press_conference", participants=(NETANYAHU,), date=DAY))
    return cands


def snapshot():
    return sorted(
        (e.type, e.date_earliest, tuple(sorted(a.name for a in e.participants.all())), e.mentions.count())
        for e in Event.all_objects.prefetch_related("participants")
    )


def ingest_at_once(reports):
    barrier = threading.Barrier(len(reports))
    errors = []

    def run(n):
        try:
            barrier.wait()
            ingest_article(reports[n], date(2016, 6, 7), candidates=report_candidates(n))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(reports))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def wipe():
    """Articles and events go; the actors stay known, as on a live site (their first creation would
    serialise the ingests on the unique name index and hide the race)."""
    from events.models import Article

    Article.objects.all().delete()
    Event.all_objects.all().delete()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("no_extractor")
def test_concurrent_ingests_of_one_meeting_give_the_events_one_after_the_other_gives(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers with its database lock; the race is PostgreSQL's (DATABASE_URL)")
    find = ingest.find_same_event

    def find_slowly(cand, actors):
        # a busy machine: time passes between "no such event yet" and "create it", as between processes
        found = find(cand, actors)
        time.sleep(0.03)
        return found

    monkeypatch.setattr(ingest, "find_same_event", find_slowly)
    for n, text in enumerate(REPORTS):
        ingest_article(text, date(2016, 6, 7), candidates=report_candidates(n))
    expected = snapshot()
    # one meeting (4 leads + 2 talks paragraphs), one press conference (2 headlines)
    assert [(e[0], e[3]) for e in expected] == [("meeting", 6), ("press_conference", 2)]
    for _ in range(10):
        wipe()
        ingest_at_once(REPORTS)
        assert snapshot() == expected
