"""The chart by participant (each actor's counts, kept by signals) and by text search: the list's numbers.

After every kind of change an editor, an ingest or a re-extraction makes, each actor's stored cells equal
a recount from the events, and the chart of a participant (alone and with other filters) equals counting
the list's events; each signal of events/models_actor_chart.py has a change here that needs it.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import chart as charts
from events import models_term_chart, search
from events.admin import EventAdmin
from events.extraction.types import ActorRef, EventCandidate, MentionCandidate, Timex
from events.ingest import ingest_article, reextract_article
from events.models import Actor, ActorChartCount, Article, Event
from events.models_chart import COUNTED_FIELDS, cell_of
from events.models_term_chart import EventTerm, TermChartCount
from tests.charting import FILTERS, chart_and_list, varied_events
from tests.factories import make_actor, make_article, make_event, make_mention

pytestmark = pytest.mark.django_db

# Filters combined with the participant after each change.
WITH_PARTICIPANT = [{}, {"type": ["summit", "talks"]}, {"status": "occurred"}, {"verified": "on"},
                    {"date_from": "2018-06-10", "date_to": "2018-07-20"}, {"date_from": "2018-06-01"}]


def recounted() -> Counter:
    """Every actor's cells counted from the visible events as they are stored now."""
    cells: Counter = Counter()
    for event in Event.objects.prefetch_related("participants"):
        cell = cell_of({f: getattr(event, f) for f in COUNTED_FIELDS})
        for actor in event.participants.all():
            cells[(actor.pk, cell)] += 1
    return cells


def stored() -> Counter:
    return Counter({(c.actor_id, (c.month, c.type, c.status, c.verified, c.kind)): c.n
                    for c in ActorChartCount.objects.filter(n__gt=0)})


def total(counts) -> int:
    return sum(p + f for p, f in counts[0].values()) + counts[1]


def assert_in_step():
    """The stored cells are a recount's, and every actor's chart is the list's, under each filter."""
    assert not ActorChartCount.objects.filter(n__lt=0).exists()
    assert stored() == recounted()
    for actor in Actor.objects.filter(events__rejected=False).distinct():
        for params in WITH_PARTICIPANT:
            from_table, direct, listed = chart_and_list({"participant": actor.pk, **params})
            assert from_table == (*direct, 0), (actor, params)
            assert total(direct) == listed, (actor, params)


@pytest.fixture
def pair():
    return make_actor("Amina Diallo"), make_actor("Kenji Mori")


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_a_participants_chart_equals_the_list_under_every_other_filter(params, pair):
    first, second = pair
    made = varied_events()
    for i, event in enumerate(made):
        if i % 2 == 0:
            event.participants.add(first)
    second.events.add(*[e for i, e in enumerate(made) if i % 3 == 0])  # from the actor's side
    for actor in pair:
        from_table, direct, listed = chart_and_list({"participant": actor.pk, **params})
        assert from_table == (*direct, 0)
        assert total(direct) == listed > 0


def test_an_events_edits_move_its_participants_counts(pair):
    event = make_event(Event.Type.SUMMIT, date(2018, 6, 12), participants=pair)
    make_event(Event.Type.TALKS, date(2018, 6, 20), participants=[pair[0]])
    assert_in_step()
    event.date_earliest, event.date_latest, event.granularity = date(2018, 7, 1), date(2018, 7, 31), "month"
    event.save()  # an edit of its dates
    assert_in_step()
    loaded = Event.objects.only("id").get(pk=event.pk)
    loaded.type = Event.Type.TALKS
    loaded.save(update_fields=["type"])  # the stored cell is read, not the deferred instance's
    assert_in_step()
    event.refresh_from_db()
    event.verified, event.status = True, Event.Status.PLANNED
    event.save()
    assert_in_step()
    event.rejected = True
    event.save()
    assert stored()[(pair[1].pk, (201807, "talks", "planned", True, "fuzzy"))] == 0
    assert_in_step()
    event.rejected = False
    event.date_earliest = None
    event.save()  # restored, now with an open start
    assert_in_step()


