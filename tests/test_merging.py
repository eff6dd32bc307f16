"""Cross-article merging: what a new source may and may not change, and no race between concurrent ingests.

The race test starts 4 worker processes (tests/race_worker.py) that ingest 4 reports of one meeting at the
same moment, 10 times over, against the test database. The reports are extracted once, before the race, in
the test's own process (spaCy loads once per session): the processes race only the storing, which is where
"find the matching event, else create it" must not interleave.
"""
import pickle
import select
import subprocess
import sys
import time
from datetime import date

import pytest

from events import ingest
from events.extraction.types import ActorRef, Timex
from events.ingest import ingest_article
from events.models import Event
from tests.race_worker import slow_find
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
# Four outlets' reports of one meeting (written for this test), extracted for real before the race.
MOSCOW_REPORTS = [
    "Putin hosts Netanyahu in Moscow\nRussian President Vladimir Putin received Israeli Prime Minister Benjamin "
    "Netanyahu at the Kremlin on Monday, the Kremlin said.\nThe two leaders discussed Syria and Iran.",
    "Netanyahu holds talks with Putin\nIsraeli Prime Minister Benjamin Netanyahu held talks with Russian President "
    "Vladimir Putin in Moscow on Monday, his office said.\nNetanyahu said the talks were frank.",
    "Israeli leader meets Putin\nBenjamin Netanyahu met Vladimir Putin at the Kremlin on Monday for the third time "
    "this year.\nAfter the meeting, Netanyahu spoke to reporters.",
    "Putin and Netanyahu meet\nVladimir Putin and Benjamin Netanyahu met in Moscow on Monday to discuss the "
    "situation in Syria, the Israeli embassy said.",
]
# Time between "no such event yet" and "create it", as on a busy machine: it widens the window of the race
# (without the lock the race is lost with no delay at all too, but less surely).
RACE_DELAY = 0.03


def report_candidates(n):
    cands = [meeting(mention(1))]
    if n % 2:
        cands.append(meeting(mention(2, "talks", 4), type="talks", participants=(PUTIN, NETANYAHU, LAVROV)))
    if n >= 2:
        cands.append(meeting(mention(0, "meet", 20), type="press_conference", participants=(NETANYAHU,), date=DAY))
    return cands


def type_group(etype):
    """An event's type up to the wording of the report stored first ("met" or "held talks"), which decides the
    type of the event the others merge into in a one-after-the-other order as well."""
    return "/".join(sorted(next((g for g in ingest.MERGEABLE_TYPES if etype in g), {etype})))


def snapshot():
    return sorted(
        (type_group(e.type), e.date_earliest, tuple(sorted(a.name for a in e.participants.all())), e.mentions.count())
        for e in Event.all_objects.prefetch_related("participants")
    )


def wipe():
    """Articles and events go; the actors stay known, as on a live site (their first creation would
    serialise the ingests on the unique name index and hide the race)."""
    from events.models import Article

    Article.objects.all().delete()
    Event.all_objects.all().delete()


class Racers:
    """Worker processes, each holding one report; `race()` has them all store it at the same instant."""

    def __init__(self, workfile, count):
        from tests.workers import ROOT, child_env

        env = child_env(RACE_DELAY=RACE_DELAY)
        self.procs = [
            subprocess.Popen([sys.executable, "-m", "tests.race_worker", str(workfile), str(n)], cwd=ROOT, env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             bufsize=1, start_new_session=True)
            for n in range(count)
        ]
        self.log: list[str] = []
        assert self.replies(timeout=120) == ["ready"] * count

    def replies(self, timeout):
        out = []
        end = time.monotonic() + timeout
        for proc in self.procs:
            while True:
                ready, _, _ = select.select([proc.stdout], [], [], max(0, end - time.monotonic()))
                if not ready:
                    pytest.fail(f"worker {proc.pid} said nothing for {timeout} s")
                line = proc.stdout.readline()
                if not line:
                    pytest.fail(f"worker {proc.pid} ended ({proc.wait()}):\n" + "".join(self.log[-40:]))
                if line.startswith(("ready", "done", "error")):
                    out.append(line.strip())
                    break
                self.log.append(line)
        return out

    def race(self, case):
        start = time.time() + 0.3  # every worker has read its order by then
        for proc in self.procs:
            proc.stdin.write(f"{case} {start}\n")
        return self.replies(timeout=60)

    def close(self):
        from tests.workers import kill

        for proc in self.procs:
            try:
                proc.stdin.close()
                proc.wait(timeout=10)
            except (subprocess.TimeoutExpired, BrokenPipeError):
                kill(proc)
            proc.stdout.close()


@pytest.fixture(scope="module")
def extracted_reports(nlp):
    from events.extraction import pipeline

    published = date(2018, 1, 31)
    return [(text, published, pipeline.extract(text, published, nlp=nlp)) for text in MOSCOW_REPORTS]


@pytest.mark.django_db(transaction=True)
def test_4_processes_ingesting_4_reports_at_once_give_the_events_one_after_the_other_gives(
        monkeypatch, tmp_path, extracted_reports):
    # SQLite runs it too: its write lock (BEGIN IMMEDIATE, busy_timeout) serialises the four writers.
    cases = {
        "extracted": extracted_reports,
        "made": [(text, date(2016, 6, 7), report_candidates(n)) for n, text in enumerate(REPORTS)],
    }
    workfile = tmp_path / "reports.pickle"
    workfile.write_bytes(pickle.dumps(cases))
    monkeypatch.setattr(ingest, "find_same_event", slow_find(ingest.find_same_event, RACE_DELAY))
    expected = {}
    for case, reports in cases.items():
        for text, published, candidates in reports:
            ingest_article(text, published, candidates=candidates)
        expected[case] = snapshot()
        wipe()
    # the four extracted reports are one meeting with all ten of their mentions; the made ones one meeting
    # (4 leads + 2 talks paragraphs) and one press conference (2 headlines)
    assert expected["extracted"] == [
        ("meeting/talks", date(2018, 1, 29), ("Benjamin Netanyahu", "Israel", "Vladimir Putin"), 10)]
    assert [(e[0], e[3]) for e in expected["made"]] == [("meeting/talks", 6), ("press_conference", 2)]

    racers = Racers(workfile, 4)
    try:
        for case in cases:
            for _ in range(10):
                wipe()
                assert racers.race(case) == ["done"] * 4
                assert snapshot() == expected[case]
    finally:
        racers.close()
