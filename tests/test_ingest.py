"""Ingestion with hand-made candidates: storage, idempotency, merging, errors, editors' corrections.

The extractor is replaced by fixed candidates here so that these tests speak about the database layer
alone; tests/test_pipeline.py and the command tests cover extraction itself.
"""
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from events import ingest
from events.extraction.types import ActorRef, EventCandidate, MentionCandidate, Timex
from events.ingest import IngestError, ingest_article, reextract_article
from events.models import Actor, Article, Event, Mention, Paragraph

pytestmark = pytest.mark.django_db

TASS = (
    "Putin and Netanyahu meet at the Kremlin\n"
    "Russian President Vladimir Putin received Israeli Prime Minister Benjamin Netanyahu at the Kremlin on Tuesday.\n"
    "The two leaders also spoke about Syria."
)
REUTERS = (
    "Netanyahu holds talks with Putin in Moscow\n"
    "Israel's Netanyahu held talks with Putin in Moscow on Tuesday, his office said."
)
DAY = Timex(0, 10, "on Tuesday", "DATE", "2016-06-07", date(2016, 6, 7), date(2016, 6, 7), "day")

PUTIN = ActorRef("Vladimir Putin", "person", "President", ("Putin",))
NETANYAHU = ActorRef("Benjamin Netanyahu", "person", "Prime Minister", ("Netanyahu",))


def mention(paragraph, trigger="received", start=31, sentence_index=0, sentence="..."):
    return MentionCandidate(paragraph, sentence_index, sentence, 0, len(sentence), trigger, start,
                            start + len(trigger), "on Tuesday", 90, 100)


def meeting(*mentions, type="meeting", date=DAY, participants=(PUTIN, NETANYAHU), status="occurred"):
    return EventCandidate(type, status, date, list(participants), "Kremlin, Moscow", list(mentions), 0.8,
                          ["trigger 'received'"], "test")


@pytest.fixture
def no_extractor(monkeypatch):
    """Fail loudly if a test reaches the real extractor by mistake."""
    def refuse(*args, **kwargs):
        raise AssertionError("the extractor was called")

    monkeypatch.setattr(ingest, "extract_candidates", refuse)


def test_it_stores_article_paragraphs_events_and_mentions(no_extractor):
    result = ingest_article(TASS, date(2016, 6, 7), outlet="TASS",
                            candidates=[meeting(mention(0, "meet", 22), mention(1))])
    a = result.article
    assert result.created and result.events_created == 1 and result.mentions_created == 2
    assert a.title == "Putin and Netanyahu meet at the Kremlin"  # the first line when no title is given
    assert [p.index for p in a.paragraphs.all()] == [0, 1, 2]
    event = Event.objects.get()
    assert (event.type, event.date_earliest, event.date_label) == ("meeting", date(2016, 6, 7), "Tue 7 Jun 2016")
    assert {p.name for p in event.participants.all()} == {"Vladimir Putin", "Benjamin Netanyahu"}
    assert event.mentions.count() == 2
    assert Actor.objects.get(aliases__key="netanyahu").role == "Prime Minister"
    assert "2 new" not in result.summary() and "1 new events" in result.summary()


def test_the_same_article_twice_changes_nothing(no_extractor):
    ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))])
    counts = [m.objects.count() for m in (Article, Paragraph, Event, Mention, Actor)]
    again = ingest_article(TASS.replace("\n", "\r\n") + "\n", date(2016, 6, 7), candidates=[meeting(mention(1))])
    assert not again.created and "already ingested" in again.summary()
    assert [m.objects.count() for m in (Article, Paragraph, Event, Mention, Actor)] == counts


def test_two_outlets_reporting_one_meeting_make_one_event_with_two_sources(no_extractor):
    ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))])
    second = ingest_article(
        REUTERS, date(2016, 6, 7),
        candidates=[meeting(mention(1, "held talks", 16), type="talks",
                            participants=(ActorRef("Netanyahu", "person"), ActorRef("Putin", "person")))],
    )
    assert second.events_created == 0 and second.events_merged == 1
    event = Event.objects.get()
    assert event.mentions.values("article").distinct().count() == 2
    assert Actor.objects.count() == 2  # "Putin" is an alias of Vladimir Putin