def test_participants_added_removed_and_cleared_from_either_side(pair):
    first, second = pair
    third = make_actor("Lena Vogt")
    a = make_event(Event.Type.MEETING, date(2018, 6, 1))
    b = make_event(Event.Type.VISIT, date(2018, 6, 15), date(2018, 6, 30), granularity="month")
    a.participants.add(first, second)
    a.participants.add(first)  # already there: nothing added twice
    assert_in_step()
    first.events.add(b)
    assert_in_step()
    a.participants.remove(second, third)  # third never took part: nothing taken from it
    assert_in_step()
    second.events.add(a, b)
    second.events.remove(b)
    assert_in_step()
    b.participants.set([third, second])  # first removed, two added
    assert_in_step()
    a.participants.clear()
    assert_in_step()
    third.events.clear()
    assert stored() == Counter({(second.pk, cell_of({f: getattr(b, f) for f in COUNTED_FIELDS})): 1})
    assert_in_step()


def test_merging_and_splitting_in_the_admin_keep_the_counts(pair):
    first, second = pair
    third = make_actor("Lena Vogt")
    article = make_article(["Diallo and Mori met in Dakar.", "Mori met Vogt there too.", "They later spoke."])
    target = make_event(Event.Type.MEETING, date(2018, 6, 12), participants=[first])
    other = make_event(Event.Type.TALKS, date(2018, 7, 3), participants=[second, third])
    make_mention(target, article, 0, "met")
    make_mention(other, article, 1, "met")
    make_mention(other, article, 2, "spoke")
    EventAdmin._merge(target, [other])
    assert_in_step()
    assert set(target.participants.all()) == {first, second, third}
    new = EventAdmin._split(target, list(target.mentions.filter(paragraph__index=2)))
    assert set(new.participants.all()) == {first, second, third}
    assert_in_step()


AIRPORT = "Diallo and Mori meet in Dakar\nAmina Diallo welcomed Kenji Mori at the airport on Monday."
RECEPTION = "Mori thanks his hosts\nKenji Mori thanked Amina Diallo at a reception on Monday."
MONDAY = Timex(0, 9, "on Monday", "DATE", "2018-06-11", date(2018, 6, 11), date(2018, 6, 11), "day")
JUNE = Timex(0, 4, "June", "DATE", "2018-06", date(2018, 6, 1), date(2018, 6, 30), "month")
DIALLO = ActorRef("Amina Diallo", "person", "President", ("Diallo",))
MORI = ActorRef("Kenji Mori", "person", "Minister", ("Mori",))


def welcome(when=MONDAY, type="visit", trigger="welcomed", start=13, participants=(DIALLO, MORI)):
    sentence = AIRPORT.split("\n")[1] if trigger == "welcomed" else RECEPTION.split("\n")[1]
    mention = MentionCandidate(1, 0, sentence, 0, len(sentence), trigger, start, start + len(trigger), when.text)
    return EventCandidate(type, "occurred", when, list(participants), "Dakar", [mention], 0.8, ["test"], "test")


def test_ingest_reextraction_and_deletions_keep_the_counts():
    airport = ingest_article(AIRPORT, date(2018, 6, 12), candidates=[welcome()]).article
    assert_in_step()
    # A second report of the same visit joins it; one naming only Mori at another time is an event of its own.
    reception = ingest_article(RECEPTION, date(2018, 6, 12), candidates=[
        welcome(trigger="thanked", start=11), welcome(JUNE, "ceremony", "thanked", 11, (MORI,))]).article
    assert_in_step()
    reextract_article(airport, candidates=[welcome(JUNE)])  # re-extraction re-dates what it alone sources
    assert_in_step()
    reextract_article(airport, candidates=[])  # its source gone from this article, kept by the other
    assert_in_step()
    Article.objects.filter(pk=reception.pk).get().delete()  # events left without a source go
    assert_in_step()
    ingest_article(AIRPORT + "\nThey met again.", date(2018, 6, 12), candidates=[welcome()])
    Event.objects.get().delete()
    assert_in_step() is None and stored() == Counter()


def test_a_bulk_change_that_bypasses_the_signals_is_recounted_by_the_rebuild(pair):
    event = make_event(Event.Type.SUMMIT, date(2018, 6, 12))
    Event.participants.through.objects.bulk_create([Event.participants.through(event=event, actor=a) for a in pair])
    assert stored() == Counter()
    call_command("rebuild_timeline_tables", stdout=io.StringIO())  # the actors' timelines and their counts
    assert_in_step()
    pair[0].delete()  # an actor's cells go with it
    assert_in_step()


def test_the_participant_chart_runs_the_same_queries_whatever_the_actors_events(client, pair):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("events:chart"), {"participant": pair[0].pk, "type": "summit"}).status_code == 200
        return len(ctx.captured_queries)

    make_event(Event.Type.SUMMIT, date(2018, 6, 12), participants=pair)
    few = queries()
    for i in range(30):
        make_event(Event.Type.SUMMIT, date(2010 + i % 8, 1 + i % 12, 1 + i % 28), participants=[pair[0]])
    assert queries() == few


# --- text search ----------------------------------------------------------------------------------


@pytest.fixture
def reports(pair):
    """Five events sourced by sentences of my own: three about a wreath, two about trade."""
    article = make_article(["The envoys laid a wreath at the memorial.", "A wreath was laid again in July.",
                            "A wreath of lilies came from the embassy.", "They discussed trade.", "Trade talks resumed."],
                           title="Memorial visit")
    dates = [(date(2018, 6, 4), True), (date(2018, 7, 1), date(2018, 7, 31)), (None, date(2018, 9, 1)),
             (date(2018, 6, 20), True), (date(2019, 1, 8), True)]
    events = []
    for i, (earliest, latest) in enumerate(dates):
        event = make_event(Event.Type.VISIT if i % 2 else Event.Type.MEETING, earliest, latest,
                           participants=[pair[i % 2]], granularity="month" if i == 1 else "")
        make_mention(event, article, i, article.paragraphs.get(index=i).text.split()[1])
        events.append(event)
    return events


@pytest.mark.parametrize("params", [{"q": "wreath"}, {"q": "trade"}, {"q": "wreath", "type": ["visit"]},
                                    {"q": "wreath", "date_from": "2018-06-10", "date_to": "2018-07-15"},
                                    {"q": "wrea"}, {"q": "lilies embassy"}])
def test_a_searchs_chart_counts_exactly_what_the_list_finds(params, reports, pair):
    for extra in ({}, {"participant": pair[0].pk}):
        from_table, direct, listed = chart_and_list({**params, **extra})
        assert from_table == (*direct, 0)  # few matches: a bounded list of ids, nothing said
        assert total(direct) == listed
    assert listed >= 0 and total(chart_and_list(params)[1]) > 0


def test_a_search_of_only_common_words_is_counted_exactly_and_the_chart_says_so(client, reports, monkeypatch):
    monkeypatch.setattr(search, "ID_LIST_MAX", 1)  # every word matching two or more events is 'common'
    from_table, direct, listed = chart_and_list({"q": "wreath"})
    assert listed == 3 and from_table == (*direct, 3)
    # Two common words: no one word's cells answer it (a one-word search is read from its cells, below).
    html = client.get(reverse("events:chart"), {"q": "laid wreath"}, HTTP_HX_REQUEST="true").content.decode()
    assert "every word of this search is common, so the chart counted its 2 matching events one by one" in html
    assert len(re.findall(r'<rect class="bar bar-', html)) == 2  # June precise, July fuzzy
    # One rare word bounds the search: 'lilies' matches one event.
    assert chart_and_list({"q": "wreath lilies"})[0][2] == 0
    html = client.get(reverse("events:chart"), {"q": "lilies wreath"}, HTTP_HX_REQUEST="true").content.decode()
    assert "one by one" not in html


# --- a one-word search, from the word's cells (events/models_term_chart.py) -----------------------------