def test_a_shared_surname_does_not_make_two_people_one_actor(no_extractor):
    jong_un = ActorRef("Kim Jong Un", "person", "leader", ("Kim",))
    dae_jung = ActorRef("Kim Dae-jung", "person", "President", ("Kim", "President Kim Dae-jung"))
    ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1), participants=(jong_un, PUTIN))])
    ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1), participants=(dae_jung, PUTIN))])
    assert {"Kim Jong Un", "Kim Dae-jung"} <= set(Actor.objects.values_list("name", flat=True))
    # a later "Kim" alone goes to whoever first claimed the surname, and a full alias finds its actor
    assert Actor.objects.get(aliases__key="kim").name == "Kim Jong Un"
    assert Actor.objects.get(aliases__key="president kim dae jung").name == "Kim Dae-jung"


def test_two_names_for_one_actor_still_merge(no_extractor):
    ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))])
    again = meeting(mention(1), participants=(PUTIN, ActorRef("Putin", "person"), NETANYAHU))
    assert ingest_article(REUTERS, date(2016, 6, 7), candidates=[again]).events_merged == 1
    assert Event.objects.count() == 1


def test_a_one_person_report_that_fits_two_meetings_merges_into_neither(no_extractor):
    soini = ActorRef("Timo Soini", "person", "Foreign Minister")
    ingest_article(TASS, date(2016, 6, 7), candidates=[
        meeting(mention(1)), meeting(mention(1, "met", 60), participants=(NETANYAHU, soini))])
    ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1), participants=(NETANYAHU,))])
    assert Event.objects.count() == 3


def test_a_different_pair_on_the_same_day_is_a_different_meeting(no_extractor):
    ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))])
    soini = ActorRef("Timo Soini", "person", "Foreign Minister")
    ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1), participants=(NETANYAHU, soini))])
    assert Event.objects.count() == 2


def test_a_hedged_date_is_stored_as_approximate(no_extractor):
    week = Timex(0, 16, "about a week ago", "DATE", "2016-W22", date(2016, 5, 27), date(2016, 6, 3), "week",
                 approximate=True)
    ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1), date=week)])
    assert Event.objects.get().date_label == "about 27 May – 3 Jun 2016"


def test_dates_that_do_not_overlap_are_different_events(no_extractor):
    ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))])
    later = Timex(0, 4, "June 9", "DATE", "2016-06-09", date(2016, 6, 9), date(2016, 6, 9), "day")
    ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1), date=later)])
    assert Event.objects.count() == 2


def test_a_report_that_it_happened_refines_a_planned_event(no_extractor):
    month = Timex(0, 10, "next month", "DATE", "2016-06", date(2016, 6, 1), date(2016, 6, 30), "month")
    ingest_article(TASS, date(2016, 5, 20), candidates=[meeting(mention(1), date=month, status="planned")])
    ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1))])
    event = Event.objects.get()
    assert (event.status, event.date_earliest, event.date_latest) == ("occurred", date(2016, 6, 7), date(2016, 6, 7))


def test_an_edited_event_is_not_overwritten_by_a_new_source(no_extractor):
    ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))])
    event = Event.objects.get()
    event.location, event.edited = "Novo-Ogaryovo", True
    event.save()
    ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1))])
    event.refresh_from_db()
    assert event.location == "Novo-Ogaryovo" and event.mentions.count() == 2


@pytest.mark.parametrize(
    "text, published, url, message",
    [
        ("", date(2016, 6, 7), "", "empty"),
        ("   \n\n  ", date(2016, 6, 7), "", "empty"),
        ("bad\x00bytes", date(2016, 6, 7), "", "NUL"),
        ("text", "7 June 2016", "", "YYYY-MM-DD"),
        ("text", date(2999, 1, 1), "", "future"),
        ("text", date(2016, 6, 7), "ftp://example.org/a", "http"),
        ("x" * 200_001, date(2016, 6, 7), "", "limit"),
        ("text", date(2016, 6, 7), "https://example.org/" + "a" * 1000, "limit"),
        ("Le président russe Vladimir Poutine a reçu mardi le Premier ministre israélien Benjamin Netanyahu "
         "au Kremlin, un jour après que Moscou a appelé à la reprise des négociations israélo-palestiniennes. "
         "Les deux dirigeants ont discuté de la situation en Syrie.", date(2016, 6, 7), "", "English"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_is_written(no_extractor, text, published, url, message):
    with pytest.raises(IngestError, match=message):
        ingest_article(text, published, url=url, candidates=[])
    assert Article.objects.count() == 0


def test_a_publication_datetime_is_taken_as_its_date(no_extractor):
    from datetime import datetime

    a = ingest_article(TASS, datetime(2016, 6, 7, 18, 30), candidates=[]).article
    assert a.published == date(2016, 6, 7)


def test_a_failure_while_storing_events_leaves_the_database_as_it_was(no_extractor):
    broken = meeting(mention(1))
    broken.type = None  # violates NOT NULL on Event.type
    with pytest.raises(IntegrityError):
        ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1)), broken])
    assert (Article.objects.count(), Event.objects.count(), Actor.objects.count()) == (0, 0, 0)