ONE_WORD = [{"q": "wreath"}, {"q": "trade"}, {"q": "wrea"}, {"q": "Memorial"}, {"q": "lilies"}, {"q": "the wreath"},
            {"q": "wreaths"}, {"q": "wreath", "type": ["visit"]}, {"q": "memorial", "status": "occurred"},
            {"q": "trade", "verified": "on"}, {"q": "nowhere"}]


def term_cells() -> Counter:
    return Counter({(c.term, (c.month, c.type, c.status, c.verified, c.kind)): c.n
                    for c in TermChartCount.objects.filter(n__gt=0)})


def assert_terms_in_step(queries=ONE_WORD):
    """The stored terms and cells are what a rebuild reads from the search index, and every one-word chart that
    the cells answer is the list's."""
    assert not TermChartCount.objects.filter(n__lt=0).exists()
    kept = term_cells()
    terms = set(EventTerm.objects.values_list("event_id", "place", "term", "counted", "month", "kind"))
    models_term_chart.rebuild()
    assert term_cells() == kept
    assert set(EventTerm.objects.values_list("event_id", "place", "term", "counted", "month", "kind")) == terms
    for params in queries:
        assert_term_chart(params)


def assert_term_chart(params):
    from events.views.timeline import filtered_events

    filterset, _parts = filtered_events(QueryDict(urlencode(params, doseq=True)))
    data = filterset.form.cleaned_data
    term = charts.term_for(data)
    assert term is not None, params
    counts, undated, _edges = charts.table_counts(data, term)
    direct = charts.month_counts(filterset.qs)
    assert charts.build(counts, undated) == charts.build(*direct), params
    assert total((counts, undated)) == filterset.qs.count(), params


@pytest.mark.parametrize("params", ONE_WORD, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_a_one_word_search_is_read_from_its_cells_and_counts_what_the_list_finds(client, reports, params):
    assert_term_chart(params)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(reverse("events:chart"), params, HTTP_HX_REQUEST="true").content.decode()
    assert "one by one" not in html
    # The matches are never read: no query of the mentions, their index or the events.
    assert not [q["sql"] for q in ctx.captured_queries if re.search(r"events_mention|events_event\b|_fts", q["sql"])]


def test_a_one_word_chart_runs_the_same_queries_however_many_events_match(client, reports):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("events:chart"), {"q": "wreath"}, HTTP_HX_REQUEST="true").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    article = make_article([f"Another wreath was laid in {1990 + i}." for i in range(30)])
    for i in range(30):
        make_mention(make_event(Event.Type.VISIT, date(1990 + i, 1 + i % 12, 1 + i % 28)), article, i, "laid")
    assert queries() == few
    assert_term_chart({"q": "wreath"})


@pytest.mark.parametrize("params, why", [
    ({"q": "trade"}, "a second term has the prefix: 'trader' (an event may have both)"),
    ({"q": "dakar"}, "a location has it"),
    ({"q": "diallo"}, "an alias contains it"),
    ({"q": "wreath laid"}, "two words"),
    ({"q": "wreath", "date_from": "2018-06-10"}, "dates"),
    ({"q": "wreath", "participant": "PAIR0"}, "a participant"),
])
def test_a_search_the_cells_cannot_answer_exactly_is_counted_from_its_matches(params, why, reports, pair):
    article = make_article(["A trader came."])
    make_mention(make_event(Event.Type.VISIT, date(2018, 6, 4), location="Dakar"), article, 0, "came")
    params = {k: (pair[0].pk if v == "PAIR0" else v) for k, v in params.items()}
    from events.views.timeline import filtered_events

    filterset, _parts = filtered_events(QueryDict(urlencode(params, doseq=True)))
    assert charts.term_for(filterset.form.cleaned_data) is None, why
    from_table, direct, listed = chart_and_list(params)
    assert from_table[:2] == direct and total(direct) == listed


def test_every_change_to_what_a_search_reads_moves_the_terms_cells(reports, pair):
    assert_terms_in_step()
    first, second = reports[0], reports[3]
    mention = first.mentions.get()
    mention.sentence = "The envoys laid flowers at the memorial."  # an edited sentence: no wreath any more
    mention.save()
    assert_terms_in_step()
    moved = second.mentions.get()
    moved.event = first  # a source moved to another event
    moved.save()
    assert_terms_in_step()
    article = Article.objects.get(pk=mention.article_id)
    article.title = "Wreath of remembrance"  # every event of the article now has the word
    article.save()
    assert_terms_in_step()
    reports[1].rejected = True  # hidden: no longer counted
    reports[1].save()
    assert_terms_in_step()
    reports[2].date_earliest, reports[2].date_latest = date(2017, 3, 1), date(2017, 3, 1)  # re-dated
    reports[2].save()
    assert_terms_in_step()
    reports[4].location = "Lilies Bay"  # a location's word: 'lilies' is no longer answered by cells
    reports[4].save()
    assert_terms_in_step([p for p in ONE_WORD if p["q"] != "lilies"])
    reports[4].location = ""
    reports[4].save()
    mention.delete()  # a source deleted: its event keeps the title's words only through its other mentions
    assert_terms_in_step()
    EventAdmin._split(first, list(first.mentions.all())[:1])  # moves mentions by an update
    assert_terms_in_step()
    reports[3].delete()
    assert_terms_in_step()
    article.delete()  # its mentions go, and the events left without a source
    assert_terms_in_step()
    assert term_cells() == Counter()


def test_ingest_reextraction_and_the_rebuild_keep_the_terms_cells():
    queries = [{"q": "welcomed"}, {"q": "airport"}, {"q": "reception"}, {"q": "thanks"}]
    airport = ingest_article(AIRPORT, date(2018, 6, 12), candidates=[welcome()]).article
    reception = ingest_article(RECEPTION, date(2018, 6, 12), candidates=[
        welcome(trigger="thanked", start=11), welcome(JUNE, "ceremony", "thanked", 11, (MORI,))]).article
    assert_terms_in_step(queries)
    reextract_article(airport, candidates=[welcome(JUNE)])
    assert_terms_in_step(queries)
    Article.objects.filter(pk=reception.pk).get().delete()
    assert_terms_in_step(queries)
    EventTerm.objects.all().delete()  # as a bulk change that bypassed the signals leaves them
    TermChartCount.objects.all().delete()
    call_command("rebuild_timeline_tables", stdout=io.StringIO())
    assert_terms_in_step(queries)


@pytest.mark.parametrize("last, unit", [(date(2005, 12, 31), "month"), (date(2006, 1, 1), "year"),
                                        (date(2012, 6, 5), "year")])
def test_a_chart_over_more_than_six_years_is_summed_per_year_by_the_database(last, unit, pair):
    """Without dates the cells are summed per year when the bars will be years (72 months is the last span with a
    bar per month): the same chart, with rows that follow the years."""
    made = [make_event(Event.Type.SUMMIT, date(2000, 1, 1), participants=[pair[0]]),
            make_event(Event.Type.MEETING, last, participants=[pair[0]])]
    article = make_article(["A wreath was laid."] * 8)
    for i in range(6):
        made.append(make_event(Event.Type.MEETING, date(2000 + i, 1 + i, 3), date(2000 + i, 1 + i, 20),
                               granularity="month", participants=[pair[0]]))
    made.append(make_event(Event.Type.TALKS, None, date(2003, 3, 1), participants=[pair[0]]))
    for i, event in enumerate(made[:8]):
        make_mention(event, article, i, "laid")
    for params in ({}, {"participant": pair[0].pk}, {"type": ["meeting"]}, {"q": "wreath"}):
        from_table, direct, listed = chart_and_list(params)
        chart = charts.build(*from_table[:2])
        assert chart == charts.build(*direct) and chart.unit == unit
        assert total(from_table[:2]) == listed
        if chart.unit == "year" and "q" not in params:  # summed per year: one key per year
            assert all(key.endswith("-01") for key in from_table[0])
    assert_term_chart({"q": "wreath"})