def tass_paragraphs() -> str:
    """The TASS article's body lines as HTML paragraphs, each long enough for trafilatura to keep."""
    return "".join(f"<p>{line} It was a long and detailed day of diplomacy in the capital.</p>"
                   for line in TASS.split("\n")[1:])

class TestReextraction:
    def test_it_refreshes_unedited_events_and_drops_sources_no_longer_found(self, no_extractor):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))]).article
        stale = ingest_article(REUTERS, date(2016, 6, 7), candidates=[
            meeting(mention(1, "said", 70), type="press_conference", participants=(NETANYAHU,))]).article
        better = Timex(0, 4, "late Tuesday afternoon", "TIME", "2016-06-07TAF", date(2016, 6, 7), date(2016, 6, 7),
                       "time")
        reextract_article(a, candidates=[meeting(mention(1), date=better)])
        reextract_article(stale, candidates=[])
        event = Event.objects.get()
        assert event.date_text == "late Tuesday afternoon" and event.type == "meeting"

    def test_an_editors_correction_survives_and_verified_events_stay(self, no_extractor):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))]).article
        event = Event.objects.get()
        event.date_text, event.location, event.edited, event.verified = "Tuesday", "Moscow", True, True
        event.save()
        reextract_article(a, candidates=[meeting(mention(1), type="talks")])
        event.refresh_from_db()
        assert (event.type, event.location, event.date_text) == ("meeting", "Moscow", "Tuesday")
        reextract_article(a, candidates=[])
        assert Event.objects.filter(pk=event.pk).exists()

    def test_it_refines_but_does_not_rewrite_an_event_another_article_reports(self, no_extractor):
        month = Timex(0, 4, "June", "DATE", "2016-06", date(2016, 6, 1), date(2016, 6, 30), "month")
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1), date=month)]).article
        ingest_article(REUTERS, date(2016, 6, 7), candidates=[meeting(mention(1))])  # narrows it to Tue 7 Jun
        reextract_article(a, candidates=[meeting(mention(1), date=month, type="talks")])
        event = Event.objects.get()
        assert (event.type, event.date_earliest, event.date_latest) == ("meeting", date(2016, 6, 7), date(2016, 6, 7))
        assert event.mentions.values("article").distinct().count() == 2

    def test_it_makes_the_paragraphs_an_article_typed_by_hand_lacks(self, no_extractor):
        a = Article.objects.create(title="By hand", published=date(2016, 6, 7), text=TASS)
        reextract_article(a, candidates=[meeting(mention(1))])
        assert a.paragraphs.count() == 3
        assert Mention.objects.get().paragraph.index == 1

    def test_a_verified_event_keeps_its_fields_and_its_sources(self, no_extractor):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))]).article
        Event.objects.update(verified=True)
        reextract_article(a, candidates=[meeting(mention(1), type="talks", date=None)])
        reextract_article(a, candidates=[])
        event = Event.objects.get()
        assert (event.type, event.date_earliest, event.mentions.count()) == ("meeting", date(2016, 6, 7), 1)

    def test_running_it_twice_changes_nothing(self, no_extractor):
        a = ingest_article(TASS, date(2016, 6, 7), candidates=[meeting(mention(1))]).article
        reextract_article(a, candidates=[meeting(mention(1))])
        before = list(Mention.objects.values_list("pk", "event_id"))
        reextract_article(a, candidates=[meeting(mention(1))])
        assert list(Mention.objects.values_list("pk", "event_id")) == before


class TestIngestCommand:
    def test_it_ingests_a_file_once(self, tmp_path, monkeypatch, capsys):
        monkeypatch.setattr(ingest, "extract_candidates", lambda text, published, title: [meeting(mention(1))])
        path = tmp_path / "a.txt"
        path.write_text(TASS, encoding="utf-8")
        call_command("ingest", str(path), "--published", "2016-06-07", "--outlet", "TASS",
                     "--url", "https://example.org/a")
        assert "1 new events" in capsys.readouterr().out
        call_command("ingest", str(path), "--published", "2016-06-07")
        assert "already ingested" in capsys.readouterr().out
        a = Article.objects.get()
        assert (a.outlet, a.url, Event.objects.count()) == ("TASS", "https://example.org/a", 1)

    def test_it_reads_html_with_trafilatura(self, tmp_path, monkeypatch):
        monkeypatch.setattr(ingest, "extract_candidates", lambda text, published, title: [])
        body = tass_paragraphs()
        path = tmp_path / "a.html"
        path.write_text(f"<!DOCTYPE html><html><head><title>x</title></head><body><article><h1>Putin and "
                        f"Netanyahu meet</h1>{body}</article><footer>Cookie policy</footer></body></html>")
        call_command("ingest", str(path), "--published", "2016-06-07", "--title", "Putin and Netanyahu meet")
        a = Article.objects.get()
        assert "received Israeli Prime Minister" in a.text and "<p>" not in a.text and "Cookie" not in a.text
        assert a.title == "Putin and Netanyahu meet"  # the title given wins over the page's own

    def test_an_html_page_gives_its_own_title_unless_one_is_given(self, tmp_path, monkeypatch):
        monkeypatch.setattr(ingest, "extract_candidates", lambda text, published, title: [])
        body = tass_paragraphs()
        path = tmp_path / "a.html"
        path.write_text(f"<!DOCTYPE html><html><head><title>Putin receives Netanyahu in the Kremlin</title></head>"
                        f"<body><article>{body}</article></body></html>")
        call_command("ingest", str(path), "--published", "2016-06-07")
        assert Article.objects.get().title == "Putin receives Netanyahu in the Kremlin"

    @pytest.mark.parametrize(
        "args, message",
        [
            (["missing.txt", "--published", "2016-06-07"], "no such file"),
            (["FILE", "--published", "June 7"], "YYYY-MM-DD"),
            (["EMPTY", "--published", "2016-06-07"], "empty"),
        ],
    )
    def test_it_reports_bad_input_clearly(self, tmp_path, no_extractor, args, message):
        (tmp_path / "f.txt").write_text(TASS)
        (tmp_path / "e.txt").write_text("\n\n")
        args = [str(tmp_path / "f.txt") if a == "FILE" else str(tmp_path / "e.txt") if a == "EMPTY"
                else str(tmp_path / a) if a.endswith(".txt") else a for a in args]
        with pytest.raises(CommandError, match=message):
            call_command("ingest", *args)
        assert Article.objects.count() == 0


class TestReextractCommand:
    def test_it_reextracts_in_place_or_through_the_task_backend(self, monkeypatch, capsys):
        monkeypatch.setattr(ingest, "extract_candidates", lambda text, published, title: [meeting(mention(1))])
        a = ingest_article(TASS, date(2016, 6, 7)).article
        Event.objects.all().delete()
        call_command("reextract", str(a.pk))
        assert "1 new events" in capsys.readouterr().out and Event.objects.count() == 1
        Event.objects.all().delete()
        call_command("reextract", "--background")
        assert "successful" in capsys.readouterr().out  # the immediate backend ran it at once
        assert Event.objects.count() == 1

    def test_it_refuses_unknown_articles(self, no_extractor):
        with pytest.raises(CommandError, match="no article with id 999"):
            call_command("reextract", "999")


def test_an_article_stored_by_another_process_meanwhile_is_returned_not_duplicated(monkeypatch):
    def store_it_first(text, published, title):
        # another ingest of the same article finishes while this one is still extracting
        Article.objects.create(title="Other process", published=published, text=text)
        return [meeting(mention(1))]

    monkeypatch.setattr(ingest, "extract_candidates", store_it_first)
    result = ingest_article(TASS, date(2016, 6, 7))
    assert not result.created and result.article.title == "Other process"
    assert (Article.objects.count(), Event.objects.count()) == (1, 0)
